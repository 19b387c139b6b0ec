import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/commands/report';
import { batchText, refusalSummary } from '../../src/core/fleet/plays-signed';
import type { PlaysChunk } from '../../src/core/fleet/plays';
import { FleetSettings } from '../../src/core/model/fleet-config';
import { sealRecord, type PlayLogRecord } from '../../src/core/report/record';
import type { ConsoleFleet } from '../../src/app/console-fleet';
import { startFleetAgent, type FleetAgent } from '../../src/node/fleet/agent';
import { openPlayIntake } from '../../src/node/fleet/play-intake';
import { openPlayLog } from '../../src/node/play-log/play-log';
import { startConsoleFixture, type ConsoleFixture } from '../helpers/console-client';
import { until } from '../helpers/until';

const sha = (t: string): string => createHash('sha256').update(t).digest('hex');
const spki = (key: KeyObject): string => key.export({ type: 'spki', format: 'der' }).toString('base64');
const PLAYS = 30;

interface Screen {
  readonly id: string;
  readonly key: KeyObject;
  readonly user: string;
  readonly secret: string;
}

/** A screen as joining makes it: its own key pair (the console gets the public half) and broker account. */
async function join_(fleet: ConsoleFleet, id: string): Promise<Screen> {
  const pair = generateKeyPairSync('ed25519');
  const joined = await fleet.registry.add({ name: id, group: 'default', publicKey: spki(pair.publicKey), via: 'token' });
  return { id: joined.record.screenId, key: pair.privateKey, user: joined.brokerUser, secret: joined.brokerSecret };
}

async function writeLog(dir: string, screenId: string): Promise<void> {
  let t = Date.parse('2026-11-02T01:00:00Z');
  const log = await openPlayLog({ dir, now: () => new Date((t += 1000)), maxFileBytes: 1 << 20 });
  for (let i = 0; i < PLAYS; i++) {
    const start = new Date(t).toISOString();
    t += 20_000;
    await log.append({ itemId: `case-c${(i % 3) + 1}`, kind: 'case', title: `案例 ${(i % 3) + 1}`, start, durationMs: 20_000, completed: true }, screenId);
  }
  await log.close();
}

/** The next record of a chain, sealed as a screen's play log seals it. */
function nextRecord(screenId: string, seq: number, prev: string, title = '案例 9'): PlayLogRecord {
  return sealRecord({ type: 'play', seq, at: '2026-11-03T01:00:00.000Z', screenId, prev, itemId: 'case-c9', kind: 'case', title, start: '2026-11-03T01:00:00.000Z', durationMs: 20_000, completed: true }, sha);
}

const signedPayload = (chunk: PlaysChunk, batch: number, key: KeyObject): { text: string; payload: string } => {
  const text = batchText(chunk, batch);
  return { text, payload: JSON.stringify({ batch: text, sig: sign(null, Buffer.from(text), key).toString('base64') }) };
};

