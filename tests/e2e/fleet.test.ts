import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accountClient, ConsoleClient, PASSWORD } from '../helpers/console-client';
import { runKiosk, type CliProcess } from './helpers/cli-process';
import { shoot, signIn } from './helpers/console-ui';
import { saveArtifact } from './helpers/player';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { writeTempPlaylist } from './helpers/temp-playlist';
import { issueTokens } from '../../src/node/fleet/enrol-tokens';
import { encodeEnrol, keyFingerprint } from '../../src/node/fleet/enrol-value';
import { joinWithToken } from '../../src/node/fleet/join';
import { consoleSuite, startConsoleCli } from './helpers/console-suite';

const SCREENS = ['hall-1', 'hall-2', 'canteen-1'] as const;
const ALERT = `冒充公安的电话今天又出现了，请立即挂断 ${Date.now().toString(36)}`;

const suite = consoleSuite('kiosk-fleet-e2e-');

const SCREEN_PASSWORD = 'screen-secret-2026';

/** `kiosk console` as the README starts it: its embedded broker on a free port, or `--broker` (Mosquitto). */
async function startConsole(data: string, broker?: Mosquitto): Promise<{ origin: string; admin: ConsoleClient }> {
  if (broker) process.env.KIOSK_MQTT_PASSWORD = 'console-secret-2026';
  const fleetArgs = broker ? ['--broker', broker.url] : ['--mqtt-port', '0'];
  const { cli, origin, setupToken: token } = await startConsoleCli(suite, [...fleetArgs, '--data', data]);
  await cli.waitFor(/Fleet broker: mqtt:\/\/127\.0\.0\.1:\d+/);
  delete process.env.KIOSK_MQTT_PASSWORD;
  const admin = new ConsoleClient(origin);
  const setup = await admin.call('setup', { body: { token, username: 'admin', password: PASSWORD } });
  expect(setup.status).toBe(200);
  return { origin, admin };
}

/** Joins a screen as `kiosk serve --enrol` does (a token from the console's folder), and returns its config. */
async function enrolled(consoleData: string, origin: string, screenId: string, screenData: string): Promise<Record<string, unknown>> {
  const [token] = await issueTokens(consoleData, 'default', 1, new Date(Date.now() + 3_600_000), new Date());
  const publicKey = (await fs.readFile(join(consoleData, 'keys', 'publisher.pub'), 'utf8')).trim();
  const joined = await joinWithToken(encodeEnrol({ url: origin, token: token!, fp: keyFingerprint(publicKey) }), screenData, screenId);
  if (!joined.ok) throw new Error(joined.error);
  return JSON.parse(await fs.readFile(joined.value.configPath, 'utf8')) as Record<string, unknown>;
}

/** A browser player started with the device config the console gives its screen group (joined, on the embedded broker). */
async function startScreen(snippet: Record<string, unknown>, screenId: string, root: string, password?: string, join_?: { consoleData: string; origin: string }): Promise<{ cli: CliProcess; url: string }> {
  const screenDir = join(root, screenId);
  await fs.mkdir(screenDir, { recursive: true });
  // Every screen joins (its own key signs its plays); on Mosquitto it signs in with the account the test made.
  const base = join_ ? await enrolled(join_.consoleData, join_.origin, screenId, join(screenDir, 'data')) : snippet;
  const fleet = { ...(base.fleet as object), ...(password ? { username: screenId, password } : {}), keepaliveSeconds: 5, heartbeatSeconds: 5, uploadSeconds: 5 };
  // Short help slides, so that plays (posted when an item ends) are on record within seconds.
  const playlist = await writeTempPlaylist(screenDir, {
    pack: ['pack/slides.json'],
    ticker: { sources: [{ type: 'slogans' }] },
    stage: [{ type: 'next-notice', variant: 'help', seconds: 2 }],
  });
  const config = { ...base, screenId, fleet, playlist };
  await fs.writeFile(join(screenDir, 'config.json'), JSON.stringify(config, null, 2));
  const cli = runKiosk(['serve', '--port', '0', '--config', join(screenDir, 'config.json'), '--data', join(screenDir, 'data')]);
  suite.defer(() => cli.stop());
  return { cli, url: (await cli.waitFor(/Browser player: (\S+)/, 120_000))[1] ?? '' };
}

async function openScreen(url: string): Promise<Page> {
  const page = await suite.browser.newPage({ viewport: { width: 960, height: 540 } });
  await page.goto(url);
  await page.getByTestId('screen').waitFor();
  return page;
}

/** A batch sent with hall-1's broker account but not its key: refused, and counted on its row of the Screens page. */
async function forgedUploadShown(dashboard: Page, root: string): Promise<void> {
  const { fleet } = JSON.parse(await fs.readFile(join(root, 'hall-1', 'config.json'), 'utf8')) as { fleet: { broker: string; username: string; password: string } };
  const thief = await mqtt.connectAsync(fleet.broker, { username: fleet.username, password: fleet.password, clientId: 'hall-1-thief', reconnectPeriod: 0 });
  await thief.publishAsync('kiosk/screens/hall-1/plays', JSON.stringify({ batch: '{"screenId":"hall-1"}', sig: `${'A'.repeat(86)}==` }), { qos: 1 });
  await thief.endAsync();
  await expect.poll(() => dashboard.locator('[data-screen=hall-1] [data-testid=refused]').innerText(), { timeout: 20_000 }).toMatch(/: 1 (forged|伪造|偽造)$/);
}

