import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChain, verifyChain } from '../../src/core/report/verify';
import { readPlayLogDir, sha256Hex } from '../../src/node/play-log/files';
import { openPlayLog } from '../../src/node/play-log/play-log';
import { prng } from './play-log-sample';

const CHILD = resolve(__dirname, 'play-log-writer-child.ts');
const RUNS = 32;

interface RunOutput {
  readonly lines: string[];
  readonly acks: string[];
}

/**
 * Starts the writer and SIGKILLs it as soon as it has acknowledged `acks` records: counted,
 * not timed, so every run writes as much on a loaded machine as on a fast one. Appends go
 * three at a time, so the kill still lands inside the writes that follow.
 */
function runAndKill(dir: string, run: number, acks: number): Promise<RunOutput> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(run)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    let acked = 0;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith('ack ') && ++acked === acks) child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') fail(new Error(`writer ended without being killed: ${stderr}`));
      else done({ lines, acks: lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4)) });
    });
  });
}

async function verifyDir(dir: string): Promise<string> {
  const { files, anchor } = await readPlayLogDir(dir);
  const result = verifyChain(files, anchor.kind === 'ok' ? anchor.anchor : null, sha256Hex);
  return result.ok ? 'ok' : result.error.message;
}

async function itemIdsOnDisk(dir: string): Promise<Set<string>> {
  const { files, anchor } = await readPlayLogDir(dir);
  const reading = readChain(files, anchor.kind === 'ok' ? anchor.anchor : null, sha256Hex);
  return new Set(reading.records.flatMap((r) => (r.record.type === 'play' ? [r.record.itemId] : [])));
}

/** What a power cut in the middle of a write leaves: the first part of a record, no newline. */
async function tearTail(dir: string, rand: () => number): Promise<void> {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort();
  const head = join(dir, names[names.length - 1]!);
  const line = '{"seq":999999,"at":"2025-05-01T00:00:00.000Z","type":"play","screenId":"kill-test","itemId":"torn","kind":"case","title":"半条记录';
  await fs.appendFile(head, line.slice(0, 1 + Math.floor(rand() * (line.length - 1))));
}

describe('play log under SIGKILL', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'kiosk-play-log-kill-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged record readable and the chain whole across ${RUNS} kills`, async () => {
    const rand = prng(20250501);
    let tornInjected = false;
    let tornReported = 0;
    // A kill can also land mid-write and tear a record itself: every torn record is reported and set aside.
    let tornSeen = 0;
    let totalAcks = 0;
    let recoveriesSeen = 0;
    for (let run = 0; run < RUNS; run++) {
      const wanted = 1 + Math.floor(rand() * 40);
      const out = await runAndKill(dir, run, wanted);
      expect(out.acks.length, `run ${run} acknowledged`).toBeGreaterThanOrEqual(wanted);
      if (tornInjected) {
        expect(out.lines.some((l) => l.startsWith('log play-log: torn record at')), `run ${run} reports the torn record`).toBe(true);
        tornReported++;
      }
      tornSeen += out.lines.filter((l) => l.startsWith('log play-log: torn record at')).length;
      expect(out.lines, `run ${run} opened the log`).toContain('ready');
      totalAcks += out.acks.length;

      expect(await verifyDir(dir), `chain after run ${run}`).toBe('ok');
      // Recovery records share the chain. Counted after each run: rotation may later delete them.
      const files = (await readPlayLogDir(dir)).files;
      recoveriesSeen += files.flatMap((f) => f.text.split('\n')).filter((l) => l.includes(`"reason":"writer run ${run} started`)).length;

      // Rotation may delete old files, but never a record newer than one that survives.
      const onDisk = await itemIdsOnDisk(dir);
      const firstKept = out.acks.findIndex((id) => onDisk.has(id));
      if (out.acks.length > 0) expect(firstKept, `run ${run}: its last acknowledged record is on disk`).toBeGreaterThanOrEqual(0);
      const lost = out.acks.slice(Math.max(0, firstKept)).filter((id) => !onDisk.has(id));
      expect(lost, `run ${run}: acknowledged records missing`).toEqual([]);

      tornInjected = run % 4 === 1;
      if (tornInjected) await tearTail(dir, rand);
    }
    expect(tornReported).toBeGreaterThanOrEqual(5);
    expect(totalAcks).toBeGreaterThan(RUNS);

    // The last kill may land inside a rotation; the next start finishes it, as a kiosk's would.
    const reopenLog: string[] = [];
    const reopened = await openPlayLog({ dir, now: () => new Date(), maxFileBytes: 8 * 1024, maxFiles: 6, log: (l) => reopenLog.push(l) });
    tornSeen += reopenLog.filter((l) => l.startsWith('play-log: torn record at')).length;
    await reopened.close();
    expect(await verifyDir(dir)).toBe('ok');
    const names = await fs.readdir(dir);
    expect(names.filter((n) => n.endsWith('.jsonl')).length).toBeLessThanOrEqual(6);
    expect(tornSeen).toBeGreaterThanOrEqual(tornReported);
    expect(names.filter((n) => n.endsWith('.torn')).length).toBe(tornSeen);
    // Rotation deleted old files along the way, and the anchor took over the chain's start.
    const final = await readPlayLogDir(dir);
    expect(final.anchor.kind).toBe('ok');
    // Small files rotate fast here, so a run often rotates its own recovery record away again.
    expect(recoveriesSeen).toBeGreaterThan(0);
  }, 240_000);
});
