import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskRuntime, type KioskRuntime } from '../../src/app/runtime';
import { PlayerState } from '../../src/core/api/contract';
import { playableItems } from '../../src/core/content/selection';
import { caseForDate } from '../../src/core/schedule/loop';
import { localDate } from '../../src/core/time/local-time';
import { accountClient, startConsoleFixture, type ConsoleClient, type ConsoleFixture } from '../helpers/console-client';
import { CANTEEN, approvedSlogan, caseIds, comparable, pinCase, publish, saveGroup } from '../helpers/contract-scenario';
import { until } from '../helpers/until';
import { issueTokens } from '../../src/node/fleet/enrol-tokens';
import { encodeEnrol, keyFingerprint } from '../../src/node/fleet/enrol-value';
import { joinWithToken } from '../../src/node/fleet/join';

let f: ConsoleFixture;
let editor: ConsoleClient;
let publisher: ConsoleClient;
let dir: string;
const runtimes: KioskRuntime[] = [];
/** The screen's clock: a test moves it, nothing else does. */
let clock = new Date('2026-06-01T00:30:00Z');
const PIN_DATE = '2026-06-01';

beforeAll(async () => {
  f = await startConsoleFixture();
  editor = await accountClient(f, 'editor', ['editor']);
  publisher = await accountClient(f, 'publisher', ['publisher']);
  dir = await mkdtemp(join(tmpdir(), 'contract-screen-'));
}, 60_000);
afterAll(async () => {
  for (const r of runtimes) await r.close();
  await f?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function screen(name: string, extra: Record<string, unknown> = {}): Promise<KioskRuntime> {
  const snippet = (await f.admin.call('deviceConfig', { params: { id: 'canteen' } })).data.config as Record<string, unknown>;
  const configPath = join(dir, `${name}.json`);
  const publisher = { ...(snippet.publisher as object), pollSeconds: 2, ...extra };
  await writeFile(configPath, JSON.stringify({ ...snippet, publisher, screenId: name }));
  const runtime = await createKioskRuntime({ appRoot: process.cwd(), configPath, dataDir: join(dir, name), now: () => clock, log: () => undefined });
  runtimes.push(runtime);
  return runtime;
}

const state = async (r: KioskRuntime): Promise<PlayerState> => PlayerState.parse(await (await r.app.fetch(new Request('app://kiosk/api/state'))).json());
const ids = (s: PlayerState): string[] => s.items.map((i) => i.id);

describe('a screen configured only with its group, the published folder and the key', { timeout: 60_000 }, () => {
  let pinned = '';

  it('plays the group’s loop, pace and hours, the pinned case, each item once, equal to the console’s preview', async () => {
    await saveGroup(f.admin, CANTEEN);
    const cases = await caseIds(editor, 'zh-CN');
    pinned = cases[cases.length - 1] ?? '';
    await pinCase(editor, publisher, pinned, PIN_DATE);
    // Valid until tomorrow, and a season that starts the day after: published once, judged by each screen's clock.
    await approvedSlogan(editor, publisher, 'ends-tomorrow', '活动今天结束前，领奖先核实', { type: 'window', until: '2026-06-02' });
    await approvedSlogan(editor, publisher, 'june-season', '毕业季求职，先核实再交钱', { type: 'season', from: '06-03', until: '06-30' });
    expect(await publish(publisher)).toBe(1);

    const r = await screen('canteen-01');
    // Before the first verified feed the bundled pack plays (it is the floor).
    const floor = await state(r);
    expect(floor.items.length).toBeGreaterThan(0);
    await until('the first verified sync', async () => (await state(r)).sync?.lastSuccess != null, 30_000);
    const s = await state(r);
    expect(s.sync?.lastError ?? null).toBeNull();
    expect(s.playlist.stage).toEqual(CANTEEN.stage);
    expect(s.playlist.ticker.charsPerSecond).toBe(3.5);
    expect(s.playlist.onHours).toEqual(CANTEEN.onHours);
    expect(new Set(ids(s)).size).toBe(s.items.length);

    const preview = await f.admin.call('previewState', { query: { group: 'canteen', source: 'published', now: clock.toISOString() } });
    expect(preview.status, preview.error).toBe(200);
    expect(ids(s)).toEqual(ids(preview.data));
    expect(s.items.map(comparable)).toEqual(preview.data.items.map(comparable));
    expect(s.playlist).toEqual(preview.data.playlist);

    const date = localDate(clock, CANTEEN.timeZone);
    expect(date).toBe(PIN_DATE);
    const onScreen = caseForDate({ items: s.items, playlist: s.playlist, locale: s.locales[0] ?? 'zh-CN', date });
    expect(onScreen?.id).toBe(pinned);
    const answer = await f.admin.call('caseOfDay', { query: { date } });
    expect(answer.data.groups.find((g) => g.group === 'canteen')?.caseId).toBe(pinned);
    const videos = s.items.filter((i) => i.kind === 'video');
    expect(videos.length).toBeGreaterThan(0);
    expect(videos.every((v) => v.kind === 'video' && v.captions?.startsWith('media/cache/'))).toBe(true);
  });

  it('a changed loop reaches the running screen within one poll', async () => {
    const r = runtimes[0];
    if (!r) throw new Error('no screen');
    const before = (await state(r)).version;
    await saveGroup(f.admin, { ...CANTEEN, stage: [{ type: 'next-notice', variant: 'help', seconds: 9 }] });
    expect(await publish(publisher)).toBe(2);
    // Nothing but the screen's own poll (2 s) carries the change: no reload, no restart.
    // The renderer refetches on a new state version: the change must come with one.
    await until('the changed loop, announced', async () => {
      const now = await state(r);
      return now.playlist.stage.length === 1 && now.version > before;
    }, 30_000);
    expect((await state(r)).playlist.stage).toEqual([{ type: 'next-notice', variant: 'help', seconds: 9 }]);
  });

  it('a changed loop reaches a joined screen at once through the fleet reload, not its poll', async () => {
    const [token] = await issueTokens(f.dataDir, 'canteen', 1, new Date(Date.now() + 600_000), new Date());
    const screenDir = join(dir, 'joined');
    const joined = await joinWithToken(encodeEnrol({ url: f.origin, token: token!, fp: keyFingerprint((await readFile(join(f.dataDir, 'keys', 'publisher.pub'), 'utf8')).trim()) }), screenDir);
    if (!joined.ok) throw new Error(joined.error);
    // An hour between polls: within this test only the reload can carry the change. This screen
    // keeps real time: a fleet command from its future (the other screens' June clock) is refused.
    const config = JSON.parse(await readFile(joined.value.configPath, 'utf8')) as { publisher: Record<string, unknown> };
    await writeFile(joined.value.configPath, JSON.stringify({ ...config, publisher: { ...config.publisher, pollSeconds: 3600 } }));
    const r = await createKioskRuntime({ appRoot: process.cwd(), configPath: joined.value.configPath, dataDir: screenDir, log: () => undefined });
    runtimes.push(r);
    await until('the joined screen on the fleet channel', async () => f.running.fleet?.fleet.screens().some((s) => s.screenId === joined.value.screenId && s.presence === 'online'), 30_000);
    await until('its first verified sync', async () => (await state(r)).sync?.lastSuccess != null, 120_000);
    const loop = [{ type: 'next-notice' as const, variant: 'help' as const, seconds: 7 }];
    await saveGroup(f.admin, { ...CANTEEN, stage: loop });
    expect(await publish(publisher)).toBe(3);
    expect((await state(r)).playlist.stage).not.toEqual(loop);
    const sent = performance.now();
    expect(await f.running.fleet?.fleet.command('reload', { scope: 'group', group: 'canteen' })).toBeGreaterThan(0);
    await until('the reloaded loop', async () => JSON.stringify((await state(r)).playlist.stage) === JSON.stringify(loop), 30_000);
    // A figure for the closing note, not a timed assertion: the bound is the issue's 3 s on a LAN.
    console.info(`fleet reload → new loop on screen: ${Math.round(performance.now() - sent)} ms`);
    // The player page is told to reload too, after the documents arrived.
    await until('the reload directive', async () => (await state(r)).directives?.reload === 1, 10_000);
  }, 240_000);

  it('offline, the screen decides time by its own clock: a season starts on its first day, an expired item goes the next day', async () => {
    const r = runtimes[0];
    if (!r) throw new Error('no screen');
    await f.running.close();
    const playable = async (at: string): Promise<string[]> => {
      clock = new Date(at);
      const s = await state(r);
      return playableItems(s.items, s.playlist, localDate(clock, s.playlist.timeZone)).map((i) => i.id);
    };
    const june2 = await playable('2026-06-02T01:00:00Z');
    expect(june2).toContain('ends-tomorrow');
    expect(june2).not.toContain('june-season');
    const june3 = await playable('2026-06-03T01:00:00Z');
    expect(june3).not.toContain('ends-tomorrow');
    expect(june3).toContain('june-season');
    // No publish happened in between: the screen still holds version 2 and never reached the console.
    expect((await state(r)).items.map((i) => i.id)).toEqual(expect.arrayContaining(['ends-tomorrow', 'june-season']));
  });
});
