import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { CONSOLE_API, consoleRoutes } from '../../src/core/console/contract';
import { delta, metricsSession, readMetrics } from '../lib/browser';
import type { BenchContext } from '../lib/context';
import { fmt, type Section } from '../lib/report';
import { serveFolders } from '../lib/static-server';

/**
 * The Screens page with 1,000 screens reporting: the console's `fleet` reply is served as the
 * server would build it (checked against the contract), with every screen's status new on each
 * poll, and Chromium's main-thread time per dashboard update is read from its own counters.
 */
function fleetReply(screens: number, poll: number, changing: number): unknown {
  const base = Date.UTC(2026, 11, 1);
  // Screen i last reported at the latest poll p with p ≡ i (mod changing): `changing` polls make a full round.
  const seen = (i: number): string => new Date(base + (poll - ((poll - i) % changing + changing) % changing) * 2000).toISOString();
  return consoleRoutes.fleet.response.parse({
    enabled: true,
    broker: 'mqtt://broker.example.org:1883',
    alerts: [],
    problems: [],
    screens: Array.from({ length: screens }, (_, i) => {
      const at = seen(i);
      return {
        screenId: `branch-${String(i).padStart(4, '0')}`,
        presence: i % 97 === 0 ? 'offline' : 'online',
        lastSeen: at,
        status: {
          screenId: `branch-${String(i).padStart(4, '0')}`, online: true, at, appVersion: '0.2.0', layout: 'landscape', groups: [`region-${i % 20}`],
          currentItem: `case c${Date.parse(at) % 36}: 冒充客服退款，先核实再操作`, sync: { lastSuccess: at, source: 'feed', lastError: null }, warnings: i % 50 === 0 ? 1 : 0,
        },
        acks: {},
        refusedUploads: 0,
      };
    }),
  });
}

async function openDashboard(page: Page, origin: string, screens: number, changing: number): Promise<{ polls: () => number }> {
  let poll = 0;
  const account = { username: 'bench', roles: ['publisher'], disabled: false, createdAt: '2026-11-01T00:00:00Z' };
  await page.route(`${origin}${CONSOLE_API}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === consoleRoutes.session.path) return route.fulfill({ json: { account, csrf: 'bench', setupNeeded: false } });
    if (path === consoleRoutes.fleet.path) return route.fulfill({ json: fleetReply(screens, poll++, changing) });
    return route.fulfill({ status: 404, json: { ok: false, error: 'not in the bench' } });
  });
  await page.goto(`${origin}/console/#/screens`);
  // The page counts every screen but draws only the rows in view: wait for the count and the first row.
  await page.waitForFunction((n) => document.querySelector('[data-testid=fleet-counts]')?.textContent?.endsWith(`/${n}`) ?? false, screens, { timeout: 60_000 });
  await page.waitForSelector('[data-testid=fleet-table] [data-screen]', { timeout: 60_000 });
  return { polls: () => poll };
}

interface Run {
  readonly updates: number;
  readonly perUpdate: number;
  readonly rows: number;
}

/** One page, `seconds` of polling; main-thread time per update from Chromium's own counters. */
async function run(ctx: BenchContext, origin: string, screens: number, changing: number, seconds: number): Promise<Run> {
  const page = await (await ctx.browser(false)).newPage({ viewport: { width: 1600, height: 1000 } });
  try {
    const { polls } = await openDashboard(page, origin, screens, changing);
    const cdp = await metricsSession(page);
    const p0 = polls();
    const m0 = await readMetrics(cdp);
    await page.waitForTimeout(seconds * 1000);
    const m1 = await readMetrics(cdp);
    const updates = polls() - p0;
    const rows = await page.locator('[data-testid=fleet-table] [data-screen]').count();
    return { updates, perUpdate: (delta(m0, m1, 'TaskDuration') * 1000) / Math.max(1, updates), rows };
  } finally {
    await page.close();
  }
}

export async function fleetDashboardSection(ctx: BenchContext): Promise<Section> {
  const outDir = resolve(ctx.appRoot, 'out/console');
  if (!existsSync(resolve(outDir, 'index.html'))) throw new Error('out/console is missing: run `npm run build:web` first');
  const screens = ctx.quick ? 200 : 1000;
  const seconds = ctx.quick ? 10 : 30;
  const server = await serveFolders({ '/console/': outDir });
  try {
    const origin = server.url.replace(/\/$/, '');
    // Heartbeats every 30 s and a poll every 2 s: a fifteenth of the screens report between polls.
    const usual = await run(ctx, origin, screens, 15, seconds);
    const worst = await run(ctx, origin, screens, 1, seconds);
    return {
      id: 'fleet-dashboard',
      title: `Fleet dashboard: ${screens} screens reporting, Screens page in Chromium`,
      columns: ['case', 'rows drawn', 'updates', 'main thread per update'],
      rows: [
        ['heartbeat every 30 s (1/15 of screens new per poll)', usual.rows, usual.updates, `${fmt(usual.perUpdate, 0)} ms`],
        ['every screen new on every poll (worst case)', worst.rows, worst.updates, `${fmt(worst.perUpdate, 0)} ms`],
      ],
      budgets: [{ name: `a dashboard update with ${screens} screens on 30-s heartbeats takes under 250 ms of main thread`, met: usual.perUpdate < 250, figure: `${fmt(usual.perUpdate, 0)} ms per update over ${usual.updates} updates (worst case ${fmt(worst.perUpdate, 0)} ms)` }],
      notes: ['Only the rows in view (and a few spare) are in the DOM (a virtual list); rows whose status did not change are not redrawn.'],
      data: { screens, usual, worst },
    };
  } finally {
    await server.close();
  }
}