describe('signed play uploads: the screen\'s own key, its chain and its batch numbers', () => {
  let f: ConsoleFixture;
  let fleet: ConsoleFleet;
  let hall1: Screen;
  let hall2: Screen;
  let agent: FleetAgent;
  let thief: MqttClient;
  const dirs: string[] = [];

  const report = async (): Promise<string> => {
    const out = await mkdtemp(join(tmpdir(), 'signed-report-'));
    dirs.push(out);
    const lines: string[] = [];
    const code = await reportCommand.run(['--fleet', '--data', f.dataDir, '--from', '2026-11-01', '--to', '2026-11-30', '--tz', 'UTC', '--out', out], { out: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`), cwd: out, env: {} });
    expect(code, lines.join('\n')).toBe(0);
    return fs.readFile(join(out, 'fleet-report.csv'), 'utf8');
  };
  /** Published with hall-1's broker account (a stolen broker secret: the key stays on the screen). */
  const send = async (payload: string): Promise<void> => void (await thief.publishAsync(`kiosk/screens/${hall1.id}/plays`, payload, { qos: 1 }));
  const refusals = (): Record<string, number> => ({ ...fleet.fleet.refusedByReason().get(hall1.id) });

  beforeAll(async () => {
    f = await startConsoleFixture();
    fleet = f.running.fleet!;
    hall1 = await join_(fleet, 'hall-1');
    hall2 = await join_(fleet, 'hall-2');
    const logDir = await mkdtemp(join(tmpdir(), 'signed-log-'));
    const agentDir = await mkdtemp(join(tmpdir(), 'signed-agent-'));
    dirs.push(logDir, agentDir);
    await writeLog(logDir, hall1.id);
    agent = await startFleetAgent({
      settings: FleetSettings.parse({ broker: fleet.brokerUrl, username: hall1.user, password: hall1.secret, keepaliveSeconds: 10, groups: ['default'] }),
      screenId: hall1.id, publicKey: generateKeyPairSync('ed25519').publicKey, signingKey: hall1.key, dataDir: agentDir, playLogDir: logDir,
      status: () => ({}), applyAlerts: () => [], runCommand: async () => ({ result: 'done' }), now: () => new Date(), log: () => undefined,
    });
    thief = await mqtt.connectAsync(fleet.brokerUrl, { username: hall1.user, password: hall1.secret, clientId: 'hall-1-thief', reconnectPeriod: 0 });
  }, 60_000);
  afterAll(async () => {
    await thief?.endAsync();
    await agent?.close();
    await f?.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('takes the screen\'s own signed batches: every play is stored and acknowledged with its batch number', async () => {
    await until('all plays stored', async () => (await fleet.intake.records()).get(hall1.id)?.length === PLAYS, 60_000);
    expect(fleet.intake.ackOf(hall1.id)).toMatchObject({ seq: PLAYS - 1, batch: expect.any(Number) });
    expect(refusals()).toEqual({});
  }, 90_000);

  it('refuses forged, other-screen and replayed batches, counts each reason, and leaves the report as it was', async () => {
    // One more good batch, signed with hall-1's key and continuing its chain: taken.
    const chain = fleet.intake.ackOf(hall1.id);
    const good = signedPayload({ screenId: hall1.id, file: 'plays-extra.jsonl', records: [nextRecord(hall1.id, chain.seq + 1, chain.hash)] }, (chain.batch ?? 0) + 1, hall1.key);
    await send(good.payload);
    await until('the good batch taken', () => fleet.intake.ackOf(hall1.id).seq === chain.seq + 1);
    const before = await report();
    expect(before.trim().split('\r\n')).toHaveLength(1 + PLAYS + 1);

    const now = fleet.intake.ackOf(hall1.id);
    const more = { screenId: hall1.id, file: 'plays-extra.jsonl', records: [nextRecord(hall1.id, now.seq + 1, now.hash, '伪造的案例')] };
    const batch = (now.batch ?? 0) + 1;
    await send(signedPayload(more, batch, generateKeyPairSync('ed25519').privateKey).payload); // a key the console never saw
    await send(signedPayload(more, batch, hall2.key).payload); // another screen's registered key
    // The good batch with one record altered after signing.
    const altered = good.text.replace('案例 9', '案例 8');
    expect(altered).not.toBe(good.text);
    await send(JSON.stringify({ batch: altered, sig: (JSON.parse(good.payload) as { sig: string }).sig }));
    await send(good.payload); // the good batch again, byte for byte
    await until('four refusals', () => fleet.fleet.refusedUploads().get(hall1.id) === 4);

    expect(refusals()).toEqual({ forged: 3, replayed: 1 });
    expect(refusalSummary(refusals())).toBe('3 forged, 1 replayed');
    expect(fleet.intake.ackOf(hall1.id)).toEqual(now);
    expect((await fleet.intake.records()).get(hall1.id)).toHaveLength(PLAYS + 1);
    expect(await report()).toBe(before);
    const problems = (await fleet.intake.problems()).filter((p) => p.kind === 'refused').map((p) => p.message);
    expect(problems).toEqual([
      expect.stringMatching(/^upload refused \(forged\): the signature does not match/),
      expect.stringMatching(/^upload refused \(forged\): the signature does not match/),
      expect.stringMatching(/^upload refused \(forged\): the signature does not match/),
      expect.stringMatching(/^upload refused \(replayed\): batch \d+ was already taken/),
    ]);
  }, 60_000);

  it('shows the counts per reason on the dashboard\'s fleet view, and keeps them across a restart of the intake', async () => {
    const view = await f.admin.call('fleet', {});
    const row = view.data.screens.find((r) => r.screenId === hall1.id);
    expect(row).toMatchObject({ refusedUploads: 4, refusedByReason: { forged: 3, replayed: 1 } });
    expect(view.data.screens.find((r) => r.screenId === hall2.id)?.refusedUploads ?? 0).toBe(0);
    const reopened = await openPlayIntake(f.dataDir);
    expect({ ...reopened.refusalsByReason().get(hall1.id) }).toEqual({ forged: 3, replayed: 1 });
  });

  it('refuses a revoked screen\'s batch even when signed with its own key', async () => {
    const now = fleet.intake.ackOf(hall1.id);
    const late = signedPayload({ screenId: hall1.id, file: 'plays-extra.jsonl', records: [nextRecord(hall1.id, now.seq + 1, now.hash)] }, (now.batch ?? 0) + 1, hall1.key);
    const verdict = await fleet.intake.takeUpload(hall1.id, late.payload, { publicKey: fleet.registry.get(hall1.id)!.publicKey, revoked: true });
    expect(verdict).toMatchObject({ kind: 'refused', reason: 'revoked' });
    expect(fleet.intake.ackOf(hall1.id)).toEqual(now);
  });
});
