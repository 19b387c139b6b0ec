import { assertNever } from '../assert-never';
import { localTime } from '../time/local-time';
import type { PlayLogRecord } from './record';

const HEADER = [
  '日期 date',
  '时间 time',
  '类型 type',
  '屏幕 screen',
  '内容编号 item_id',
  '种类 kind',
  '标题 title',
  '时长(秒) duration_s',
  '播完 completed',
  '原因 reason',
  '开始 start_utc',
  '序号 seq',
  '哈希 hash',
];

/**
 * Quotes when needed, and defuses cells a spreadsheet would run as a formula: titles come
 * from feeds, and a feed must not be able to put `=HYPERLINK(…)` into the school's Excel.
 */
export function csvCell(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(r: PlayLogRecord, timeZone: string): (string | number | boolean)[] {
  switch (r.type) {
    case 'play': {
      const local = localTime(Date.parse(r.start), timeZone);
      const seconds = Math.round(r.durationMs / 100) / 10;
      return [local.date, local.hhmm, 'play', r.screenId, r.itemId, r.kind, r.title, seconds, r.completed, '', r.start, r.seq, r.hash];
    }
    case 'recovery': {
      const local = localTime(Date.parse(r.at), timeZone);
      return [local.date, local.hhmm, 'recovery', r.screenId, '', '', '', '', '', r.reason, r.at, r.seq, r.hash];
    }
    default:
      return assertNever(r, 'record type');
  }
}

/** One row per record, UTF-8 with a BOM so Excel shows Chinese titles correctly; CRLF per RFC 4180. */
export function toCsv(records: readonly PlayLogRecord[], timeZone: string): string {
  const lines = [HEADER.map(csvCell).join(',')];
  for (const r of records) lines.push(row(r, timeZone).map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
