// Test helper (not a test): a month of plausible school-screen plays, sealed into a real chain.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { GENESIS_HASH, sealRecord, type PlayLogRecord, type PlayLogRecordBody } from '../../src/core/report/record';
import { logFileName, sha256Hex } from '../../src/node/play-log/files';
import type { PlayEvent } from '../../src/core/api/contract';
import { mulberry32 } from '../../src/core/seeded-random';

type Item = Pick<PlayEvent, 'itemId' | 'kind' | 'title' | 'durationMs'>;

export const SAMPLE_ITEMS: readonly Item[] = [
  { itemId: 'slogan-four-rules', kind: 'slogan', title: '未知链接不点击、个人信息不透露、境外来电不轻信、转账汇款多核实', durationMs: 12_000 },
  { itemId: 'case-police-impersonation', kind: 'case', title: '冒充公检法：王女士被骗12万元', durationMs: 25_000 },
  { itemId: 'video-brushing', kind: 'video', title: '刷单返利都是诈骗 Brushing jobs are scams', durationMs: 45_000 },
  { itemId: 'case-child-hospital', kind: 'case', title: '“孩子住院”电话：家长险被骗3万元', durationMs: 25_000 },
  { itemId: 'slogan-police-transfer', kind: 'slogan', title: '自称公检法要求转账的，都是诈骗', durationMs: 12_000 },
  { itemId: 'case-stock-group', kind: 'case', title: '荐股群投资骗局：损失70万元', durationMs: 25_000 },
  { itemId: 'notice-96110', kind: 'notice', title: '接到96110来电请及时接听 Answer 96110 calls', durationMs: 15_000 },
  { itemId: 'case-refund', kind: 'case', title: '假冒客服退款：学生被骗8千元', durationMs: 25_000 },
  { itemId: 'video-online-loan', kind: 'video', title: '网贷诈骗警示片 Online loan fraud', durationMs: 60_000 },
  { itemId: 'case-police-impersonation', kind: 'case', title: '冒充公检法：王女士被骗12万元', durationMs: 25_000 },
];

/** The same sample every run. */
export const prng = mulberry32;

type Body = PlayLogRecordBody extends infer B ? (B extends unknown ? Omit<B, 'seq' | 'prev'> : never) : never;

function standby(from: number, to: number, screenId: string): Body[] {
  const out: Body[] = [];
  // One record at most a day long (the play event's limit).
  for (let s = from; s < to; s += 86_400_000) {
    const durationMs = Math.min(86_400_000, to - s);
    out.push({ type: 'play', at: new Date(s + durationMs).toISOString(), screenId, itemId: 'standby', kind: 'standby', title: '待机 Standby', start: new Date(s).toISOString(), durationMs, completed: true });
  }
  return out;
}

interface Outage {
  readonly day: number;
  readonly from: string;
  readonly minutes: number;
  readonly reason: string;
}

const OUTAGES: readonly Outage[] = [
  { day: 9, from: '11:02', minutes: 258, reason: 'kiosk started after an unexpected shutdown (power loss)' },
  { day: 14, from: '10:14', minutes: 12, reason: 'renderer crashed (render-process-gone: crashed); reloaded' },
  { day: 21, from: '15:40', minutes: 3, reason: 'renderer stopped answering heartbeats for 30 s; reloaded' },
];

function schoolDay(date: string, dayOfMonth: number, rand: () => number, screenId: string): { bodies: Body[]; end: number } {
  const bodies: Body[] = [];
  let t = Date.parse(`${date}T07:30:00+08:00`);
  const end = Date.parse(`${date}T17:30:00+08:00`);
  let outage = OUTAGES.find((o) => o.day === dayOfMonth);
  let i = Math.floor(rand() * SAMPLE_ITEMS.length);
  while (t < end) {
    const item = SAMPLE_ITEMS[i++ % SAMPLE_ITEMS.length]!;
    const stalled = item.kind === 'video' && rand() < 0.04;
    const durationMs = stalled ? Math.round(item.durationMs * rand()) : item.durationMs;
    bodies.push({ type: 'play', at: new Date(t + durationMs).toISOString(), screenId, ...item, start: new Date(t).toISOString(), durationMs, completed: !stalled });
    t += durationMs + 40;
    if (outage && t >= Date.parse(`${date}T${outage.from}:00+08:00`)) {
      t += outage.minutes * 60_000;
      bodies.push({ type: 'recovery', at: new Date(t).toISOString(), screenId, reason: outage.reason });
      outage = undefined;
    }
  }
  return { bodies, end: t };
}

/** School days 07:30–17:30 Beijing time, standby otherwise; a power cut, a crash and a hang. */
export function sampleMonth(year: number, month: number, screenId = 'lobby-1'): Body[] {
  const rand = prng(year * 100 + month);
  const bodies: Body[] = [];
  const mm = String(month).padStart(2, '0');
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  let lastEnd = Date.parse(`${year}-${mm}-01T00:00:00+08:00`);
  for (let day = 1; day <= days; day++) {
    const date = `${year}-${mm}-${String(day).padStart(2, '0')}`;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    bodies.push(...standby(lastEnd, Date.parse(`${date}T07:30:00+08:00`), screenId));
    const today = schoolDay(date, day, rand, screenId);
    bodies.push(...today.bodies);
    lastEnd = today.end;
  }
  const next = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
  bodies.push(...standby(lastEnd, Date.parse(`${next}T00:00:00+08:00`), screenId));
  return bodies;
}

/** Seals bodies into a chain starting at `seq`/`prev`, the way the writer would. */
export function seal(bodies: readonly Body[], seq = 0, prev = GENESIS_HASH): PlayLogRecord[] {
  const records: PlayLogRecord[] = [];
  for (const body of bodies) {
    const record = sealRecord({ ...body, seq: seq++, prev } as PlayLogRecordBody, sha256Hex);
    records.push(record);
    prev = record.hash;
  }
  return records;
}

/** Writes records to one log file in `dir` (the folder the writer and `kiosk report` read). */
export async function writeLogFile(dir: string, records: readonly PlayLogRecord[], index = 1): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const path = join(dir, logFileName(index));
  await fs.writeFile(path, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return path;
}
