import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { openPlayLog } from '../../src/node/play-log/play-log';

let work: string;
let logDir: string;

async function kiosk(args: string[], env: Record<string, string> = { KIOSK_DATA_DIR: 'data' }): Promise<{ code: number | undefined; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: work, env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function writeLog(n: number): Promise<void> {
  let t = Date.parse('2025-05-06T00:30:00Z');
  const log = await openPlayLog({ dir: logDir, now: () => new Date(t) });
  for (let i = 0; i < n; i++) {
    const start = new Date(t).toISOString();
    t += 20_000;
    await log.append({ itemId: `case-${i % 4}`, kind: 'case', title: `荐股群骗局 ${i}`, start, durationMs: 20_000, completed: true }, 'lobby-1');
  }
  await log.close();
}

const logFile = (): string => join(logDir, 'plays-000001.jsonl');
const readLines = async (): Promise<string[]> => (await fs.readFile(logFile(), 'utf8')).trimEnd().split('\n');
const writeLines = (lines: readonly string[]): Promise<void> => fs.writeFile(logFile(), `${lines.join('\n')}\n`);

beforeEach(async () => {
  work = await fs.mkdtemp(join(tmpdir(), 'kiosk-report-cli-'));
  logDir = join(work, 'data', 'play-log');
  await writeLog(12);
});
afterEach(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

describe('kiosk report --verify', () => {
  it('exits 0 with the record count for an intact log', async () => {
    const r = await kiosk(['report', '--verify']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^chain OK: 12 records/);
  });

  it('names file, line and seq of an edited record and exits 1', async () => {
    const lines = await readLines();
    lines[4] = lines[4]!.replace('荐股群骗局 4', '荐股群骗局 四');
    await writeLines(lines);
    const r = await kiosk(['report', '--verify']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('record seq 4 at plays-000001.jsonl line 5 was edited');
  });

  it('names the place of a deleted record', async () => {
    const lines = await readLines();
    lines.splice(7, 1);
    await writeLines(lines);
    const r = await kiosk(['report', '--verify', '--log', logDir], {});
    expect(r.code).toBe(1);
    expect(r.err).toContain('record seq 7 deleted: plays-000001.jsonl line 8 holds seq 8 where seq 7 was expected');
  });

  it('names the place of a reordered pair', async () => {
    const lines = await readLines();
    [lines[2], lines[3]] = [lines[3]!, lines[2]!];
    await writeLines(lines);
    const r = await kiosk(['report', '--verify']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('record seq 3 at plays-000001.jsonl line 3 is out of order');
  });

  it('says where it looked when there is no log', async () => {
    const r = await kiosk(['report', '--verify'], {});
    expect(r.code).toBe(1);
    expect(r.err).toContain(`no play log at ${join(work, '.kiosk-data', 'play-log')}`);
  });
});

describe('kiosk report --from --to', () => {
  it('writes report.csv and report.html and prints their paths and a summary', async () => {
    const r = await kiosk(['report', '--from', '2025-05-01', '--to', '2025-05-31', '--out', 'reports', '--tz', 'Asia/Shanghai']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`wrote ${join(work, 'reports', 'report.csv')}`);
    expect(r.out).toContain(`wrote ${join(work, 'reports', 'report.html')}`);
    expect(r.out).toContain('plays: 12 on 1 of 31 days, 4 distinct items, 0.1 hours on air');
    const csv = await fs.readFile(join(work, 'reports', 'report.csv'), 'utf8');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(13);
    expect(csv).toContain('2025-05-06,08:30,play,lobby-1,case-0,case,荐股群骗局 0,20');
    const html = await fs.readFile(join(work, 'reports', 'report.html'), 'utf8');
    expect(html).toContain('data-integrity="ok"');
  });

  it('still writes the report when the chain is broken, and says so', async () => {
    const lines = await readLines();
    lines.splice(1, 1);
    await writeLines(lines);
    const r = await kiosk(['report', '--from', '2025-05-01', '--to', '2025-05-31', '--out', 'reports']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning: the play log\'s hash chain is broken: record seq 1 deleted');
    expect(await fs.readFile(join(work, 'reports', 'report.html'), 'utf8')).toContain('data-integrity="bad"');
  });

  it('refuses missing or impossible dates with exit code 2', async () => {
    expect((await kiosk(['report', '--from', '2025-05-01'])).code).toBe(2);
    const bad = await kiosk(['report', '--from', '2025-02-30', '--to', '2025-03-01']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('real dates');
    expect((await kiosk(['report', '--from', '2025-05-02', '--to', '2025-05-01'])).err).toContain('is after');
  });
});
