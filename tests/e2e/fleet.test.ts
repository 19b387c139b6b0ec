import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountClient, ConsoleClient, PASSWORD } from '../helpers/console-client';
import { runKiosk, type CliProcess } from './helpers/cli-process';
import { ensureConsoleBuilt, shoot, signIn } from './helpers/console-ui';
import { ensureRendererBuilt, launchChromium, saveArtifact } from './helpers/player';
import { writeTempPlaylist } from './helpers/temp-playlist';

const SCREENS = ['hall-1', 'hall-2', 'canteen-1'] as const;
const ALERT = `冒充公安的电话今天又出现了，请立即挂断 ${Date.now().toString(36)}`;

let browser: Browser;
let dir: string;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  await Promise.all([ensureRendererBuilt(), ensureConsoleBuilt()]);
  browser = await launchChromium();
  dir = await fs.mkdtemp(join(tmpdir(), 'kiosk-fleet-e2e-'));
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  await browser?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** `kiosk console` as the README starts it (a free port for the web and the embedded broker). */
async function startConsole(): Promise<{ origin: string; admin: ConsoleClient }> {
  const cli = runKiosk(['console', '--port', '0', '--mqtt-port', '0', '--data', join(dir, 'console')]);
  stops.push(() => cli.stop());
  const origin = (await cli.waitFor(/Console: (http:\/\/127\.0\.0\.1:\d+)/))[1] ?? '';
  const token = new URL((await cli.waitFor(/(http:\/\/\S+token=\S+)/))[1] ?? '').searchParams.get('token') ?? '';
  await cli.waitFor(/Fleet broker: mqtt:\/\/127\.0\.0\.1:\d+/);
  const admin = new ConsoleClient(origin);
  const setup = await admin.call('setup', { body: { token, username: 'admin', password: PASSWORD } });
  expect(setup.status).toBe(200);
  return { origin, admin };
}

/** A browser player started with the device config the console gives its screen group. */
async function startScreen(snippet: Record<string, unknown>, screenId: string): Promise<{ cli: CliProcess; url: string }> {
  const screenDir = join(dir, screenId);
  await fs.mkdir(screenDir);
  const fleet = { ...(snippet.fleet as object), username: screenId, keepaliveSeconds: 5, heartbeatSeconds: 5, uploadSeconds: 5 };
  // Short help slides, so that plays (posted when an item ends) are on record within seconds.
  const playlist = await writeTempPlaylist(screenDir, {
    pack: ['pack/slides.json'],
    ticker: { sources: [{ type: 'slogans' }] },
    stage: [{ type: 'next-notice', variant: 'help', seconds: 2 }],
  });
  const config = { ...snippet, screenId, fleet, playlist };
  await fs.writeFile(join(screenDir, 'config.json'), JSON.stringify(config, null, 2));
  const cli = runKiosk(['serve', '--port', '0', '--config', join(screenDir, 'config.json'), '--data', join(screenDir, 'data')]);
  stops.push(() => cli.stop());
  return { cli, url: (await cli.waitFor(/Browser player: (\S+)/))[1] ?? '' };
}

async function openScreen(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
  await page.goto(url);
  await page.getByTestId('screen').waitFor();
  return page;
}

const rows = (page: Page) => page.locator('[data-testid=fleet-table] tbody tr');

describe('fleet end to end: a console, its embedded broker and three browser players', () => {
  it('shows all three online, puts a signed alert on every screen within 2 s, identifies one, sees a crash, and reports on all', async () => {
    const { origin, admin } = await startConsole();
    await accountClient({ admin, origin } as never, 'pub', ['publisher']);
    const snippet = (await admin.call('deviceConfig', { params: { id: 'default' } })).data.config as Record<string, unknown>;
    const screens = await Promise.all(SCREENS.map((id) => startScreen(snippet, id)));
    const pages = await Promise.all(screens.map((s) => openScreen(s.url)));

    const dashboard = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await signIn(dashboard, origin, 'pub', PASSWORD);
    await dashboard.goto(`${origin}/console/#/screens`);
    await expect.poll(() => dashboard.locator('tr[data-presence=online]').count(), { timeout: 20_000 }).toBe(3);
    await shoot(dashboard, '20-screens-online.png');

    await dashboard.getByTestId('alert-text').fill(ALERT);
    const sent = Date.now();
    await dashboard.getByTestId('send-alert').click();
    await Promise.all(pages.map((p) => p.getByText(ALERT).first().waitFor({ timeout: 2000 })));
    const latency = Date.now() - sent;
    expect(latency).toBeLessThan(2000);
    await saveArtifact(pages[0]!, 'fleet-alert-on-screen.png');
    await expect.poll(() => dashboard.getByTestId('active-alerts').innerText(), { timeout: 5000 }).toContain('3/3');
    await shoot(dashboard, '21-screens-alert.png');

    await dashboard.locator('tr[data-screen=hall-2] button[data-command=identify]').click();
    await pages[1]!.getByTestId('identify').waitFor({ timeout: 3000 });
    expect(await pages[1]!.getByTestId('identify').innerText()).toContain('hall-2');
    await saveArtifact(pages[1]!, 'fleet-identify.png');

    // Plays reach the console every few seconds; then one report covers every screen.
    await new Promise((r) => setTimeout(r, 7000));
    await screens[2]!.cli.kill();
    const killed = Date.now();
    await expect.poll(() => dashboard.locator('tr[data-screen=canteen-1]').getAttribute('data-presence'), { timeout: 12_000 }).toBe('offline');
    expect(Date.now() - killed).toBeLessThan(1.5 * 5000 + 3000);
    await shoot(dashboard, '22-screens-one-offline.png');
    expect(await rows(dashboard).count()).toBe(3);

    const report = runKiosk(['report', '--fleet', '--data', join(dir, 'console'), '--from', '2020-01-01', '--to', '2099-12-31', '--tz', 'Asia/Shanghai', '--out', join(dir, 'report')]);
    await report.waitFor(/wrote .*fleet-report\.html/);
    const html = await fs.readFile(join(dir, 'report', 'fleet-report.html'), 'utf8');
    for (const id of SCREENS) expect(html).toContain(`data-screen="${id}"`);
  }, 120_000);
});
