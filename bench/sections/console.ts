import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LibraryItem } from '../../src/core/console/formats';
import { byRecent, matches, summarise } from '../../src/core/console/library-query';
import { openConsoleData } from '../../src/node/console/console-data';
import { fmt, mb, median, type Section } from '../lib/report';

const ITEMS = 5000;
const VIDEOS = 50;

const approved = (at: string) => ({ status: 'approved' as const, comment: '', rev: 1, updatedBy: 'bench', updatedAt: at });
const always = { audience: ['students'], regions: [], validity: { type: 'always' as const }, pins: [] };

function slogan(i: number, at: string): LibraryItem {
  const locale = (['zh-CN', 'zh-TW', 'en'] as const)[i % 3] ?? 'zh-CN';
  return { item: { kind: 'slogan', id: `bench-slogan-${i}`, locale, text: `第${i}条：陌生来电要转账，一律挂断再核实` }, workflow: approved(at), targeting: always };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** A library of 5,000 items and 50 videos, published by the same code as the Publish button. */
async function fill(dataDir: string, videoBytes: number): Promise<{ mediaBytes: number; fillMs: number }> {
  const data = await openConsoleData(dataDir, () => new Date());
  const at = new Date().toISOString();
  const { ms } = await timed(async () => {
    const entries: LibraryItem[] = [];
    for (let v = 0; v < VIDEOS; v++) {
      const stored = await data.media.addBytes(randomBytes(videoBytes), 'video/webm');
      entries.push({ item: { kind: 'video', id: `bench-video-${v}`, locale: 'zh-CN', title: `防骗视频 ${v}`, file: stored.path }, workflow: approved(at), targeting: always });
    }
    for (let i = entries.length; i < ITEMS; i++) entries.push(slogan(i, at));
    await data.library.putAll(entries);
  });
  return { mediaBytes: VIDEOS * videoBytes, fillMs: ms };
}

export async function consoleSection(ctx: { quick: boolean; log: (line: string) => void }): Promise<Section> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-console-'));
  try {
    const videoBytes = ctx.quick ? 256 * 1024 : 2 * 1024 * 1024;
    ctx.log(`console: writing ${ITEMS} items and ${VIDEOS} videos of ${mb(videoBytes)}`);
    const { mediaBytes, fillMs } = await fill(dataDir, videoBytes);
    const open = await timed(() => openConsoleData(dataDir, () => new Date()));
    const data = open.value;
    const actor = { username: 'bench', roles: ['publisher' as const] };
    const first = await timed(() => data.publish(actor, { baseUrl: 'http://127.0.0.1:8790/feed' }));
    if (!first.value.ok) throw new Error(first.value.error.message);
    const again: number[] = [];
    for (let i = 0; i < (ctx.quick ? 1 : 3); i++) again.push((await timed(() => data.publish(actor, { baseUrl: 'http://127.0.0.1:8790/feed' }))).ms);
    const queries = [{}, { q: '挂断' }, { kind: 'video' as const }, { tag: 'students', status: 'published' as const }];
    const listMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      for (const q of queries) {
        const t0 = performance.now();
        data.library.list().map(summarise).filter((s) => matches(s, q)).sort(byRecent).slice(0, 200);
        listMs.push(performance.now() - t0);
      }
    }
    const publishBudgetMs = 15_000;
    const listBudgetMs = 100;
    return {
      id: 'console',
      title: `Console: publish ${ITEMS} items and ${VIDEOS} videos (${mb(mediaBytes)})`,
      columns: ['step', 'time (ms)'],
      rows: [
        [`write ${ITEMS} item files + ${VIDEOS} videos into the library`, fmt(fillMs, 0)],
        [`open the library (read and index ${ITEMS} files)`, fmt(open.ms, 0)],
        ['first publish (copy media, write + sign JSON Feed and RSS, switch)', fmt(first.ms, 0)],
        ['publish again (media already there)', fmt(median(again), 0)],
        [`list query over ${ITEMS} items (summarise, filter, sort), median`, fmt(median(listMs), 1)],
      ],
      budgets: [
        { name: `publish of ${ITEMS} items and ${VIDEOS} videos`, met: first.ms <= publishBudgetMs, figure: `${fmt(first.ms, 0)} ms (budget ${publishBudgetMs} ms)` },
        { name: `console list query with ${ITEMS} items`, met: median(listMs) <= listBudgetMs, figure: `${fmt(median(listMs), 1)} ms median (budget ${listBudgetMs} ms)` },
      ],
      notes: ['Node only: the store, the publish writer and the list query the console API runs; the UI list is measured in Chromium by the UI bench.'],
      data: { items: ITEMS, videos: VIDEOS, mediaBytes, fillMs, openMs: open.ms, firstPublishMs: first.ms, republishMs: again, listMs: median(listMs) },
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
