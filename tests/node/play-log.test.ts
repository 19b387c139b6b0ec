import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlayEvent } from '../../src/core/api/contract';
import { verifyChain } from '../../src/core/report/verify';
import { readPlayLogDir, sha256Hex } from '../../src/node/play-log/files';
import { openPlayLog } from '../../src/node/play-log/play-log';

let dir: string;
let clock = Date.parse('2025-05-06T00:30:00Z');
const now = (): Date => new Date((clock += 1000));

const event = (i: number): PlayEvent => ({
  itemId: `case-${i}`,
  kind: i % 3 === 0 ? 'video' : 'case',
  title: `冒充客服退款 ${i}`,
  start: new Date(clock).toISOString(),
  durationMs: 20_000,
  completed: i % 5 !== 0,
});

async function verifyDir(): Promise<string> {
  const { files, anchor } = await readPlayLogDir(dir);
  const result = verifyChain(files, anchor.kind === 'ok' ? anchor.anchor : null, sha256Hex);
  return result.ok ? `ok ${result.value.records}` : result.error.message;
}

const headFile = async (): Promise<string> => {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort();
  return join(dir, names[names.length - 1]!);
};

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'kiosk-play-log-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('openPlayLog', () => {
  it('writes one hashed, chained JSON line per play and recovery', async () => {
    const log = await openPlayLog({ dir, now });
    await log.append(event(1), 'lobby-1');
    await log.appendRecovery('renderer crashed; reloaded', 'lobby-1');
    await log.close();
    const lines = (await fs.readFile(join(dir, 'plays-000001.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ seq: 0, type: 'play', screenId: 'lobby-1', itemId: 'case-1', kind: 'case', title: '冒充客服退款 1', durationMs: 20_000, completed: true, prev: '0'.repeat(64) });
    expect(lines[1]).toMatchObject({ seq: 1, type: 'recovery', reason: 'renderer crashed; reloaded', prev: lines[0].hash });
    expect(lines[1].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyDir()).toBe('ok 2');
  });

  it('resumes the chain after a restart, with queued appends in order', async () => {
    const first = await openPlayLog({ dir, now });
    await Promise.all([1, 2, 3].map((i) => first.append(event(i), 'lobby-1')));
    await first.close();
    const second = await openPlayLog({ dir, now });
    await second.append(event(4), 'lobby-1');
    await second.close();
    const seqs = (await fs.readFile(await headFile(), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l).seq);
    expect(seqs).toEqual([0, 1, 2, 3]);
    expect(await verifyDir()).toBe('ok 4');
  });

  it('cuts off a torn last line, keeps its bytes in a .torn file, and appends a valid chain', async () => {
    const first = await openPlayLog({ dir, now });
    for (let i = 0; i < 3; i++) await first.append(event(i), 'lobby-1');
    await first.close();
    const torn = '{"seq":3,"at":"2025-05-06T00:3';
    await fs.appendFile(await headFile(), torn);
    const said: string[] = [];
    const second = await openPlayLog({ dir, now, log: (l) => said.push(l) });
    await second.append(event(9), 'lobby-1');
    await second.close();
    expect(said).toEqual([expect.stringMatching(/^play-log: torn record at plays-000001\.jsonl line 4 \(30 bytes\) cut off and kept in .*plays-000001\.jsonl\.at-\d+\.torn$/)]);
    const tornFiles = (await fs.readdir(dir)).filter((n) => n.endsWith('.torn'));
    expect(await fs.readFile(join(dir, tornFiles[0]!), 'utf8')).toBe(torn);
    expect(await verifyDir()).toBe('ok 4');
  });

  it('treats zero bytes left by a power cut as torn', async () => {
    const first = await openPlayLog({ dir, now });
    await first.append(event(1), 'lobby-1');
    await first.close();
    await fs.appendFile(await headFile(), Buffer.concat([Buffer.alloc(200), Buffer.from('\n')]));
    const said: string[] = [];
    const second = await openPlayLog({ dir, now, log: (l) => said.push(l) });
    await second.append(event(2), 'lobby-1');
    await second.close();
    expect(said.join('\n')).toContain('torn record at plays-000001.jsonl line 2 (201 bytes)');
    expect(await verifyDir()).toBe('ok 2');
  });

  it('keeps a whole record whose newline was lost', async () => {
    const first = await openPlayLog({ dir, now });
    await first.append(event(1), 'lobby-1');
    await first.append(event(2), 'lobby-1');
    await first.close();
    const path = await headFile();
    const text = await fs.readFile(path, 'utf8');
    await fs.writeFile(path, text.slice(0, -1));
    const second = await openPlayLog({ dir, now });
    await second.append(event(3), 'lobby-1');
    await second.close();
    expect(await verifyDir()).toBe('ok 3');
  });

  it('rotates at the size limit, deletes the oldest files and keeps the chain verifiable through the anchor', async () => {
    const opts = { dir, now, maxFileBytes: 2048, maxFiles: 3 };
    const log = await openPlayLog(opts);
    for (let i = 0; i < 60; i++) await log.append(event(i), 'lobby-1');
    await log.close();
    const names = (await fs.readdir(dir)).sort();
    const logs = names.filter((n) => n.endsWith('.jsonl'));
    expect(logs).toHaveLength(3);
    expect(names).toContain('anchor.json');
    for (const n of logs) expect((await fs.stat(join(dir, n))).size).toBeLessThanOrEqual(2048);
    expect(await verifyDir()).toMatch(/^ok \d+$/);

    const again = await openPlayLog(opts);
    for (let i = 60; i < 80; i++) await again.append(event(i), 'lobby-1');
    await again.close();
    const { files, anchor } = await readPlayLogDir(dir);
    const result = verifyChain(files, anchor.kind === 'ok' ? anchor.anchor : null, sha256Hex);
    expect(result.ok && result.value.lastSeq).toBe(79);
  });

  it('finishes a rotation interrupted between writing the anchor and deleting the file', async () => {
    const opts = { dir, now, maxFileBytes: 2048, maxFiles: 3 };
    const log = await openPlayLog(opts);
    for (let i = 0; i < 60; i++) await log.append(event(i), 'lobby-1');
    await log.close();
    const oldest = (await fs.readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort()[0]!;
    const anchor = JSON.parse(await fs.readFile(join(dir, 'anchor.json'), 'utf8'));
    // The file the anchor says was deleted is back, as if the power went before the unlink.
    const stale = anchor.file as string;
    expect(stale < oldest).toBe(true);
    await fs.writeFile(join(dir, stale), 'leftover\n');
    const reopened = await openPlayLog(opts);
    await reopened.append(event(99), 'lobby-1');
    await reopened.close();
    expect(await fs.readdir(dir)).not.toContain(stale);
    expect(await verifyDir()).toMatch(/^ok \d+$/);
  });

  it('rejects an invalid event without writing anything', async () => {
    const log = await openPlayLog({ dir, now });
    await expect(log.append({ ...event(1), durationMs: -5 }, 'lobby-1')).rejects.toThrow(/not a play event/);
    await log.append(event(2), 'lobby-1');
    await log.close();
    await expect(log.append(event(3), 'lobby-1')).rejects.toThrow(/closed/);
    expect(await verifyDir()).toBe('ok 1');
  });
});
