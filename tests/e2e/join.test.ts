import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleClient, PASSWORD } from '../helpers/console-client';
import { runKiosk } from './helpers/cli-process';
import { shoot, signIn } from './helpers/console-ui';
import { saveArtifact } from './helpers/player';
import { consoleSuite, startConsoleCli } from './helpers/console-suite';

const suite = consoleSuite('kiosk-join-e2e-');

describe('a screen joins with the code it shows, and no file edited', () => {
  it('shows a code, is claimed into a group, plays, keeps it across a restart, and is cut off when revoked', async () => {
    const { origin, setupToken: token } = await startConsoleCli(suite, ['--mqtt-port', '0', '--data', join(suite.dir, 'console')], 120_000);
    const admin = new ConsoleClient(origin);
    expect((await admin.call('setup', { body: { token, username: 'admin', password: PASSWORD } })).status).toBe(200);

    // 1. An unconfigured screen, told only where its console is, shows a pairing code.
    const screenData = join(suite.dir, 'screen');
    let screen = runKiosk(['serve', '--port', '0', '--console', origin, '--data', screenData]);
    suite.defer(() => screen.stop());
    const url = (await screen.waitFor(/Browser player: (\S+)/, 120_000))[1] ?? '';
    const tv = await suite.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await tv.goto(url);
    const code = (await tv.getByTestId('pair-code').innerText({ timeout: 20_000 })).replace(/\s/g, '');
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    await saveArtifact(tv, 'join-card.png');

    // 2. The admin adds it on the console's page, as the card's QR code opens it.
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
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
    suite.defer(() => screen.stop());
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
