import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Parser from 'rss-parser';
import { FeedSettings } from '../../src/core/model/feed-config';
import { fetchFeed } from '../../src/node/feed/fetch-feed';
import { createHttpClient } from '../../src/node/feed/http-client';
import { createFeedSync } from '../../src/node/sync/feed-sync';
import type { BenchContext } from '../lib/context';
import { atomFeed, rssFeed } from '../lib/feeds';
import { fmt, judgedBudget, median, type Budget, type Section } from '../lib/report';
import { interleave, judge, type Judgement } from '../lib/rounds';

const ITEMS = 5000;

/** A local feed server: a new ETag per request in 'fresh' mode; 304 for a known ETag in 'same' mode. */
async function feedServer(bodies: Readonly<Record<string, { body: Buffer; type: string }>>) {
  let mode: 'fresh' | 'same' = 'fresh';
  let counter = 0;
  const server = createServer((req, res) => {
    const feed = bodies[req.url ?? ''];
    if (!feed) return void res.writeHead(404).end();
    if (mode === 'same' && req.headers['if-none-match']) return void res.writeHead(304, { etag: req.headers['if-none-match'] }).end();
    res.writeHead(200, { 'content-type': feed.type, 'content-length': feed.body.length, etag: `"v${++counter}"` }).end(feed.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setMode: (m: 'fresh' | 'same') => void (mode = m),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number }> {
  await fn(); // warm-up: JIT, file system, connection
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(wall), cpuMs: median(cpu) };
}

/**
 * Runs `fn` while counting errors that escape as uncaught exceptions (they would kill the
 * kiosk process); the bench keeps going so it can report them next to the figures.
 */
async function countingEscapes<T>(fn: () => Promise<T>): Promise<{ value: T; escaped: string[] }> {
  const escaped: string[] = [];
  const onError = (error: Error): void => void escaped.push(`${(error as { code?: string }).code ?? error.name}: ${error.message}`);
  process.on('uncaughtException', onError);
  try {
    const value = await fn();
    await new Promise((r) => setTimeout(r, 50));
    return { value, escaped };
  } finally {
    process.off('uncaughtException', onError);
  }
}

async function timeOnce(fn: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms: wall, cpuMs: (c.user + c.system) / 1000 };
}

/**
 * rss-parser alone and the whole sync, alternately (A B, B A …) after one warm-up each, so a
 * change of the machine's load falls on both: the ratio is judged per round.
 */
async function parseAgainstPipeline(rounds: number, xml: string, sync: () => Promise<unknown>) {
  await new Parser().parseString(xml);
  await sync();
  const r = await interleave(rounds, { parse: () => timeOnce(() => new Parser().parseString(xml)), pipeline: () => timeOnce(sync) });
  const parse = r.parse ?? [];
  const pipeline = r.pipeline ?? [];
  const judgement = judge(pipeline.map((p) => p.ms), parse.map((p) => FEED_RATIO * p.ms), false);
  const ratios = pipeline.map((p, i) => p.ms / (parse[i]?.ms ?? Number.NaN));
  return { parseMs: median(parse.map((p) => p.ms)), pipelineMs: median(pipeline.map((p) => p.ms)), pipelineCpuMs: median(pipeline.map((p) => p.cpuMs)), ratio: median(ratios), ratios, judgement };
}

/** The budget: the whole pipeline within this many times rss-parser's parse alone. */
const FEED_RATIO = 1.5;

interface Row { readonly ratio: number; readonly ratios: readonly number[]; readonly judgement: Judgement; readonly escaped: readonly string[]; readonly format: string; readonly parseMs: number; readonly pipelineMs: number; readonly pipelineCpuMs: number; readonly accepted: number; readonly pollCpuMs: number; readonly fetch304CpuMs: number; readonly bytes: number }

async function measureFormat(ctx: BenchContext, format: 'RSS 2.0' | 'Atom 1.0', xml: string): Promise<Row> {
  const runs = ctx.quick ? 3 : 7;
  const path = format === 'RSS 2.0' ? '/feed.rss' : '/feed.atom';
  const body = Buffer.from(xml, 'utf8');
  const server = await feedServer({ [path]: { body, type: format === 'RSS 2.0' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8' } });
  const dataDir = await mkdtemp(join(ctx.fixture.dir, 'feed-'));
  const settings = FeedSettings.parse({ sources: [{ url: server.url + path, allowHttp: true }], privateHosts: ['127.0.0.1'], maxItemsPerFeed: ITEMS, pollSeconds: 3600 });
  const sync = await createFeedSync({ settings, dataDir, now: () => new Date(), log: () => {} });
  const client = createHttpClient({ connectTimeoutMs: 5000, privateHosts: settings.privateHosts });
  try {
    server.setMode('fresh');
    const measured = await parseAgainstPipeline(runs, xml, () => sync.syncNow());
    const accepted = sync.status().accepted;
    if (accepted < ITEMS * 0.99) throw new Error(`${format}: the pipeline accepted ${accepted} of ${ITEMS} items (${sync.status().lastError ?? 'no error'})`);
    server.setMode('same');
    const pollRuns = ctx.quick ? 10 : 30;
    const source = settings.sources[0];
    if (!source) throw new Error('no source');
    const { value: [poll, fetch304], escaped } = await countingEscapes(async () => [
      await timeIt(pollRuns, () => sync.syncNow()),
      await timeIt(pollRuns, async () => {
        const r = await fetchFeed(client, settings, source, { etag: '"v1"' });
        if (!r.ok || r.value.kind !== 'not-modified') throw new Error(`expected a 304, got ${JSON.stringify(r).slice(0, 120)}`);
      }),
    ] as const);
    return { ...measured, escaped: [...new Set(escaped)].map((e) => `${e} (×${escaped.filter((x) => x === e).length})`), format, accepted, pollCpuMs: poll.cpuMs, fetch304CpuMs: fetch304.cpuMs, bytes: body.length };
  } finally {
    await sync.stop();
    await client.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function feedSection(ctx: BenchContext): Promise<Section> {
  const now = new Date();
  const rows: Row[] = [];
  for (const [format, xml] of [['RSS 2.0', rssFeed(ITEMS, now)], ['Atom 1.0', atomFeed(ITEMS, now)]] as const) {
    ctx.log(`feed: ${format}`);
    rows.push(await measureFormat(ctx, format, xml));
  }
  const budgets: Budget[] = rows.flatMap((r) => [
    judgedBudget(
      `feed (${r.format}): whole pipeline within ${FEED_RATIO}× of rss-parser's parse alone`,
      r.judgement.verdict,
      `${fmt(r.pipelineMs, 0)} ms vs ${fmt(r.parseMs, 0)} ms = ${fmt(r.ratio, 2)}× (median of ${r.ratios.length} interleaved rounds; ` +
        `per round ${r.ratios.map((x) => fmt(x, 2)).join(', ')}; pipeline − ${FEED_RATIO}× parse ${fmt(r.judgement.difference, 0)} ± ${fmt(r.judgement.spread, 0)} ms)`,
      r.judgement,
    ),
    {
      name: `feed (${r.format}): unchanged poll (304) under 5 ms of CPU`,
      met: r.pollCpuMs < 5 && r.escaped.length === 0,
      figure: `${fmt(r.pollCpuMs, 2)} ms CPU for a whole sync answered 304 (the conditional GET alone: ${fmt(r.fetch304CpuMs, 2)} ms)` +
        (r.escaped.length > 0 ? `; and every 304 throws an uncaught exception that would end the process: ${r.escaped.join('; ')}` : ''),
    },
  ]);
  return {
    id: 'feed',
    title: `Feed ingest: ${ITEMS.toLocaleString('en')} items (median of ${ctx.quick ? 3 : 7} interleaved rounds)`,
    columns: ['feed', 'size', 'rss-parser parseString', 'kiosk sync (fetch→snapshot)', 'ratio', 'items accepted', 'sync CPU', '304 poll CPU (whole sync)', '304 GET CPU', 'uncaught errors on 304'],
    rows: rows.map((r) => [
      r.format, `${fmt(r.bytes / 1_048_576, 2)} MB`, `${fmt(r.parseMs, 0)} ms`, `${fmt(r.pipelineMs, 0)} ms`, `${fmt(r.ratio, 2)}×`,
      String(r.accepted), `${fmt(r.pipelineCpuMs, 0)} ms`, `${fmt(r.pollCpuMs, 2)} ms`, `${fmt(r.fetch304CpuMs, 2)} ms`,
      String(r.escaped.length === 0 ? 0 : r.escaped.join('; ').slice(0, 60)),
    ]),
    budgets,
    notes: [
      "The kiosk column is createFeedSync().syncNow() against a 127.0.0.1 server: conditional GET, decode, XML read (the fast reader of core/feed/xml-tree.ts; xml2js through rss-parser for what it does not read), normalise, map, content policy (these five in the warm parser worker thread), snapshot written atomically (the previous one renamed to the backup).",
      'Sync CPU is the whole process, worker thread included.',
      'The 304 poll is the same syncNow() once the server answers 304 Not Modified; CPU is process.cpuUsage() (user + system) of the bench process.',
    ],
    data: { rows },
  };
}
