import { describe, expect, it } from 'vitest';
import {
  decideRelaunch,
  decideRendererRecovery,
  defaultRetryPolicy,
  initialRendererRecovery,
  type RendererAction,
  type RendererRecoveryState,
  type RendererSignal,
} from '../../src/core/recovery/retry-budget';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const MIN = 60_000;
const crash: RendererSignal = { kind: 'gone', reason: 'crashed', exitCode: 139 };

/** Feeds signals at the given minute offsets through the decision, like the wiring does. */
function run(events: ReadonlyArray<readonly [number, RendererSignal]>): RendererAction[] {
  let state: RendererRecoveryState = initialRendererRecovery;
  return events.map(([minute, signal]) => {
    const out = decideRendererRecovery(state, signal, T0 + minute * MIN);
    state = out.state;
    return out.action;
  });
}

describe('renderer retry budget', () => {
  it('reloads a crashed renderer at once, naming the reason', () => {
    const [first] = run([[0, crash]]);
    expect(first).toEqual({ kind: 'reload', crashFirst: false, delayMs: 0, reason: 'renderer process gone (crashed, exit code 139)' });
  });

  it('restarts the app on the fourth failure within ten minutes', () => {
    const actions = run([[0, crash], [1, { kind: 'gone', reason: 'oom', exitCode: 0 }], [2, crash], [3, crash]]);
    expect(actions.map((a) => a.kind)).toEqual(['reload', 'reload', 'reload', 'relaunch']);
    expect(actions[3]?.reason).toContain('4 failures in 10 min');
  });

  it('forgets failures older than the window, so a crash a day never restarts the app', () => {
    const daily = Array.from({ length: 30 }, (_, day) => [day * 24 * 60, crash] as const);
    expect(run(daily).every((a) => a.kind === 'reload')).toBe(true);
    const spaced = run([[0, crash], [4, crash], [8, crash], [12, crash], [16, crash]]);
    expect(spaced.map((a) => a.kind)).toEqual(['reload', 'reload', 'reload', 'reload', 'reload']);
  });

  it('crashes a hung or unresponsive renderer before reloading it', () => {
    const actions = run([[0, { kind: 'unresponsive' }], [5, { kind: 'hung', silentMs: 45_000 }]]);
    expect(actions).toEqual([
      { kind: 'reload', crashFirst: true, delayMs: 0, reason: 'renderer unresponsive' },
      { kind: 'reload', crashFirst: true, delayMs: 0, reason: 'renderer hung (no heartbeat for 45 s)' },
    ]);
  });

  it('does not count the crash it caused itself as another failure', () => {
    let state = decideRendererRecovery(initialRendererRecovery, { kind: 'unresponsive' }, T0).state;
    const echo = decideRendererRecovery(state, { kind: 'gone', reason: 'killed', exitCode: 9 }, T0 + 1_000);
    expect(echo.action.kind).toBe('ignore');
    state = echo.state;
    expect(state.failures).toHaveLength(1);
    // A later, unrelated crash counts again.
    expect(decideRendererRecovery(state, crash, T0 + 2_000).action.kind).toBe('reload');
  });

  it('after a restart the budget starts fresh', () => {
    const actions = run([[0, crash], [1, crash], [2, crash], [3, crash], [4, crash]]);
    expect(actions.map((a) => a.kind)).toEqual(['reload', 'reload', 'reload', 'relaunch', 'reload']);
  });
});

describe('restart budget (crash loop guard)', () => {
  it('allows three restarts an hour, then backs off with doubling pauses', () => {
    let relaunches: readonly number[] = [];
    const kinds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const v = decideRelaunch(relaunches, 0, T0 + i * MIN);
      relaunches = v.relaunches;
      kinds.push(v.kind);
    }
    expect(kinds).toEqual(['relaunch', 'relaunch', 'relaunch']);
    const delays = [0, 1, 2, 10].map((backoffs) => decideRelaunch(relaunches, backoffs, T0 + 5 * MIN));
    expect(delays.map((v) => v.kind)).toEqual(['back-off', 'back-off', 'back-off', 'back-off']);
    expect(delays.map((v) => (v.kind === 'back-off' ? v.delayMs : 0))).toEqual([30_000, 60_000, 120_000, defaultRetryPolicy.backoffMaxMs]);
  });

  it('restarts again once the old restarts are more than an hour ago', () => {
    const old = [T0, T0 + MIN, T0 + 2 * MIN];
    const verdict = decideRelaunch(old, 3, T0 + 61 * MIN);
    expect(verdict.kind).toBe('relaunch');
    expect(verdict.relaunches).toEqual([T0 + 2 * MIN, T0 + 61 * MIN]);
  });
});
