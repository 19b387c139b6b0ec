import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchText, readSignedPlays } from '../../src/core/fleet/plays-signed';
import { GENESIS_HASH, sealRecord, type PlayLogRecord } from '../../src/core/report/record';
import { openPlayIntake } from '../../src/node/fleet/play-intake';

const sha = (t: string): string => createHash('sha256').update(t).digest('hex');
let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'intake-hostile-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const keys = generateKeyPairSync('ed25519');
const registered = { publicKey: keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), revoked: false };
const signed = (text: string): string => JSON.stringify({ batch: text, sig: sign(null, Buffer.from(text), keys.privateKey).toString('base64') });

function chain(screenId: string, n: number): PlayLogRecord[] {
  const out: PlayLogRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 0; seq < n; seq++) {
    const r = sealRecord({ type: 'play', seq, at: '2026-11-02T01:00:00.000Z', screenId, prev, itemId: `case-c${seq}`, kind: 'case', title: '案例', start: '2026-11-02T01:00:00.000Z', durationMs: 20_000, completed: true }, sha);
    out.push(r);
    prev = r.hash;
  }
  return out;
}

describe('a play upload is read without trust', () => {
  it('says what is wrong with broken JSON and a wrong shape', () => {
    expect(readSignedPlays('{"batch":"{}","sig":')).toEqual({ ok: false, reason: expect.stringMatching(/^not JSON \(/) });
    expect(readSignedPlays('{"screenId":"hall-1","file":"a.jsonl","records":[]}')).toEqual({ ok: false, reason: expect.stringMatching(/^not a signed batch of play records: /) });
    expect(readSignedPlays('[1,2,3]')).toEqual({ ok: false, reason: expect.stringMatching(/^not a signed batch of play records: body: /) });
    const good = signed(batchText({ screenId: 'hall-1', file: 'a.jsonl', records: chain('hall-1', 2) }, 0));
    expect(readSignedPlays(good)).toMatchObject({ ok: true, value: { batch: expect.stringContaining('"screenId":"hall-1"') } });
  });

  it('refuses hostile uploads as counted problems and still takes the good one after them', async () => {
    const intake = await openPlayIntake(dataDir);
    const hostile = ['', 'null', '{"__proto__":{"x":1}}', '\u0000\u0001', '{"screenId":"hall-1"', 'x'.repeat(100_000)];
    for (const payload of hostile) expect(await intake.takeUpload('hall-1', payload, registered)).toMatchObject({ kind: 'refused', reason: 'malformed' });
    expect(intake.refusals().get('hall-1')).toBe(hostile.length);
    const taken = await intake.takeUpload('hall-1', signed(batchText({ screenId: 'hall-1', file: 'a.jsonl', records: chain('hall-1', 3) }, 0)), registered);
    expect(taken).toMatchObject({ kind: 'taken', ack: { seq: 2 } });
    expect((await intake.records()).get('hall-1')?.map((r) => r.seq)).toEqual([0, 1, 2]);
    const problems = await intake.problems();
    expect(problems).toHaveLength(hostile.length);
    expect(problems.every((p) => p.kind === 'refused' && p.screenId === 'hall-1' && p.message.startsWith('upload refused (malformed): '))).toBe(true);
  });

  it('reads a store with a torn or edited line: the line is skipped and listed, never an exception', async () => {
    const intake = await openPlayIntake(dataDir);
    await intake.take({ screenId: 'hall-1', file: 'a.jsonl', records: chain('hall-1', 3) });
    await fs.appendFile(join(dataDir, 'fleet-plays', 'hall-1.jsonl'), '{"seq":3,"type":"pl');
    await fs.appendFile(join(dataDir, 'fleet-plays', 'problems.jsonl'), 'not json at all\n');
    await fs.writeFile(join(dataDir, 'fleet-plays', 'chains.json'), '{"hall-1":');
    expect((await intake.records()).get('hall-1')?.map((r) => r.seq)).toEqual([0, 1, 2]);
    expect((await intake.problems()).map((p) => `${p.kind} ${p.file}: ${p.message}`)).toEqual([
      "unreadable problems.jsonl: line 1 of the console's problems.jsonl cannot be read (skipped)",
      "unreadable hall-1.jsonl: line 4 of the console's hall-1.jsonl is not a play record (skipped)",
    ]);
    // A broken chains file on start is a first start for the chains, not a crash.
    expect((await openPlayIntake(dataDir)).ackOf('hall-1')).toEqual({ seq: -1, hash: GENESIS_HASH });
  });
});
