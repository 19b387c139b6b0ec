import { describe, expect, it } from 'vitest';
import { decideGpuCrash, hardwareAccelerationOff } from '../../src/core/recovery/gpu-fallback';
import { initialShellState, parseShellState, type ShellState } from '../../src/core/recovery/shell-state';

const T0 = Date.UTC(2025, 2, 1, 8, 0, 0);
const crashed = { reason: 'crashed', exitCode: 1 };

function crashes(times: readonly number[], start: ShellState = initialShellState) {
  let state = start;
  return times.map((t) => {
    const out = decideGpuCrash(state, crashed, t, '1.2.0');
    state = out.state;
    return out;
  });
}

describe('GPU crash fallback', () => {
  it('tolerates two GPU crashes and turns hardware acceleration off at the third within 30 min', () => {
    const out = crashes([T0, T0 + 60_000, T0 + 120_000]);
    expect(out.map((o) => o.action.kind)).toEqual(['none', 'none', 'relaunch-without-gpu']);
    const last = out[2]!;
    expect(last.action.reason).toContain('3 GPU crashes in 30 min');
    expect(last.state.gpu).toMatchObject({ disabled: true, appVersion: '1.2.0', disabledAt: '2025-03-01T08:02:00.000Z' });
    expect(hardwareAccelerationOff(last.state, '1.2.0')).toBe(true);
  });

  it('is remembered across a restart through the state file text', () => {
    const disabled = crashes([T0, T0 + 1, T0 + 2])[2]!.state;
    const reread = parseShellState(JSON.parse(JSON.stringify(disabled)));
    expect(reread.error).toBeNull();
    expect(hardwareAccelerationOff(reread.state, '1.2.0')).toBe(true);
  });

  it('gives the GPU another chance after an app update', () => {
    const disabled = crashes([T0, T0 + 1, T0 + 2])[2]!.state;
    expect(hardwareAccelerationOff(disabled, '1.3.0')).toBe(false);
  });

  it('ignores crashes spread over hours and clean exits', () => {
    const hourly = crashes([T0, T0 + 3_600_000, T0 + 7_200_000, T0 + 10_800_000]);
    expect(hourly.every((o) => o.action.kind === 'none')).toBe(true);
    const clean = decideGpuCrash(initialShellState, { reason: 'clean-exit', exitCode: 0 }, T0, '1.2.0');
    expect(clean.state).toBe(initialShellState);
    expect(clean.action.reason).toContain('not a crash');
  });

  it('does not restart again for crashes once acceleration is already off', () => {
    const disabled = crashes([T0, T0 + 1, T0 + 2])[2]!.state;
    const again = crashes([T0 + 10, T0 + 11, T0 + 12, T0 + 13], disabled);
    expect(again.every((o) => o.action.kind === 'none')).toBe(true);
  });

  it('a damaged state file means a fresh state and a message naming the field', () => {
    const bad = parseShellState({ gpu: { disabled: 'yes' }, relaunches: [] });
    expect(bad.state).toEqual(initialShellState);
    expect(bad.error).toContain('gpu.disabled');
  });
});
