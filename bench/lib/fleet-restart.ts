import { createConnection } from 'node:net';
import { performance } from 'node:perf_hooks';
import { median } from './stats';
import type { FleetSim } from './fleet-sim';

/** What one broker restart did to the fleet; times from the moment the broker accepted connections again. */
export interface RestartFigures {
  readonly screens: number;
  /** Stop called → the port accepted a connection again. */
  readonly downMs: number;
  readonly reconnected: number;
  /** The last screen's reconnection (the whole fleet back), and the median one. */
  readonly allBackMs: number;
  readonly medianBackMs: number;
  /** The most reconnections in any one-second window. */
  readonly peakPerSecond: number;
  readonly stalled: number;
  readonly threw: number;
  readonly refused: number;
  readonly maxPlayGapMs: number;
  readonly backMs: readonly number[];
}

/** The most events in any one-second window. */
export function peakPerSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) > 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves with the first moment a TCP connection to the port succeeds (tried every 10 ms). */
async function acceptingAt(port: number, giveUp: () => boolean): Promise<number> {
  while (!giveUp()) {
    const at = await new Promise<number | undefined>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        resolve(performance.now());
        socket.destroy();
      });
      socket.on('error', () => resolve(undefined));
    });
    if (at !== undefined) return at;
    await pause(10);
  }
  return Number.NaN;
}

async function waitFor(probe: () => boolean, ms: number): Promise<boolean> {
  const t0 = performance.now();
  while (!probe()) {
    if (performance.now() - t0 > ms) return false;
    await pause(10);
  }
  return true;
}

/**
 * Stops the broker, waits until every screen has noticed, starts it again and times each
 * screen's first reconnection from the moment the port accepted again (the earlier of a probe
 * connection and the first screen back, so a slow start-up of the broker is not counted as
 * the screens' time). Play loops and agent errors are watched over the whole window.
 */
export async function measureRestart(sim: FleetSim, port: number, broker: { stop(): Promise<void>; start(): Promise<void> }, timeoutMs: number): Promise<RestartFigures> {
  const n = sim.screens.length;
  sim.resetWatch();
  const t0 = performance.now();
  await broker.stop();
  if (!(await waitFor(() => sim.connected() === 0, 30_000))) throw new Error(`fleet bench: ${sim.connected()} screens still connected 30 s after the broker stopped`);
  const back = new Map<number, number>();
  let done = false;
  const up = acceptingAt(port, () => done);
  const started = broker.start();
  const all = await waitFor(() => {
    const t = performance.now();
    for (const [i, s] of sim.screens.entries()) if (!back.has(i) && s.agent.connected()) back.set(i, t);
    return back.size === n;
  }, timeoutMs);
  done = true;
  await started;
  const tUp = Math.min(await up, ...back.values());
  const backMs = [...back.values()].map((t) => t - tUp);
  const stopped = sim.stopped();
  return {
    screens: n, downMs: tUp - t0, reconnected: back.size,
    allBackMs: all ? Math.max(0, ...backMs) : Number.POSITIVE_INFINITY, medianBackMs: median(backMs),
    peakPerSecond: peakPerSecond(backMs), stalled: stopped.stalled, threw: stopped.threw, refused: stopped.refused,
    maxPlayGapMs: stopped.maxGapMs, backMs,
  };
}
