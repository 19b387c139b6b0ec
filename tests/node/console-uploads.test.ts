import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openMediaLibrary } from '../../src/node/console/media-library';
import { ABANDONED_MS, createUploads } from '../../src/node/console/uploads';

let dir: string;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('resumable uploads', () => {
  it('removes uploads untouched for a day and parts with no record, on an injected clock', async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-uploads-'));
    let t = Date.parse('2026-12-01T08:00:00Z');
    const uploads = createUploads(join(dir, 'uploads'), await openMediaLibrary(join(dir, 'media')), () => 1_000_000, () => new Date(t));
    const idle = await uploads.start('idle.webm', 1000);
    const busy = await uploads.start('busy.webm', 1000);
    if (!idle.ok || !busy.ok) throw new Error('start failed');
    const orphan = 'c'.repeat(32);
    await writeFile(join(dir, 'uploads', `${orphan}.part`), 'left by a crash');
    t += ABANDONED_MS - 3600_000;
    expect((await uploads.chunk(busy.value.id, 0, new Uint8Array(10))).ok).toBe(true);
    t += 2 * 3600_000;
    expect((await uploads.sweep()).sort()).toEqual([idle.value.id, orphan].sort());
    expect((await readdir(join(dir, 'uploads'))).sort()).toEqual([`${busy.value.id}.json`, `${busy.value.id}.part`]);
    const gone = await uploads.chunk(idle.value.id, 0, new Uint8Array(10));
    expect(gone).toEqual({ ok: false, error: { code: 'not-found', message: 'no such upload (finished, abandoned or never started)' } });
    t += ABANDONED_MS;
    expect(await uploads.sweep()).toEqual([busy.value.id]);
  });

  it('checks each chunk against the bytes really stored, one chunk at a time per upload', async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-uploads-'));
    const uploads = createUploads(join(dir, 'uploads'), await openMediaLibrary(join(dir, 'media')), () => 1_000_000);
    const started = await uploads.start('a.webm', 300);
    if (!started.ok) throw new Error('start failed');
    const replies = await Promise.all(Array.from({ length: 20 }, () => uploads.chunk(started.value.id, 0, new Uint8Array(100))));
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.message))).toEqual(Array(19).fill('expected the chunk at byte 100, got 0'));
    expect(await uploads.chunk(started.value.id, 100, new Uint8Array(250))).toEqual({ ok: false, error: { code: 'invalid', message: 'the chunk goes past the announced size' } });
  });
});
