import { describe, expect, it } from 'vitest';
import { judgeHeartbeat } from '../../src/core/recovery/heartbeat';

const T0 = 1_700_000_000_000;

describe('heartbeat watchdog', () => {
  it('stays unarmed until a first beat arrives', () => {
    expect(judgeHeartbeat({ now: T0 + 600_000, lastBeatAt: 0, loadedAt: T0, timeoutMs: 30_000 })).toEqual({ kind: 'unarmed' });
  });

  it('is alive up to the timeout and hung just after it', () => {
    const at = (ms: number) => judgeHeartbeat({ now: T0 + ms, lastBeatAt: T0, loadedAt: T0 - 60_000, timeoutMs: 30_000 });
    expect(at(30_000)).toEqual({ kind: 'alive', silentMs: 30_000 });
    expect(at(30_001)).toEqual({ kind: 'hung', silentMs: 30_001 });
  });

  it('gives a freshly reloaded page a full timeout before its first beat', () => {
    const lastBeatAt = T0;
    const loadedAt = T0 + 100_000;
    expect(judgeHeartbeat({ now: loadedAt + 20_000, lastBeatAt, loadedAt, timeoutMs: 30_000 }).kind).toBe('alive');
    expect(judgeHeartbeat({ now: loadedAt + 31_000, lastBeatAt, loadedAt, timeoutMs: 30_000 })).toEqual({ kind: 'hung', silentMs: 31_000 });
  });
});