/** Shows all three online, an alert on every screen, identify, a broker restart (Mosquitto), a crash, one report. */
async function scenario(name: string, broker: Mosquitto | undefined): Promise<void> {
  const root = join(suite.dir, name);
  const { origin, admin } = await startConsole(join(root, 'console'), broker);
  await accountClient({ admin, origin } as never, 'pub', ['publisher']);
  const snippet = (await admin.call('deviceConfig', { params: { id: 'default' } })).data.config as Record<string, unknown>;
  const joining = { consoleData: join(root, 'console'), origin };
  const screens = await Promise.all(SCREENS.map((id) => startScreen(snippet, id, root, broker ? SCREEN_PASSWORD : undefined, joining)));
  const pages = await Promise.all(screens.map((s) => openScreen(s.url)));
  suite.defer(async () => void (await Promise.all(pages.map((p) => p.close()))));

  const dashboard = await suite.browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await signIn(dashboard, origin, 'pub', PASSWORD);
  await dashboard.goto(`${origin}/console/#/screens`);
  await expect.poll(() => dashboard.locator('[data-testid=fleet-table] [data-presence=online]').count(), { timeout: 20_000 }).toBe(3);
  await shoot(dashboard, `20-screens-online-${name}.png`);

  const text = `${ALERT} ${name}`;
  await dashboard.getByTestId('alert-text').fill(text);
  await dashboard.getByTestId('send-alert').click();
  // Arrival is the check; the latency is the bench's fleet figure, not a pass mark here.
  await Promise.all(pages.map((p) => p.getByText(text).first().waitFor({ timeout: 20_000 })));
  await saveArtifact(pages[0]!, `fleet-alert-on-screen-${name}.png`);
  await expect.poll(() => dashboard.getByTestId('active-alerts').innerText(), { timeout: 20_000 }).toContain('3/3');
  await shoot(dashboard, `21-screens-alert-${name}.png`);

  await dashboard.locator('[data-screen=hall-2] button[data-command=identify]').click();
  await pages[1]!.getByTestId('identify').waitFor({ timeout: 20_000 });
  expect(await pages[1]!.getByTestId('identify').innerText()).toContain('hall-2');
  await saveArtifact(pages[1]!, `fleet-identify-${name}.png`);

  if (broker) {
    // The broker restarts: every screen reconnects, keeps the alert, and none goes dark meanwhile.
    const restartedAt = new Date().toISOString();
    await broker.restart();
    for (const p of pages) expect(await p.getByTestId('screen').getAttribute('data-plan')).not.toMatch(/black|loading/);
    const reconnected = async (): Promise<number> => (await admin.call('fleet', {})).data.screens.filter((r) => r.presence === 'online' && r.status.at > restartedAt).length;
    await expect.poll(reconnected, { timeout: 20_000 }).toBe(3);
    await expect.poll(() => dashboard.locator('[data-testid=fleet-table] [data-presence=online]').count(), { timeout: 20_000 }).toBe(3);
    for (const p of pages) await p.getByText(text).first().waitFor({ timeout: 20_000 });
  }

  // Clear: the takeover ends on every screen, the slides play again and are recorded.
  await dashboard.locator('[data-testid=active-alerts] button').first().click();
  await Promise.all(pages.map((p) => p.getByText(text).first().waitFor({ state: 'detached', timeout: 20_000 })));

  // Plays reach the console every few seconds (fleet.uploadSeconds): wait until every screen's have.
  const stored = async (): Promise<number> => {
    const names = await fs.readdir(join(root, 'console', 'fleet-plays')).catch(() => [] as string[]);
    return SCREENS.filter((id) => names.includes(`${id}.jsonl`)).length;
  };
  await expect.poll(stored, { timeout: 60_000 }).toBe(3);
  await forgedUploadShown(dashboard, root);
  await screens[2]!.cli.kill();
  // A killed screen says nothing more: only the broker's last will can mark it offline.
  await expect.poll(() => dashboard.locator('[data-screen=canteen-1]').getAttribute('data-presence'), { timeout: 40_000 }).toBe('offline');
  await shoot(dashboard, `22-screens-one-offline-${name}.png`);
  await dashboard.close();

  const report = runKiosk(['report', '--fleet', '--data', join(root, 'console'), '--from', '2020-01-01', '--to', '2099-12-31', '--tz', 'Asia/Shanghai', '--out', join(root, 'report')]);
  await report.waitFor(/wrote .*fleet-report\.html/);
  const html = await fs.readFile(join(root, 'report', 'fleet-report.html'), 'utf8');
  for (const id of SCREENS) expect(html).toContain(`data-screen="${id}"`);
}

describe('fleet end to end: a console, a broker and three browser players', () => {
  it('on the embedded broker of the console (aedes)', () => scenario('embedded', undefined), 150_000);

  it('on a real Mosquitto 2 with per-screen accounts and the ACL from docs/fleet.md, restarted mid-way', async () => {
    const users: Record<string, string> = { console: 'console-secret-2026' };
    for (const id of SCREENS) users[id] = SCREEN_PASSWORD;
    const mosquitto = await startMosquitto(users);
    suite.defer(() => mosquitto.stop());
    await scenario('mosquitto', mosquitto);
  }, 150_000);
});
