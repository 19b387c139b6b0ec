import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient, PASSWORD } from '../helpers/console-client';
import { runKiosk } from './helpers/cli-process';
import { ensureConsoleBuilt, shoot, signIn } from './helpers/console-ui';
import { ensureRendererBuilt, launchChromium, saveArtifact } from './helpers/player';

let browser: Browser;
let dir: string;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  await Promise.all([ensureRendererBuilt(), ensureConsoleBuilt()]);
  browser = await launchChromium();
  dir = await fs.mkdtemp(join(tmpdir(), 'kiosk-join-e2e-'));
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  await browser?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('a screen joins with the code it shows, and no file edited', () => {
  it('shows a code, is claimed into a group, plays, keeps it across a restart, and is cut off when revoked', async () => {
    const consoleCli = runKiosk(['console', '--port', '0', '--mqtt-port', '0', '--data', join(dir, 'console')]);
    stops.push(() => consoleCli.stop());
    const origin = (await consoleCli.waitFor(/Console: (http:\/\/127\.0\.0\.1:\d+)/, 120_000))[1] ?? '';
    const token = new URL((await consoleCli.waitFor(/(http:\/\/\S+token=\S+)/))[1] ?? '').searchParams.get('token') ?? '';
    const admin = new ConsoleClient(origin);
    expect((await admin.call('setup', { body: { token, username: 'admin', password: PASSWORD } })).status).toBe(200);

    // 1. An unconfigured screen, told only where its console is, shows a pairing code.
    const screenData = join(dir, 'screen');
    let screen = runKiosk(['serve', '--port', '0', '--console', origin, '--data', screenData]);
    stops.push(() => screen.stop());
    const url = (await screen.waitFor(/Browser player: (\S+)/, 120_000))[1] ?? '';
    const tv = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await tv.goto(url);
    const code = (await tv.getByTestId('pair-code').innerText({ timeout: 20_000 })).replace(/\s/g, '');
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    await saveArtifact(tv, 'join-card.png');

    // 2. The admin adds it on the console's page, as the card's QR code opens it.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, origin, 'admin', PASSWORD);
    await page.goto(`${origin}/console/#/add-screen?code=${code}`);
    await page.getByTestId('screen-name').fill('Lobby 1');
    await page.getByTestId('add-screen').click();
    await page.getByTestId('screen-added').waitFor();
    const claimedAt = new Date().toISOString();
    await shoot(page, '30-add-screen.png');

    // 3. The screen fetches its config (it asks every 2 s) and plays its group's content.
    await tv.getByTestId('screen').waitFor({ timeout: 30_000 });
    const online = async (): Promise<string | undefined> => (await admin.call('fleet', {})).data.screens.find((r) => r.screenId === 'Lobby-1')?.presence;
    await expect.poll(online, { timeout: 30_000 }).toBe('online');
    await saveArtifact(tv, 'join-claimed-screen.png');

    // 4. After a restart, with nothing but its data folder, it still does.
    await screen.stop();
    screen = runKiosk(['serve', '--port', '0', '--data', screenData]);
    stops.push(() => screen.stop());
    const again = (await screen.waitFor(/Browser player: (\S+)/, 120_000))[1] ?? '';
    await tv.goto(again);
    await tv.getByTestId('screen').waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await admin.call('fleet', {})).data.screens.find((r) => r.screenId === 'Lobby-1' && r.status.at > claimedAt)?.presence, { timeout: 20_000 }).toBe('online');

    // 5. Revoked: off the broker (the console closes its connections at once), and refused when it tries again.
    expect((await admin.call('revokeScreen', { params: { id: 'Lobby-1' }, body: {} })).status).toBe(200);
    await expect.poll(online, { timeout: 20_000 }).toBe('offline');
    await expect.poll(() => screen.errors(), { timeout: 30_000 }).toMatch(/broker refused this screen's account/);
    await tv.close();
    await page.close();
  }, 400_000);
});
