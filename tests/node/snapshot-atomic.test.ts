import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptySnapshot } from '../../src/core/feed/snapshot-format';
import { createSnapshotStore } from '../../src/node/snapshot/snapshot-store';
import { hashFile } from '../../src/node/cache/media-cache';
import { writeFileAtomic } from '../../src/node/atomic-file';
import { startFeedServer, type FeedServer } from '../fixtures/feeds/server';
import { prng } from './play-log-sample';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

const counter = (savedAt: string): number => Number(savedAt.slice(-4));

describe('snapshot store', () => {
  it('a corrupt snapshot is reported and ignored; the backup of the previous good one is used', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snap-'));
    const store = createSnapshotStore(dir);
    await store.save({ ...emptySnapshot(), savedAt: '2025-03-01T00:00:00.000Z#0001' });
    await store.save({ ...emptySnapshot(), savedAt: '2025-03-01T00:00:00.000Z#0002' });
    const text = await readFile(store.path, 'utf8');
    await writeFile(store.path, text.slice(0, text.length - 10));
    const loaded = await createSnapshotStore(dir).load();
    expect(loaded.snapshot?.savedAt).toBe('2025-03-01T00:00:00.000Z#0001');
    expect(loaded.problems).toEqual([expect.stringContaining('is corrupt and was ignored: checksum mismatch')]);
    await writeFile(store.backupPath, 'garbage');
    expect(await createSnapshotStore(dir).load()).toEqual({ snapshot: undefined, problems: [expect.any(String), expect.any(String)] });
    await rm(dir, { recursive: true, force: true });
  });

  it('writeFileAtomic leaves no temp files and replaces the whole file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atomic-'));
    await writeFileAtomic(join(dir, 'a.json'), 'first');
    await writeFileAtomic(join(dir, 'a.json'), 'second');
    expect(await readdir(dir)).toEqual(['a.json']);
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('second');
    await rm(dir, { recursive: true, force: true });
  });
});

/**
 * Runs the writer and SIGKILLs it once it has reported `saves` durable snapshots: counted, not
 * timed, so each round writes as much on a loaded machine as on a fast one. The writer goes
 * straight on to a 200 KB download and the next save, where the kill lands.
 */
function runUntilKilled(dir: string, saves: number): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../fixtures/feeds/crash-writer.ts'), dir, server.origin], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let last = 0;
    let seen = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      const numbers = [...chunk.toString().matchAll(/saved (\d+)/g)].map((m) => Number(m[1]));
      last = Math.max(last, ...numbers);
      seen += numbers.length;
      if (seen >= saves) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve(last));
  });
}

describe('killed after a seeded number of saves', () => {
  it('never trusts a corrupt file and never loses the last good snapshot', { timeout: 240_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kill-'));
    server.routes.clear();
    const blobs = (path: string): Buffer => Buffer.alloc(200_000, `blob-${path.split('/').pop()}-`);
    const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(blobs(req.url ?? ''));
    };
    for (let n = 1; n < 2000; n++) server.routes.set(`/blob/${n}`, handler);
    const rand = prng(20250301);
    let reported = 0;
    let asked = 0;
    for (let round = 0; round < 30; round++) {
      const saves = 1 + Math.floor(rand() * 3);
      asked += saves;
      const last = await runUntilKilled(dir, saves);
      reported = Math.max(reported, last);
      const loaded = await createSnapshotStore(dir).load();
      if (reported > 0) {
        expect(loaded.snapshot, `round ${round}`).toBeDefined();
        expect(counter(loaded.snapshot?.savedAt ?? ''), `round ${round}`).toBeGreaterThanOrEqual(reported);
      }
      const names = (await readdir(join(dir, 'cache')).catch(() => [] as string[])).filter((n) => /^[0-9a-f]{64}$/.test(n));
      for (const name of names) expect(await hashFile(join(dir, 'cache', name)), `cache ${name}`).toBe(name);
    }
    // Each round resumes from the snapshot the last one left: no durable save was lost.
    expect(reported).toBeGreaterThanOrEqual(asked);
    await rm(dir, { recursive: true, force: true });
  });
});
