import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startConsole, type RunningConsole } from '../../src/app/console';
import { CSRF_HEADER, consoleRoutes } from '../../src/core/console/contract';
import { seedConsole, type SeedSizes } from '../lib/console-seed';
import { median, ms, percentile, type Section } from '../lib/report';

const SIZES: SeedSizes = { screens: 10_000, items: 20_000, audit: 50_000 };
const BUDGET_MS = 100;
const PASSWORD = 'bench console pages';

type ListName = 'itemPage' | 'screenPage' | 'auditPage';
interface Probe { readonly list: ListName; readonly kind: string; readonly query: Record<string, string> }

/** Per list: the first page, a filtered page, a text search and a page deep in the list. */
const PROBES: readonly Probe[] = [
  { list: 'screenPage', kind: 'first page', query: {} },
  { list: 'screenPage', kind: 'filtered (group + presence)', query: { group: 'atm', presence: 'never' } },
  { list: 'screenPage', kind: 'search "haidian atm"', query: { q: 'haidian atm' } },
  { list: 'screenPage', kind: 'deep page (offset 9,900)', query: { offset: '9900', sort: 'screenId' } },
  { list: 'itemPage', kind: 'first page', query: {} },
  { list: 'itemPage', kind: 'filtered (kind + status)', query: { kind: 'notice', status: 'approved' } },
  { list: 'itemPage', kind: 'search "退款 转账"', query: { q: '退款 转账' } },
  { list: 'itemPage', kind: 'deep page (offset 19,900)', query: { offset: '19900' } },
  { list: 'auditPage', kind: 'first page', query: {} },
  { list: 'auditPage', kind: 'filtered (actor + action)', query: { actor: 'wang', action: 'edit' } },
  { list: 'auditPage', kind: 'search "refund"', query: { q: 'refund' } },
  { list: 'auditPage', kind: 'deep page (offset 49,900)', query: { offset: '49900' } },
];

const LIST_TITLE: Record<ListName, string> = {
  screenPage: `screens (${SIZES.screens.toLocaleString('en')})`,
  itemPage: `library items (${SIZES.items.toLocaleString('en')})`,
  auditPage: `audit log (${SIZES.audit.toLocaleString('en')})`,
};

/** Signs the first admin in through the set-up link; returns the session cookie. */
async function signIn(running: RunningConsole): Promise<string> {
  const origin = new URL(running.url).origin;
  const token = new URL(running.setupUrl ?? '').searchParams.get('token') ?? '';
  const reply = await fetch(`${origin}${consoleRoutes.setup.path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin, [CSRF_HEADER]: '' },
    body: JSON.stringify({ token, username: 'admin', password: PASSWORD }),
  });
  if (!reply.ok) throw new Error(`console-pages: set-up failed: ${reply.status} ${await reply.text()}`);
  return (reply.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** One request over HTTP, from sending to the whole reply parsed by the contract's schema. */
async function timedPage(origin: string, cookie: string, probe: Probe): Promise<{ ms: number; total: number }> {
  const route = consoleRoutes[probe.list];
  const url = `${origin}${route.path}?${new URLSearchParams({ limit: '50', ...probe.query }).toString()}`;
  const t0 = performance.now();
  const reply = await fetch(url, { headers: { cookie } });
  const body: unknown = await reply.json();
  const took = performance.now() - t0;
  if (!reply.ok) throw new Error(`console-pages: ${url}: ${reply.status} ${JSON.stringify(body)}`);
  const parsed = route.response.parse(body);
  if (parsed.entries.length === 0) throw new Error(`console-pages: ${probe.list} ${probe.kind} returned no rows`);
  return { ms: took, total: parsed.total };
}

interface Measured { readonly probe: Probe; readonly times: number[]; readonly total: number }

async function measure(origin: string, cookie: string, repeats: number): Promise<Measured[]> {
  const out = PROBES.map((probe) => ({ probe, times: [] as number[], total: 0 }));
  for (const m of out) m.total = (await timedPage(origin, cookie, m.probe)).total; // warm-up, not counted
  // Interleaved, so a slow moment of the machine spreads over every kind rather than one.
  for (let r = 0; r < repeats; r++) for (const m of out) m.times.push((await timedPage(origin, cookie, m.probe)).ms);
  return out;
}

function report(measured: readonly Measured[], seedMs: number, openMs: number, repeats: number): Section {
  const lists: ListName[] = ['screenPage', 'itemPage', 'auditPage'];
  return {
    id: 'console-pages',
    title: 'Console list pages over HTTP at branch-network scale (server-side paging, 50 rows a page)',
    columns: ['list', 'request', 'matches', 'p50', 'p95'],
    rows: measured.map((m) => [LIST_TITLE[m.probe.list], m.probe.kind, String(m.total), ms(median(m.times)), ms(percentile(m.times, 95))]),
    budgets: lists.map((list) => {
      const worst = Math.max(...measured.filter((m) => m.probe.list === list).map((m) => percentile(m.times, 95)));
      return { name: `console ${LIST_TITLE[list]}: every page request within ${BUDGET_MS} ms (p95)`, met: worst <= BUDGET_MS, figure: `worst p95 ${ms(worst)} (limit ${BUDGET_MS} ms)` };
    }),
    notes: [
      `${repeats} timed requests per kind after one warm-up, interleaved; each from sending to the reply parsed by the contract's schema, on a real console (startConsole, loopback).`,
      `Data folder written directly in ${ms(seedMs, 0)}; the console opened it in ${ms(openMs, 0)}.`,
      'Figures taken on a busy machine are not valid against the budget: re-run idle.',
    ],
    data: { sizes: SIZES, repeats, seedMs, openMs, requests: measured.map((m) => ({ list: m.probe.list, kind: m.probe.kind, total: m.total, times: m.times })) },
  };
}

/** 10,000 screens, 20,000 items and 50,000 audit entries: one page of each list, timed over HTTP. */
export async function consolePagesSection(ctx: { appRoot: string; quick: boolean; log: (line: string) => void }): Promise<Section> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-console-pages-'));
  let running: RunningConsole | undefined;
  try {
    ctx.log(`console-pages: writing ${SIZES.screens} screens, ${SIZES.items} items, ${SIZES.audit} audit entries`);
    const t0 = performance.now();
    await seedConsole(dataDir, SIZES);
    const t1 = performance.now();
    running = await startConsole({ appRoot: ctx.appRoot, dataDir, port: 0, fleet: { mqttPort: 0 }, log: () => undefined });
    const t2 = performance.now();
    const cookie = await signIn(running);
    const repeats = ctx.quick ? 10 : 60;
    const measured = await measure(new URL(running.url).origin, cookie, repeats);
    return report(measured, t1 - t0, t2 - t1, repeats);
  } finally {
    await running?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
