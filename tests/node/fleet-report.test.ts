import { generateKeyPairSync } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/commands/report';
import { FleetSettings } from '../../src/core/model/fleet-config';
import { startFleetAgent, type FleetAgent } from '../../src/node/fleet/agent';
import { startFleetConsole, type FleetConsole } from '../../src/node/fleet/console-fleet';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/node/fleet/embedded-broker';
import { openPlayIntake, type PlayIntake } from '../../src/node/fleet/play-intake';
import { openPlayLog } from '../../src/node/play-log/play-log';
import { until } from '../helpers/until';
import { freePort } from '../helpers/mosquitto';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const SCREENS = ['hall-1', 'hall-2', 'canteen-1'];


async function writeLog(dir: string, screenId: string, plays: number): Promise<void> {
  let t = Date.parse('2026-11-02T01:00:00Z');
  const log = await openPlayLog({ dir, now: () => new Date((t += 1000)), maxFileBytes: 4096 });
  for (let i = 0; i < plays; i++) {
    const start = new Date(t).toISOString();
    t += 20_000;
    await log.append({ itemId: `case-c${(i % 4) + 1}`, kind: 'case', title: `案例 ${(i % 4) + 1}`, start, durationMs: 20_000, completed: true }, screenId);
  }
  await log.close();
}

describe('fleet proof of play: screens upload, the console checks, one report covers all', () => {
  let broker: EmbeddedBroker;
  let console_: FleetConsole;
  let intake: PlayIntake;
  let consoleDir: string;
  const agents: FleetAgent[] = [];
  const logDirs = new Map<string, string>();

  const startAgent = async (id: string): Promise<FleetAgent> =>
    startFleetAgent({
      settings: FleetSettings.parse({ broker: broker.url, username: id, password: 'join', keepaliveSeconds: 10 }),
      screenId: id,
      publicKey,
      dataDir: await mkdtemp(join(tmpdir(), `agent-${id}-`)),
      playLogDir: logDirs.get(id)!,
      status: () => ({}),
      applyAlerts: () => [],
      runCommand: async () => ({ result: 'done' }),
      now: () => new Date(),
      log: () => undefined,
    });

  beforeAll(async () => {
    broker = await startEmbeddedBroker({ host: '127.0.0.1', port: await freePort(), prefix: 'kiosk', consolePassword: 'c', screenPassword: 'join', log: () => undefined });
    consoleDir = await mkdtemp(join(tmpdir(), 'console-plays-'));
    intake = await openPlayIntake(consoleDir);
    console_ = await startFleetConsole({ settings: { ...FleetSettings.parse({ broker: broker.url, password: 'c' }) }, privateKey: () => privateKey, dataDir: consoleDir, now: () => new Date(), log: () => undefined, intake });
    for (const [i, id] of SCREENS.entries()) {
      const dir = await mkdtemp(join(tmpdir(), `plays-${id}-`));
      await writeLog(dir, id, 120 + i * 40);
      logDirs.set(id, dir);
    }
  }, 30_000);
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.close()));
    await console_?.close();
    await broker?.close();
  });

  it('receives every record of every screen, in rotated files, each exactly once', async () => {
    for (const id of SCREENS) agents.push(await startAgent(id));
    await until('all records', async () => {
      const records = await intake.records();
      return SCREENS.every((id, i) => records.get(id)?.length === 120 + i * 40);
    });
    // A restart uploads again from the console's ack: nothing doubles. One play made while the
    // agent was down is the barrier: once it is stored, the restarted upload has run.
    await agents[0]!.close();
    const log = await openPlayLog({ dir: logDirs.get('hall-1')!, now: () => new Date('2026-11-03T02:00:00Z'), maxFileBytes: 4096 });
    await log.append({ itemId: 'case-c1', kind: 'case', title: '案例 1', start: '2026-11-03T02:00:00.000Z', durationMs: 20_000, completed: true }, 'hall-1');
    await log.close();
    agents[0] = await startAgent('hall-1');
    await until('the play made while offline', async () => (await intake.records()).get('hall-1')?.length === 121);
    const records = await intake.records();
    expect(SCREENS.map((id) => records.get(id)?.length)).toEqual([121, 160, 200]);
    const raw = (await fs.readFile(join(consoleDir, 'fleet-plays', 'hall-1.jsonl'), 'utf8')).trim().split('\n');
    expect(raw).toHaveLength(121);
    expect(await intake.problems()).toEqual([]);
  }, 30_000);

  it('writes one CSV and HTML report across screens with kiosk report --fleet', async () => {
    const out: string[] = [];
    const outDir = await mkdtemp(join(tmpdir(), 'fleet-report-'));
    const code = await reportCommand.run(['--fleet', '--data', consoleDir, '--from', '2026-11-01', '--to', '2026-11-30', '--tz', 'Asia/Shanghai', '--out', outDir], { out: (l) => out.push(l), err: (l) => out.push(`ERR ${l}`), cwd: outDir, env: {} });
    expect(code).toBe(0);
    expect(out).toContain('hall-2: 160 plays, 0.9 h on air, 0 chain problem(s)');
    const html = await fs.readFile(join(outDir, 'fleet-report.html'), 'utf8');
    for (const id of SCREENS) expect(html).toContain(`data-screen="${id}"`);
    expect(html).toContain('data-problems="none"');
    const csv = await fs.readFile(join(outDir, 'fleet-report.csv'), 'utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 121 + 160 + 200);
  });

  it('flags an edited record, naming the screen, the file and the sequence number', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plays-lab-'));
    await writeLog(dir, 'lab-1', 30);
    const files = (await fs.readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort();
    const target = join(dir, files[1]!);
    const lines = (await fs.readFile(target, 'utf8')).split('\n');
    lines[2] = lines[2]!.replace('"title":"案例', '"title":"改过的案例');
    await fs.writeFile(target, lines.join('\n'));
    const seq = (JSON.parse(lines[2]!) as { seq: number }).seq;
    logDirs.set('lab-1', dir);
    agents.push(await startAgent('lab-1'));
    await until('problem', async () => (await intake.problems()).length > 0);
    expect((await intake.problems())[0]).toMatchObject({ kind: 'edited', screenId: 'lab-1', file: files[1], seq });
  }, 20_000);
});
