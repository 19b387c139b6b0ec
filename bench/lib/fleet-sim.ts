import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FleetSettings } from '../../src/core/model/fleet-config';
import { REFUSED, startFleetAgent, type FleetAgent } from '../../src/node/fleet/agent';
import type { BenchAccount } from './fleet-accounts';

/** The play loop's period, and the gap after which a screen counts as having stopped playing. */
export const PLAY_TICK_MS = 500;
export const STALL_MS = 3000;
const ITEM_TICKS = 30;

/**
 * One simulated screen: the real fleet agent on its own account, and a play loop (a timer that
 * advances the item, as the runtime's player does) that the broker has no way to stop. The loop
 * tells the agent the item changed, as the runtime does, so an agent that throws is seen there.
 */
export interface SimScreen {
  readonly account: BenchAccount;
  readonly agent: FleetAgent;
  /** The longest gap between two play-loop ticks since the last `resetWatch`. */
  maxGapMs: number;
  lastTick: number;
  item: number;
  readonly threw: string[];
  refused: boolean;
}

export interface FleetSim {
  readonly screens: readonly SimScreen[];
  connected(): number;
  /** Starts a new observation window for stalls and errors. */
  resetWatch(): void;
  /** Screens whose play loop stalled (a gap over STALL_MS) or whose agent threw or was refused. */
  stopped(): { stalled: number; threw: number; refused: number; maxGapMs: number };
  close(): Promise<void>;
}

export interface SimOptions {
  readonly accounts: readonly BenchAccount[];
  readonly broker: string;
  readonly publicKey: KeyObject;
  readonly root: string;
}

function playLoop(screen: SimScreen): NodeJS.Timeout {
  return setInterval(() => {
    const t = performance.now();
    screen.maxGapMs = Math.max(screen.maxGapMs, t - screen.lastTick);
    screen.lastTick = t;
    screen.item++;
    // A new item every 15 s, as a loop of short slides would: the agent then publishes a status.
    if (screen.item % ITEM_TICKS !== 0) return;
    try {
      screen.agent.statusChanged();
    } catch (e) {
      screen.threw.push(String(e));
    }
  }, PLAY_TICK_MS);
}

async function startScreen(o: SimOptions, account: BenchAccount, i: number): Promise<SimScreen> {
  const holder: { screen?: SimScreen } = {};
  const agent = await startFleetAgent({
    settings: FleetSettings.parse({ broker: o.broker, username: account.user, password: account.secret, groups: [account.group] }),
    screenId: account.screenId, publicKey: o.publicKey, dataDir: join(o.root, account.screenId),
    status: () => ({ appVersion: '0.2.0', layout: 'landscape', currentItem: `case-c${Math.floor((holder.screen?.item ?? i) / ITEM_TICKS) % 36}`, sync: { lastSuccess: null, source: 'pack', lastError: null } }),
    applyAlerts: (alerts) => alerts.map((a) => a.id),
    runCommand: async () => ({ result: 'done' }),
    now: () => new Date(),
    log: (line) => {
      if (line.includes(REFUSED) && holder.screen) holder.screen.refused = true;
      // The agent logs what its handlers threw as `fleet: <Name>Error: …`; connection errors are bare messages.
      if (/^fleet: \w*Error\b/.test(line)) holder.screen?.threw.push(line);
    },
  });
  holder.screen = { account, agent, maxGapMs: 0, lastTick: performance.now(), item: i, threw: [], refused: false };
  return holder.screen;
}

/** `accounts.length` screens in this process, all on one broker. */
export async function startFleetSim(o: SimOptions): Promise<FleetSim> {
  const screens: SimScreen[] = [];
  const loops: NodeJS.Timeout[] = [];
  const processErrors: string[] = [];
  const onError = (e: unknown): void => void processErrors.push(String(e));
  process.on('unhandledRejection', onError);
  for (const [i, account] of o.accounts.entries()) {
    const screen = await startScreen(o, account, i);
    screens.push(screen);
    loops.push(playLoop(screen));
  }
  return {
    screens,
    connected: () => screens.filter((s) => s.agent.connected()).length,
    resetWatch() {
      const t = performance.now();
      for (const s of screens) {
        s.maxGapMs = 0;
        s.lastTick = t;
        s.threw.length = 0;
        s.refused = false;
      }
      processErrors.length = 0;
    },
    stopped() {
      const t = performance.now();
      const gaps = screens.map((s) => Math.max(s.maxGapMs, t - s.lastTick));
      return {
        stalled: gaps.filter((g) => g > STALL_MS).length,
        // An unhandled rejection cannot be pinned to one screen: it counts against all of them.
        threw: processErrors.length > 0 ? screens.length : screens.filter((s) => s.threw.length > 0).length,
        refused: screens.filter((s) => s.refused).length,
        maxGapMs: Math.max(0, ...gaps),
      };
    },
    async close() {
      for (const l of loops) clearInterval(l);
      process.off('unhandledRejection', onError);
      await Promise.all(screens.map((s) => s.agent.close().catch(() => undefined)));
    },
  };
}
