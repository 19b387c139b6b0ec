import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFolders, type StaticServer } from '../../bench/lib/static-server';
import { CONSOLE_API, consoleRoutes } from '../../src/core/console/contract';
import { ensureConsoleBuilt, shoot } from './helpers/console-ui';
import { APP_ROOT, launchChromium } from './helpers/player';

/**
 * The Screens page with a fleet of 1,000 screens: the page counts all of them, draws only the
 * rows in view, scrolls to the last screen, and the commands and revoke of a scrolled-to row
 * still reach the console. The console's API is answered here (as the fleet-dashboard bench
 * does), so 1,000 screens need no broker; the built console UI is the real one.
 */
const SCREENS = 1000;
const id = (i: number): string => `branch-${String(i).padStart(4, '0')}`;
const LAST = id(SCREENS - 1);
const OFFLINE = (i: number): boolean => i % 97 === 0;

interface Fake { readonly commands: { command: string; screen?: string }[]; readonly revoked: string[] }

function fleetReply(fake: Fake): unknown {
  const at = '2026-12-01T08:00:00.000Z';
  return consoleRoutes.fleet.response.parse({
    enabled: true, broker: 'mqtt://broker.example.org:1883', alerts: [], problems: [],
    screens: Array.from({ length: SCREENS }, (_, i) => ({
      screenId: id(i), presence: OFFLINE(i) ? 'offline' : 'online', lastSeen: at,
      status: { screenId: id(i), online: true, at, appVersion: '0.2.0', layout: 'landscape', groups: [`region-${i % 20}`], currentItem: `case c${i % 36}`, warnings: 0 },
      // A command the console was sent comes back as the screen's ack on the next poll.
      acks: Object.fromEntries(fake.commands.flatMap((c, seq) => (c.screen === id(i) ? [[String(seq), { result: 'ok', at, detail: `${c.command} done` }]] : []))),
      refusedUploads: 0,
    })),
  });
}

async function fakeConsole(page: Page, origin: string): Promise<Fake> {
  const fake: Fake = { commands: [], revoked: [] };
  const account = { username: 'admin', roles: ['admin', 'publisher'], disabled: false, createdAt: '2026-11-01T00:00:00Z' };
  await page.route(`${origin}${CONSOLE_API}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === consoleRoutes.session.path) return route.fulfill({ json: { account, csrf: 'e2e', setupNeeded: false } });
    if (path === consoleRoutes.fleet.path) return route.fulfill({ json: fleetReply(fake) });
    if (path === consoleRoutes.fleetCommand.path) {
      const body = route.request().postDataJSON() as { command: string; target: { screen?: string } };
      fake.commands.push({ command: body.command, screen: body.target.screen });
      return route.fulfill({ json: { seq: fake.commands.length - 1 } });
    }
    const revoke = /\/fleet\/screens\/([^/]+)\/revoke$/.exec(path);
    if (revoke) return route.fulfill({ json: (fake.revoked.push(decodeURIComponent(revoke[1] ?? '')), { ok: true }) });
    if (path === consoleRoutes.screenPage.path) return route.fulfill({ json: { total: 0, entries: [] } });
    if (path === consoleRoutes.listGroups.path) return route.fulfill({ json: [] });
    return route.fulfill({ status: 404, json: { ok: false, error: 'not in this test' } });
  });
  return fake;
}

/** The rows of the live table now in the DOM. */
const drawn = (page: Page): Locator => page.locator('[data-testid=fleet-table] [data-screen]');

/** Whether the element's box lies inside the table's scrolled viewport (what a user can see). */
async function inView(table: Locator, el: Locator): Promise<boolean> {
  const [outer, inner] = await Promise.all([table.boundingBox(), el.boundingBox()]);
  return !!outer && !!inner && inner.y >= outer.y && inner.y + inner.height <= outer.y + outer.height + 1;
}

let browser: Browser;
let server: StaticServer;
let origin = '';

beforeAll(async () => {
  await ensureConsoleBuilt();
  browser = await launchChromium();
  server = await serveFolders({ '/console/': join(APP_ROOT, 'out/console') });
  origin = server.url.replace(/\/$/, '');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the Screens page with 1,000 screens', () => {
  it('counts them all, draws only the rows in view, and acts on a scrolled-to row', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const fake = await fakeConsole(page, origin);
    await page.goto(`${origin}/console/#/screens`);
    const table = page.getByTestId('fleet-table');
    await expect.poll(() => page.getByTestId('fleet-counts').innerText(), { timeout: 60_000 }).toBe(`${SCREENS - 11}/${SCREENS}`);
    expect(await table.getAttribute('aria-rowcount')).toBe(String(SCREENS + 1));
    const first = await drawn(page).count();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(80);
    // Offline first: the first row is an offline screen, and the last screen is not in the DOM yet.
    expect(await drawn(page).first().getAttribute('data-presence')).toBe('offline');
    expect(await page.locator(`[data-screen=${LAST}]`).count()).toBe(0);

    await table.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = page.locator(`[data-screen=${LAST}]`);
    await expect.poll(() => inView(table, last.getByText(LAST)), { timeout: 20_000 }).toBe(true);
    expect(await drawn(page).count()).toBeLessThan(80);
    expect(await last.locator('xpath=..').getAttribute('aria-rowindex')).toBe(String(SCREENS + 1));
    await shoot(page, '23-screens-1000-scrolled-to-end.png');

    await last.locator('button[data-command=identify]').click();
    await expect.poll(() => last.getByTestId('ack').innerText(), { timeout: 20_000 }).toBe('ok: identify done');
    expect(fake.commands).toEqual([{ command: 'identify', screen: LAST }]);
    page.once('dialog', (d) => void d.accept());
    await last.getByTestId('revoke').click();
    await expect.poll(() => fake.revoked).toEqual([LAST]);
    await page.close();
  });

  it('keeps the focused row while it scrolls away, and filters the whole fleet', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await fakeConsole(page, origin);
    await page.goto(`${origin}/console/#/screens`);
    const table = page.getByTestId('fleet-table');
    await drawn(page).first().waitFor({ timeout: 60_000 });
    await table.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.locator(`[data-screen=${LAST}] button[data-command=reload]`).focus();
    await table.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect.poll(() => page.locator(`[data-screen=${id(0)}]`).count()).toBe(1);
    const focused = await page.evaluate(() => document.activeElement?.closest<HTMLElement>('[data-screen]')?.dataset.screen ?? null);
    expect(focused).toBe(LAST);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.command ?? null)).toBe('sync-now');

    await page.getByTestId('state-filter').selectOption('offline');
    await expect.poll(() => table.getAttribute('aria-rowcount')).toBe('12');
    const states = await drawn(page).evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.presence));
    expect(states).toEqual(Array.from({ length: 11 }, () => 'offline'));
    await page.close();
  });
});
