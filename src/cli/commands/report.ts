import { promises as fs } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { aggregate, type ReportData } from '../../core/report/aggregate';
import { toCsv } from '../../core/report/csv';
import { renderReportHtml, type Integrity } from '../../core/report/html';
import { isIsoDate, isValidTimeZone as isTimeZone } from '../../core/time/local-time';
import { readChain, verifyChain, type PlayLogAnchor } from '../../core/report/verify';
import { readPlayLogDir, sha256Hex, writeFileAtomic, type PlayLogDirContents } from '../../node/play-log/files';
import { flag, type CliIo, type Command } from '../io';
import { fleetReport } from './report-fleet';
import type { ReportArgs } from './report-range';

const USAGE = `Usage:
  kiosk report --from YYYY-MM-DD --to YYYY-MM-DD [--log DIR] [--out DIR] [--tz ZONE] [--org NAME]
      Writes report.csv and report.html (a self-contained page with charts) for those local dates.
  kiosk report --fleet --from YYYY-MM-DD --to YYYY-MM-DD [--data DIR] [--out DIR] [--tz ZONE] [--org NAME]
      One report over every screen whose play log reached the console (its data folder, default
      $KIOSK_CONSOLE_DIR or ./.kiosk-console): per screen, per day, per item, per campaign tag.
  kiosk report --verify [--log DIR]
      Checks the play log's hash chain: exits 0 with "chain OK: N records", or 1 naming the
      file, line and record seq of the first edited, deleted or reordered record.

Options:
  --log DIR   the play log folder (default: <dataDir>/play-log; dataDir is $KIOSK_DATA_DIR or ./.kiosk-data)
  --out DIR   where to write the report (default: the current folder)
  --tz ZONE   IANA time zone that days are counted in (default: this computer's, e.g. Asia/Shanghai)
  --org NAME  organisation name printed at the top of the report`;

function logDirOf(args: readonly string[], io: CliIo): string {
  const given = flag(args, 'log');
  if (given) return resolve(io.cwd, given);
  const dataDir = io.env['KIOSK_DATA_DIR'] || '.kiosk-data';
  return join(isAbsolute(dataDir) ? dataDir : resolve(io.cwd, dataDir), 'play-log');
}

async function readLog(dir: string, io: CliIo): Promise<{ contents: PlayLogDirContents; anchor: PlayLogAnchor | null } | null> {
  const exists = await fs.stat(dir).then((s) => s.isDirectory(), () => false);
  if (!exists) {
    io.err(`kiosk report: no play log at ${dir} (set --log DIR or KIOSK_DATA_DIR)`);
    return null;
  }
  const contents = await readPlayLogDir(dir);
  if (contents.anchor.kind === 'invalid') {
    io.err(`kiosk report: ${join(dir, 'anchor.json')} is damaged (${contents.anchor.error}); the start of the chain cannot be checked`);
    return null;
  }
  return { contents, anchor: contents.anchor.kind === 'ok' ? contents.anchor.anchor : null };
}

async function verify(dir: string, io: CliIo): Promise<number> {
  const log = await readLog(dir, io);
  if (!log) return 1;
  const result = verifyChain(log.contents.files, log.anchor, sha256Hex);
  if (!result.ok) {
    io.err(`chain BROKEN in ${dir}: ${result.error.message}`);
    return 1;
  }
  const { records, firstSeq, lastSeq, tornTail } = result.value;
  const span = firstSeq === null ? '' : ` (seq ${firstSeq}–${lastSeq}, ${log.contents.files.length} file(s))`;
  io.out(`chain OK: ${records} records${span}`);
  if (tornTail) io.out(`note: ${tornTail.file} ends with ${tornTail.bytes} bytes of an unfinished record; the kiosk cuts them off at its next start`);
  return 0;
}

function summary(d: ReportData): string[] {
  const t = d.totals;
  const hours = (t.onAirMs / 3_600_000).toFixed(1);
  return [
    `period ${d.range.from} – ${d.range.to} (${d.range.timeZone}), screens: ${d.screens.join(', ') || 'none'}`,
    `plays: ${t.plays} on ${t.daysWithPlays} of ${d.perDay.length} days, ${t.distinctItems} distinct items, ${hours} hours on air`,
    `videos played to the end: ${t.videosCompleted} of ${t.videos}; recoveries: ${t.recoveries}; gaps: ${t.gaps}`,
  ];
}

function parseReportArgs(args: readonly string[], io: CliIo): ReportArgs | null {
  const from = flag(args, 'from');
  const to = flag(args, 'to');
  const timeZone = flag(args, 'tz') ?? (io.env['KIOSK_TZ'] || Intl.DateTimeFormat().resolvedOptions().timeZone);
  if (!from || !to) io.err('kiosk report: --from and --to are required (YYYY-MM-DD), or use --verify');
  else if (!isIsoDate(from) || !isIsoDate(to)) io.err(`kiosk report: dates must be real dates as YYYY-MM-DD (got ${from} and ${to})`);
  else if (from > to) io.err(`kiosk report: --from ${from} is after --to ${to}`);
  else if (!isTimeZone(timeZone)) io.err(`kiosk report: unknown time zone "${timeZone}" (use a name like Asia/Shanghai)`);
  else return { from, to, timeZone };
  io.err(USAGE);
  return null;
}

async function report(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseReportArgs(args, io);
  if (!parsed) return 2;
  const dir = logDirOf(args, io);
  const log = await readLog(dir, io);
  if (!log) return 1;
  const reading = readChain(log.contents.files, log.anchor, sha256Hex);
  const integrity: Integrity = reading.problem ? { ok: false, message: reading.problem.message } : { ok: true, records: reading.records.length };
  const data = aggregate(reading.records.map((r) => r.record), parsed);
  const outDir = resolve(io.cwd, flag(args, 'out') ?? '.');
  await fs.mkdir(outDir, { recursive: true });
  const csvPath = join(outDir, 'report.csv');
  const htmlPath = join(outDir, 'report.html');
  await writeFileAtomic(csvPath, outDir, toCsv(data.rows, parsed.timeZone));
  const organisation = flag(args, 'org');
  const last = reading.records[reading.records.length - 1]?.record;
  const html = renderReportHtml(data, {
    generatedAt: new Date().toISOString(),
    integrity,
    ...(organisation ? { organisation } : {}),
    ...(last ? { head: { seq: last.seq, hash: last.hash } } : {}),
  });
  await writeFileAtomic(htmlPath, outDir, html);
  io.out(`wrote ${csvPath}`);
  io.out(`wrote ${htmlPath}`);
  for (const line of summary(data)) io.out(line);
  if (reading.problem) io.err(`warning: the play log's hash chain is broken: ${reading.problem.message}`);
  if (data.totals.plays === 0) io.err(`warning: no plays recorded between ${parsed.from} and ${parsed.to} in ${dir}`);
  return 0;
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'Proof-of-play report (CSV + HTML) or --verify the play log',
  usage: USAGE,
  run: (args, io) => {
    if (args.includes('--verify')) return verify(logDirOf(args, io), io);
    if (args.includes('--fleet')) {
      const parsed = parseReportArgs(args, io);
      return parsed ? fleetReport(args, parsed, io) : Promise.resolve(2);
    }
    return report(args, io);
  },
};
