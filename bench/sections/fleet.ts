import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FleetSettings } from '../../src/core/model/fleet-config';
import { startFleetAgent, type FleetAgent } from '../../src/node/fleet/agent';
import { startFleetConsole } from '../../src/node/fleet/console-fleet';
import { startMosquitto } from '../../tests/helpers/mosquitto';
import type { BenchContext } from '../lib/context';
import { fmt, median, percentile, type Section } from '../lib/report';

/**
 * 1,000 screens running the real fleet agent (status from a stand-in runtime) against a real
 * Mosquitto on loopback, with the console's real fleet service publishing signed alerts.
 */
interface Sim {
  readonly agents: FleetAgent[];
  readonly connects: number[][];
  readonly applied: Map<number, number[]>;
}

async function until(what: string, probe: () => boolean, ms: number): Promise<number> {
  const t0 = performance.now();
  while (!probe()) {
    if (performance.now() - t0 > ms) throw new Error(`fleet bench: timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - t0;
}

/** The most connections in any one-second window. */
function peakPerSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) > 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

/** A forced GC even when node was started without --expose-gc (the bench runs inside `kiosk bench`). */
function collect(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

export async function fleetSection(ctx: BenchContext): Promise<Section> {
  const screens = ctx.quick ? 100 : 1000;
  const ids = Array.from({ length: screens }, (_, i) => `screen-${String(i).padStart(4, '0')}`);
  const users = Object.fromEntries([['console', 'console-pw'], ...ids.map((id) => [id, 'screen-pw'])]);
  const broker = await startMosquitto(users, 'kiosk', Array.from({ length: 20 }, (_, i) => `branch-${i}`));
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const root = await mkdtemp(join(tmpdir(), 'fleet-bench-'));
  const consoleFleet = await startFleetConsole({
    settings: FleetSettings.parse({ broker: broker.url, username: 'console', password: 'console-pw' }),
    privateKey: () => privateKey, dataDir: root, now: () => new Date(), log: () => undefined,
  });
  const sim: Sim = { agents: [], connects: ids.map(() => []), applied: new Map() };
  try {
    collect();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    for (const [i, id] of ids.entries()) {
      const agent = await startFleetAgent({
        settings: FleetSettings.parse({ broker: broker.url, username: id, password: 'screen-pw', groups: [`branch-${i % 20}`] }),
        screenId: id, publicKey, dataDir: join(root, id),
        status: () => ({ appVersion: '0.2.0', layout: 'landscape', currentItem: `case-c${i % 36}`, sync: { lastSuccess: null, source: 'pack', lastError: null } }),
        applyAlerts: (alerts) => alerts.map((a) => a.id),
        runCommand: async () => ({ result: 'done' }),
        now: () => new Date(), log: () => undefined,
      });
      sim.agents.push(agent);
    }
    await until('all screens connected', () => sim.agents.every((a) => a.connected()), 120_000);
    const connectMs = performance.now() - t0;
    await until('console sees all', () => consoleFleet.screens().filter((r) => r.presence === 'online').length === screens, 60_000);
    collect();
    const perScreenKb = (process.memoryUsage().heapUsed - heap0) / screens / 1024;

    const latencies: number[] = [];
    for (let round = 0; round < (ctx.quick ? 2 : 5); round++) {
      const sent = performance.now();
      const seq = await consoleFleet.raiseAlert({ id: `bench-${round}`, text: '冒充公安的电话今天又出现了，请立即挂断', level: 'critical', start: new Date().toISOString(), expires: new Date(Date.now() + 600_000).toISOString(), target: { scope: 'all' } });
      const seen = new Set<string>();
      await until('all acknowledgements', () => {
        for (const r of consoleFleet.screens()) {
          if (r.applied?.seq === seq && !seen.has(r.screenId)) {
            seen.add(r.screenId);
            latencies.push(performance.now() - sent);
          }
        }
        return seen.size === screens;
      }, 60_000);
    }

    const restart0 = performance.now();
    await broker.restart();
    const restarted = performance.now();
    const reconnectTimes: number[] = [];
    await until('all reconnected', () => {
      for (const [i, a] of sim.agents.entries()) {
        if (!a.connected() || sim.connects[i]!.length > 0) continue;
        sim.connects[i]!.push(performance.now());
        reconnectTimes.push(performance.now() - restarted);
      }
      return sim.agents.every((a) => a.connected());
    }, 180_000);
    const reconnectMs = Math.max(...reconnectTimes);
    const peak = peakPerSecond(reconnectTimes);

    const p99 = percentile(latencies, 99);
    return {
      id: 'fleet',
      title: `Fleet: ${screens} screens on Mosquitto (loopback, one process for all agents)`,
      columns: ['figure', 'value'],
      rows: [
        ['screens', screens],
        ['all connected after start', `${fmt(connectMs / 1000, 2)} s`],
        ['alert: console publish → verified ack at the console, p50', `${fmt(median(latencies), 0)} ms`],
        ['alert latency p99', `${fmt(p99, 0)} ms`],
        ['alert latency max', `${fmt(Math.max(...latencies), 0)} ms`],
        ['broker restart (stop + start)', `${fmt(restarted - restart0, 0)} ms`],
        ['all reconnected after the broker was back', `${fmt(reconnectMs / 1000, 2)} s`],
        ['peak reconnections in any 1 s (full jitter)', `${peak} of ${screens}`],
        ['agent heap per screen', `${fmt(perScreenKb, 1)} KB`],
      ],
      budgets: [{ name: `alert p99 under 2 s for all ${screens} screens`, met: p99 < 2000, figure: `p99 ${fmt(p99, 0)} ms over ${latencies.length} acknowledgements` }],
      notes: [
        'All agents share one Node process and one event loop with the console, so latencies include their queueing: a pessimistic stand-in for 1,000 machines.',
        'Heap per screen: JS heap after a forced GC with all agents connected, minus before, over the number of agents (sockets and broker-side memory excluded).',
      ],
      data: { screens, connectMs, latencies, reconnectTimes, peak, perScreenKb },
    };
  } finally {
    await Promise.all(sim.agents.map((a) => a.close().catch(() => undefined)));
    await consoleFleet.close();
    await broker.stop();
    await rm(root, { recursive: true, force: true });
  }
}
