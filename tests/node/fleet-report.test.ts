import { generateKeyPairSync } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/commands/report';
import { FleetSettings } from '../../src/core/model/fleet-config';
import { startFleetAgent, type FleetAgent } from '../../src/node/fleet/agent';
import { startFleetConsole, type FleetConsole } from '../../src/node/fleet/console-fleet';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/node/fleet/embedded-broker';
import { openPlayIntake, type PlayIntake } from '../../src/node/fleet/play-intake';
import { openPlayLog } from '../../src/node/play-log/play-log';
import { dataPaths } from '../../src/node/console/console-data';
import { openLibraryStore } from '../../src/node/console/library-store';
import { until } from '../helpers/until';
import { freePort } from '../helpers/mosquitto';
import { screenAccounts, type ScreenAccounts } from '../helpers/screen-accounts';

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
  let accounts: ScreenAccounts;
  let console_: FleetConsole;
  let intake: PlayIntake;
  let consoleDir: string;
  const agents: FleetAgent[] = [];
  const logDirs = new Map<string, string>();
  const consoleLog: string[] = [];

  const startAgent = async (id: string): Promise<FleetAgent> =>
    startFleetAgent({
      settings: FleetSettings.parse({ broker: broker.url, username: accounts.user(id), password: accounts.secret(id), keepaliveSeconds: 10, groups: [id.replace(/-\d+$/, '')] }),
      screenId: id,
      publicKey,
      dataDir: await mkdtemp(join(tmpdir(), `agent-${id}-`)),
      playLogDir: logDirs.get(id)!,
      signingKey: accounts.key(id),
      status: () => ({}),
      applyAlerts: () => [],
      runCommand: async () => ({ result: 'done' }),
      now: () => new Date(),
      log: () => undefined,
    });

  beforeAll(async () => {
    accounts = await screenAccounts([...SCREENS, 'lab-1'], (id) => id.replace(/-\d+$/, ''));
    broker = await startEmbeddedBroker({ host: '127.0.0.1', port: await freePort(), prefix: 'kiosk', consolePassword: 'c', screens: accounts.registry, log: () => undefined });
    consoleDir = await mkdtemp(join(tmpdir(), 'console-plays-'));
    intake = await openPlayIntake(consoleDir);
    console_ = await startFleetConsole({ settings: { ...FleetSettings.parse({ broker: broker.url, password: 'c' }) }, privateKey: () => privateKey, dataDir: consoleDir, now: () => new Date(), log: (line) => consoleLog.push(line), intake, screenKey: accounts.registered });
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
    }, 90_000);
    // A restart uploads again from the console's ack: nothing doubles. One play made while the
    // agent was down is the barrier: once it is stored, the restarted upload has run.
    await agents[0]!.close();
    const log = await openPlayLog({ dir: logDirs.get('hall-1')!, now: () => new Date('2026-11-03T02:00:00Z'), maxFileBytes: 4096 });
    await log.append({ itemId: 'case-c1', kind: 'case', title: '案例 1', start: '2026-11-03T02:00:00.000Z', durationMs: 20_000, completed: true }, 'hall-1');
    await log.close();
    agents[0] = await startAgent('hall-1');
    await until('the play made while offline', async () => (await intake.records()).get('hall-1')?.length === 121, 60_000);
    const records = await intake.records();
    expect(SCREENS.map((id) => records.get(id)?.length)).toEqual([121, 160, 200]);
    const raw = (await fs.readFile(join(consoleDir, 'fleet-plays', 'hall-1.jsonl'), 'utf8')).trim().split('\n');
    expect(raw).toHaveLength(121);
    expect(await intake.problems()).toEqual([]);
  }, 240_000);

  it('writes one CSV and HTML report across screens with kiosk report --fleet', async () => {
    const out: string[] = [];
    const outDir = await mkdtemp(join(tmpdir(), 'fleet-report-'));
    const code = await reportCommand.run(['--fleet', '--data', consoleDir, '--from', '2026-11-01', '--to', '2026-11-30', '--tz', 'Asia/Shanghai', '--out', outDir], { out: (l) => out.push(l), err: (l) => out.push(`ERR ${l}`), cwd: outDir, env: {} });
    expect(code).toBe(0);
    expect(out).toContain('hall-2: 160 plays, 0.9 h on air, 0 chain problem(s)');
    const html = await fs.readFile(join(outDir, 'fleet-report.html'), 'utf8');
    for (const id of SCREENS) expect(html).toContain(`data-screen="${id}"`);
    expect(html).toContain('data-problems="none"');
    expect(out).toContain(`wrote ${join(outDir, 'fleet-summary.csv')}`);
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
    await until('problem', async () => (await intake.problems()).length > 0, 60_000);
    expect((await intake.problems())[0]).toMatchObject({ kind: 'edited', screenId: 'lab-1', file: files[1], seq });
  }, 120_000);

  it('refuses a hostile upload with a counted reason, and logs and lists a dashboard listener that throws', async () => {
    const unsubscribe = console_.onChange(() => {
      throw new Error('the dashboard view broke');
    });
    const hostile = await mqtt.connectAsync(broker.url, { username: accounts.user('hall-2'), password: accounts.secret('hall-2'), clientId: 'hall-2-hostile', reconnectPeriod: 0 });
    await hostile.publishAsync('kiosk/screens/hall-2/plays', '{"screenId":"hall-2","records":[', { qos: 1 });
    await hostile.publishAsync('kiosk/screens/hall-2/plays', JSON.stringify({ screenId: 'hall-1', file: 'a.jsonl', records: [] }), { qos: 1 });
    await hostile.endAsync();
    await until('two refusals', () => console_.refusedUploads().get('hall-2') === 2, 60_000);
    const refused = (await intake.problems()).filter((p) => p.kind === 'refused');
    expect(refused.map((p) => p.message)).toEqual([expect.stringMatching(/^upload refused \(malformed\): not JSON/), expect.stringMatching(/^upload refused \(malformed\): not a signed batch of play records: /)]);
    expect(consoleLog.filter((l) => l.startsWith('fleet: play upload from hall-2 refused: '))).toHaveLength(2);
    await until('the listener failure listed', () => console_.problems().some((p) => p.what === 'a dashboard listener failed' && p.message === 'the dashboard view broke'));
    expect(consoleLog).toContain('fleet: a dashboard listener failed: the dashboard view broke');
    unsubscribe();
  }, 120_000);

  it('gives plays per campaign tag (from the library) and per screen group (named by the screens)', async () => {
    const library = await openLibraryStore(dataPaths(consoleDir).library);
    const targeting = (audience: string[], regions: string[]) => ({ audience, regions, validity: { type: 'always' as const }, pins: [] });
    const workflow = { status: 'approved' as const, comment: '', rev: 1, updatedBy: 'ed', updatedAt: '2026-11-01T00:00:00.000Z' };
    const slogan = (id: string) => ({ kind: 'slogan' as const, id, locale: 'zh-CN' as const, text: '转账前先核实' });
    await library.putAll([
      { item: slogan('case-c1'), workflow, targeting: targeting(['students'], []) },
      { item: slogan('case-c2'), workflow, targeting: targeting(['students'], ['shanghai']) },
      { item: slogan('case-c3'), workflow, targeting: targeting(['elderly'], []) },
    ]);
    const outDir = await mkdtemp(join(tmpdir(), 'fleet-dims-'));
    const out: string[] = [];
    const code = await reportCommand.run(['--fleet', '--data', consoleDir, '--from', '2026-11-01', '--to', '2026-11-30', '--tz', 'Asia/Shanghai', '--out', outDir], { out: (l) => out.push(l), err: (l) => out.push(`ERR ${l}`), cwd: outDir, env: {} });
    expect(code).toBe(0);
    // Plays cycle through case-c1…c4: hall-1 31/30/30/30 (one made offline), hall-2 40 each,
    // canteen-1 50 each, lab-1 4/3/3/3 (the 13 stored before its edited record).
    const summary = (await fs.readFile(join(outDir, 'fleet-summary.csv'), 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(summary).toEqual([
      '维度 dimension,名称 name,播放 plays,播出(秒) on_air_s,屏幕数 screens',
      'tag,students,248,4960,4',
      'tag,(无标签 untagged),123,2460,4',
      'tag,elderly,123,2460,4',
      'tag,shanghai,123,2460,4',
      'group,hall,281,5620,2',
      'group,canteen,200,4000,1',
      'group,lab,13,260,1',
    ]);
    const html = await fs.readFile(join(outDir, 'fleet-report.html'), 'utf8');
    const cells = (attr: string, key: string): string[] =>
      [...(new RegExp(`<tr ${attr}="${key.replace(/[()]/g, '\\$&')}">(.*?)</tr>`).exec(html)?.[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!);
    expect(cells('data-tag', 'students')).toEqual(['students', '248', expect.any(String), '4']);
    expect(cells('data-tag', '(无标签 untagged)')).toEqual(['(无标签 untagged)', '123', expect.any(String), '4']);
    expect(cells('data-group', 'hall')).toEqual(['hall', '281', expect.any(String), '2']);
    expect(cells('data-group', 'canteen')).toEqual(['canteen', '200', expect.any(String), '1']);
  }, 60_000);
});
