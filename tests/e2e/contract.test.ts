import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlayerState } from '../../src/core/api/contract';
import { ConsoleClient } from '../helpers/console-client';
import { CANTEEN, caseIds, comparable, pinCase, publish, saveGroup } from '../helpers/contract-scenario';
import { until } from '../helpers/until';
import { runKiosk } from './helpers/cli-process';
import { saveArtifact } from './helpers/player';
import { consoleSuite, startConsoleCli } from './helpers/console-suite';

const PASSWORD = 'contract-pass-2026';
const DAY = '2026-12-07';
const INSIDE = `${DAY}T08:30:00+08:00`;
const OUTSIDE = `${DAY}T10:00:00+08:00`;

const suite = consoleSuite('kiosk-contract-e2e-');

/** `kiosk console` as an operator starts it, and a client signed in as its first admin (who holds every role). */
async function startConsole(): Promise<ConsoleClient> {
  const { origin, setupToken: token } = await startConsoleCli(suite, ['--no-fleet', '--data', join(suite.dir, 'console')]);
  const admin = new ConsoleClient(origin);
  expect((await admin.call('setup', { body: { token, username: 'admin', password: PASSWORD } })).status).toBe(200);
  return admin;
}

/** `kiosk serve` with exactly the group's device-config snippet, polling every 2 s. */
async function startScreen(admin: ConsoleClient): Promise<string> {
  const snippet = (await admin.call('deviceConfig', { params: { id: CANTEEN.id } })).data.config as Record<string, unknown>;
  expect(Object.keys(snippet.publisher as object).sort()).toEqual(['group', 'publicKey', 'url']);
  const config = { ...snippet, publisher: { ...(snippet.publisher as object), pollSeconds: 2 } };
  await fs.writeFile(join(suite.dir, 'screen.json'), JSON.stringify(config, null, 2));
  const cli = runKiosk(['serve', '--port', '0', '--config', join(suite.dir, 'screen.json'), '--data', join(suite.dir, 'screen')]);
  suite.defer(() => cli.stop());
  return (await cli.waitFor(/Browser player: (\S+)/))[1] ?? '';
}

const screenState = async (url: string): Promise<PlayerState> => PlayerState.parse(await (await fetch(`${url}api/state`)).json());

describe('what the console approves is what the screen plays', () => {
  it('group loop, pace and hours, the pinned case, ids equal to the preview, no duplicates, captions; a loop change arrives by poll', async () => {
    const admin = await startConsole();
    await saveGroup(admin, CANTEEN);
    const cases = await caseIds(admin, 'zh-CN');
    const pinned = cases[Math.floor(cases.length / 2)] ?? '';
    await pinCase(admin, admin, pinned, DAY);
    expect(await publish(admin)).toBe(1);
    const url = await startScreen(admin);
    await until('the screen to take the group playlist', async () => (await screenState(url)).playlist.stage[0]?.type === 'case-of-the-day', 90_000)
      .catch(async (e: unknown) => {
        throw new Error(`${String(e)}; the screen's sync: ${JSON.stringify((await screenState(url)).sync)}`);
      });

    const state = await screenState(url);
    expect(state.playlist.stage).toEqual(CANTEEN.stage);
    expect(state.playlist.ticker.charsPerSecond).toBe(3.5);
    expect(state.playlist.onHours).toEqual(CANTEEN.onHours);
    const ids = state.items.map((i) => i.id);
    expect(ids.length - new Set(ids).size).toBe(0);
    const preview = await admin.call('previewState', { query: { group: CANTEEN.id, source: 'published', now: new Date(INSIDE).toISOString() } });
    expect(ids).toEqual(preview.data.items.map((i) => i.id));
    expect(state.items.map(comparable)).toEqual(preview.data.items.map(comparable));
    const library = (await admin.call('listItems', { query: { kind: 'video' } })).data.items;
    const captioned = await Promise.all(library.map(async (v) => (await admin.call('getItem', { params: { id: v.id } })).data.entry.item));
    // The group's region (cn) leaves out the videos made for tw and hk: those with captions the group gets must keep them.
    const forGroup = new Set(preview.data.items.map((i) => i.id));
    const withCaptions = captioned.filter((v) => v.kind === 'video' && v.captions && forGroup.has(v.id)).map((v) => v.id);
    expect(withCaptions.length).toBeGreaterThan(0);
    for (const id of withCaptions) expect(state.items.find((i) => i.id === id)).toMatchObject({ captions: expect.stringMatching(/^media\/cache\/[0-9a-f]{64}$/) });

    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${url}?now=${encodeURIComponent(INSIDE)}`);
    await page.locator(`[data-kind="case"][data-item-id="${pinned}"]`).waitFor({ timeout: 20_000 });
    await page.evaluate('document.fonts.ready');
    await saveArtifact(page, 'contract/pinned-case-inside-hours.png');
    // The loop changes in the console; a page already playing (ten times faster) shows the new loop,
    // which alone has a video, after the screen's next poll: nothing is restarted or edited on the screen.
    const running = await suite.browser.newPage({ viewport: { width: 960, height: 540 } });
    await running.goto(`${url}?now=${encodeURIComponent(INSIDE)}&rate=10`);
    await running.locator('[data-testid="stage"][data-view="card"]').waitFor({ timeout: 20_000 });
    expect(await running.locator('[data-testid="stage"][data-view="video"]').count()).toBe(0);
    const changed = [{ type: 'next-video' as const }, { type: 'case-of-the-day' as const, seconds: 17 }];
    await saveGroup(admin, { ...CANTEEN, stage: changed });
    expect(await publish(admin)).toBe(2);
    await until('one poll to bring the new loop', async () => (await screenState(url)).playlist.stage.length === 2 && (await screenState(url)).playlist.stage[0]?.type === 'next-video', 30_000);
    await running.locator('[data-testid="stage"][data-view="video"]').waitFor({ timeout: 30_000 });
    await saveArtifact(running, 'contract/loop-changed.png');

    const outside = await suite.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await outside.goto(`${url}?now=${encodeURIComponent(OUTSIDE)}`);
    await outside.getByTestId('standby').waitFor({ timeout: 20_000 });
    await saveArtifact(outside, 'contract/standby-outside-hours.png');
  });
});
