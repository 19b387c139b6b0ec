import { createPublicKey } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startConsoleFleet, type ConsoleFleet, type ConsoleFleetOptions } from '../../src/app/console-fleet';
import { generateEd25519, parsePrivateKey } from '../../src/node/signing/ed25519';
import type { FleetConsole } from '../../src/node/fleet/console-fleet';
import { mosquittoFiles } from '../../src/node/fleet/mosquitto-files';
import { openScreenRegistry } from '../../src/node/fleet/screen-registry';
import { freePort, startMosquittoWith } from '../../tests/helpers/mosquitto';
import type { BenchContext } from '../lib/context';
import { writeBenchAccounts } from '../lib/fleet-accounts';
import { measureRestart, type RestartFigures } from '../lib/fleet-restart';
import { PLAY_TICK_MS, STALL_MS, startFleetSim, type FleetSim } from '../lib/fleet-sim';
import { fmt, median, percentile, type Budget, type Section } from '../lib/report';

/**
 * Scope item 5 of issue 18: N screens, each running the real fleet agent on its own account
 * (as joining makes it), against the console's embedded aedes broker and against Mosquitto
 * on the password and ACL files the console writes; each broker is restarted and the fleet
 * watched until every screen is back. All agents share this process (a pessimistic stand-in).
 */
const CONSOLE_PASSWORD = 'bench-console-password-0123456789';
const GROUPS = 20;

interface Broker {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  fleet(): FleetConsole;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The console's own fleet start, embedded broker included; a restart opens the registry anew, as a console process restart does. */
async function embedded(base: Omit<ConsoleFleetOptions, 'mqttPort'>): Promise<Broker> {
  const port = await freePort();
  const options: ConsoleFleetOptions = { ...base, mqttPort: port };
  let current: ConsoleFleet | undefined = await startConsoleFleet(options);
  return {
    name: 'embedded (aedes)', port, url: current.brokerUrl,
    fleet: () => current!.fleet,
    stop: async () => (await current?.close(), (current = undefined)),
    start: async () => void (current = await startConsoleFleet(options)),
    close: async () => current?.close(),
  };
}

/** Mosquitto 2 on the files the console writes for `--mosquitto-dir`; a restart is SIGTERM and a new process on them. */
async function mosquitto(base: Omit<ConsoleFleetOptions, 'mqttPort'>): Promise<Broker> {
  const dir = join(base.dataDir, 'mosquitto');
  await mkdir(dir, { recursive: true });
  const registry = await openScreenRegistry(base.dataDir, base.now, base.log);
  const files = await mosquittoFiles({ dir, prefix: base.prefix, consoleUser: 'console', consolePassword: CONSOLE_PASSWORD, log: base.log });
  await files.write(registry.list());
  const m = await startMosquittoWith(files.passwordFile, files.aclFile);
  const console_ = await startConsoleFleet({ ...base, mqttPort: 0, broker: m.url, password: CONSOLE_PASSWORD, mosquittoDir: dir });
  return {
    name: 'Mosquitto 2', port: m.port, url: m.url,
    fleet: () => console_.fleet,
    stop: () => m.stop(),
    start: () => m.restart(),
    close: async () => (await console_.close(), await m.stop()),
  };
}

/** A forced GC even when node was started without --expose-gc (the bench runs inside `kiosk bench`). */
function collect(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

async function until(what: string, probe: () => boolean, ms: number): Promise<number> {
  const t0 = performance.now();
  while (!probe()) {
    if (performance.now() - t0 > ms) throw new Error(`fleet bench: timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - t0;
}

/** Each screen's verified acknowledgement of a new alert set; those missing after two minutes are counted, not waited for. */
async function alertLatencies(fleet: () => FleetConsole, screens: number, rounds: number): Promise<{ latencies: number[]; missing: number }> {
  const latencies: number[] = [];
  let missing = 0;
  for (let round = 0; round < rounds; round++) {
    const sent = performance.now();
    const seq = await fleet().raiseAlert({ id: `bench-${round}`, text: '冒充公安的电话今天又出现了，请立即挂断', level: 'critical', start: new Date().toISOString(), expires: new Date(Date.now() + 600_000).toISOString(), target: { scope: 'all' } });
    const seen = new Set<string>();
    await until('all acknowledgements', () => {
      for (const r of fleet().screens()) {
        if (r.applied?.seq !== seq || seen.has(r.screenId)) continue;
        seen.add(r.screenId);
        latencies.push(performance.now() - sent);
      }
      return seen.size === screens;
    }, 120_000).catch(() => undefined);
    missing += screens - seen.size;
  }
  return { latencies, missing };
}

interface BrokerRun {
  readonly broker: string;
  readonly connectMs: number;
  readonly latencies: number[];
  readonly missingAcks: number;
  readonly perScreenKb: number;
  readonly restarts: RestartFigures[];
}

async function runOn(broker: Broker, o: { accounts: Parameters<typeof startFleetSim>[0]['accounts']; root: string; publicKey: ReturnType<typeof createPublicKey>; quick: boolean; log: (l: string) => void }): Promise<BrokerRun> {
  const n = o.accounts.length;
  let sim: FleetSim | undefined;
  try {
    collect();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    sim = await startFleetSim({ accounts: o.accounts, broker: broker.url, publicKey: o.publicKey, root: join(o.root, broker.port.toString()) });
    const s = sim;
    await until(`all ${n} screens connected to ${broker.name}`, () => s.connected() === n, 300_000);
    const connectMs = performance.now() - t0;
    await until('the console sees all', () => broker.fleet().screens().filter((r) => r.presence === 'online').length === n, 120_000);
    collect();
    const perScreenKb = (process.memoryUsage().heapUsed - heap0) / n / 1024;
    const { latencies, missing } = await alertLatencies(() => broker.fleet(), n, o.quick ? 1 : 3);
    const restarts: RestartFigures[] = [];
    for (let r = 0; r < (o.quick ? 1 : 2); r++) {
      o.log(`fleet: restarting ${broker.name} (${r + 1})`);
      restarts.push(await measureRestart(s, broker.port, broker, 180_000));
    }
    const run = { broker: broker.name, connectMs, latencies, missingAcks: missing, perScreenKb, restarts };
    // Said at once: a later broker's failure must not lose this one's figures.
    o.log(`fleet: ${broker.name}: ${JSON.stringify({ ...run, latencies: undefined, restarts: restarts.map((x) => ({ ...x, backMs: undefined })) })}`);
    return run;
  } finally {
    await sim?.close();
    await broker.close();
  }
}

const worst = (runs: readonly RestartFigures[], pick: (r: RestartFigures) => number): number => Math.max(...runs.map(pick));

function rowsOf(runs: readonly BrokerRun[]): (string | number)[][] {
  const row = (label: string, cell: (r: BrokerRun) => string | number): (string | number)[] => [label, ...runs.map(cell)];
  const s = (v: number): string => `${fmt(v / 1000, 2)} s`;
  return [
    row('all connected after start (cold: every secret checked)', (r) => s(r.connectMs)),
    row('alert: console publish → verified ack, p50 / p99', (r) => `${fmt(median(r.latencies), 0)} / ${fmt(percentile(r.latencies, 99), 0)} ms`),
    row('alert acknowledgements missing after 2 min', (r) => r.missingAcks),
    row('restarts measured', (r) => r.restarts.length),
    row('broker down (stop → accepting again), worst', (r) => s(worst(r.restarts, (x) => x.downMs))),
    row('every screen back, after the broker accepted again, worst', (r) => s(worst(r.restarts, (x) => x.allBackMs))),
    row('median screen back', (r) => r.restarts.map((x) => s(x.medianBackMs)).join(', ')),
    row('peak reconnections in any 1 s (full jitter)', (r) => `${worst(r.restarts, (x) => x.peakPerSecond)} of ${r.restarts[0]?.screens ?? 0}`),
    row('screens that stopped playing (stalled / threw / refused)', (r) => r.restarts.map((x) => `${x.stalled} / ${x.threw} / ${x.refused}`).join(', ')),
    row('longest play-loop gap during a restart', (r) => `${fmt(worst(r.restarts, (x) => x.maxPlayGapMs), 0)} ms`),
    row('agent heap per screen', (r) => `${fmt(r.perScreenKb, 1)} KB`),
  ];
}

function budgetsOf(runs: readonly BrokerRun[], n: number): Budget[] {
  return runs.flatMap((r) => {
    const back = worst(r.restarts, (x) => x.allBackMs);
    const stopped = r.restarts.reduce((sum, x) => sum + Math.max(x.stalled, x.threw, x.refused), 0);
    const p99 = percentile(r.latencies, 99);
    return [
      { name: `${r.broker}: every one of ${n} screens back within 60 s of a restart`, met: back <= 60_000, figure: `worst ${fmt(back / 1000, 2)} s over ${r.restarts.length} restart(s); ${Math.min(...r.restarts.map((x) => x.reconnected))} of ${n} back` },
      { name: `${r.broker}: no screen stops playing across a restart`, met: stopped === 0, figure: `${stopped} screens stalled (gap > ${STALL_MS / 1000} s), threw or were refused` },
      { name: `${r.broker}: alert p99 under 2 s for all ${n} screens`, met: p99 < 2000 && r.missingAcks === 0, figure: `p99 ${fmt(p99, 0)} ms over ${r.latencies.length} acknowledgements, ${r.missingAcks} missing after 2 min` },
    ];
  });
}

export async function fleetSection(ctx: BenchContext): Promise<Section> {
  const n = ctx.quick ? 200 : 1000;
  const root = await mkdtemp(join(tmpdir(), 'fleet-bench-'));
  try {
    const pair = generateEd25519();
    const key = parsePrivateKey(pair.privateKeyPem);
    if (!key.ok) throw new Error(key.error);
    const keys = { privateKey: key.value, publicKeyBase64: pair.publicKeyBase64 };
    const ids = Array.from({ length: n }, (_, i) => `screen-${String(i).padStart(4, '0')}`);
    const dataDir = join(root, 'console');
    await mkdir(dataDir, { recursive: true });
    const t0 = performance.now();
    const accounts = await writeBenchAccounts(dataDir, ids, (i) => `branch-${i % GROUPS}`, new Date());
    ctx.log(`fleet: ${n} screen accounts in ${fmt((performance.now() - t0) / 1000, 1)} s`);
    const base = { dataDir, keys: () => keys, mqttHost: '127.0.0.1', prefix: 'kiosk', now: () => new Date(), log: () => undefined };
    const o = { accounts, root, publicKey: createPublicKey(keys.privateKey), quick: ctx.quick, log: ctx.log };
    const runs = [await runOn(await embedded(base), o), await runOn(await mosquitto(base), o)];
    return {
      id: 'fleet',
      title: `Fleet: ${n} screens, each on its own account, on the embedded broker and on Mosquitto (loopback, one process for all agents)`,
      columns: ['figure', ...runs.map((r) => r.broker)],
      rows: rowsOf(runs),
      budgets: budgetsOf(runs, n),
      notes: [
        'Accounts are made as joining makes them (own secret, scrypt and $7$ hashes, own Ed25519 key) and written straight into the console\'s screens.json.',
        'Embedded: a restart closes the console\'s fleet side and starts it again on the same port with the registry read anew, as a console restart does, so every reconnection pays its scrypt check again. Mosquitto: SIGTERM, then a new process on the password and ACL files the console wrote.',
        'Times run from the moment the broker accepted a TCP connection again (a 10 ms probe, or the first screen back if earlier), after every screen had seen the connection drop.',
        `A screen "plays" with a ${PLAY_TICK_MS} ms loop that changes item every 15 s and tells its agent (which publishes a status); it stopped playing if a tick came more than ${STALL_MS / 1000} s late, its agent threw, or the broker refused its account.`,
        'All agents share one Node process and one event loop with the console, so latencies include their queueing: a pessimistic stand-in for separate machines.',
      ],
      data: { screens: n, runs },
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
