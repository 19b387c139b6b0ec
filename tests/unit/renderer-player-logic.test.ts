import { describe, expect, it } from 'vitest';
import type { PlayerState } from '../../src/core/api/contract';
import { Playlist } from '../../src/core/model/playlist';
import { clockTimeMs, parseClockParams } from '../../src/renderer/clock-params';
import { initialChord, onKey, type ChordState } from '../../src/renderer/key-chord';
import { layoutForViewport, planScreen } from '../../src/renderer/screen-plan';
import { copiesForLoop, lineText, repeatsToCover } from '../../src/renderer/ticker-plan';

describe('fake clock from the URL', () => {
  it('starts at ?now and runs ?rate times faster', () => {
    const params = parseClockParams('?now=2025-03-14T10:00:00%2B08:00&rate=60');
    expect(params).toEqual({ startMs: Date.parse('2025-03-14T02:00:00Z'), rate: 60 });
    expect(new Date(clockTimeMs(params, 1000, 2000)).toISOString()).toBe('2025-03-14T02:01:00.000Z');
  });

  it('is real time without parameters, and ignores nonsense', () => {
    expect(parseClockParams('')).toEqual({ startMs: undefined, rate: 1 });
    expect(parseClockParams('?now=yesterday&rate=-3')).toEqual({ startMs: undefined, rate: 1 });
    expect(clockTimeMs(parseClockParams(''), 5000, 7000)).toBe(7000);
  });
});

describe('operator key chord', () => {
  const key = (k: string, at: number, mods: Partial<Record<'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey', boolean>> = {}) => ({
    key: k,
    at,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    metaKey: false,
    ...mods,
  });
  const press = (keys: ReturnType<typeof key>[]): boolean[] => {
    let state: ChordState = initialChord;
    return keys.map((k) => {
      const result = onKey(state, k);
      state = result.state;
      return result.toggle;
    });
  };

  it('toggles on Ctrl+Shift+O', () => {
    expect(press([key('O', 0, { ctrlKey: true, shiftKey: true })])).toEqual([true]);
    expect(press([key('o', 0, { ctrlKey: true })])).toEqual([false]);
  });

  it('toggles on the fifth "o" within three seconds, not on slower or interrupted presses', () => {
    expect(press([0, 400, 800, 1200, 1600].map((t) => key('o', t)))).toEqual([false, false, false, false, true]);
    expect(press([0, 1000, 2000, 3000, 4000].map((t) => key('o', t)))).toEqual([false, false, false, false, false]);
    expect(press([key('o', 0), key('o', 100), key('x', 200), key('o', 300), key('o', 400), key('o', 500)])).toEqual([
      false, false, false, false, false, false,
    ]);
  });
});

describe('seamless ticker plan', () => {
  it('joins segments with the separator and ends with one, so copies join seamlessly', () => {
    expect(lineText(['不点链接', ' ', '不转账 '], '　◆　')).toBe('不点链接　◆　不转账　◆　');
    expect(lineText([], '◆')).toBe('');
  });

  it('repeats a short line until one copy covers the viewport', () => {
    expect(repeatsToCover(300, 1920)).toBe(7);
    expect(repeatsToCover(5000, 1920)).toBe(1);
    expect(repeatsToCover(0, 1920)).toBe(1);
  });

  it('lays out [old, new, new] at a seam so new text enters from the right without a jump', () => {
    expect(copiesForLoop('A', 'A')).toEqual(['A', 'A']);
    expect(copiesForLoop('A', 'B')).toEqual(['A', 'B', 'B']);
  });
});

describe('what the whole screen shows', () => {
  const playlist = Playlist.parse({
    name: 'p',
    pack: ['x.json'],
    onHours: { rules: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' }], outside: 'black' },
  });
  const state = (over: Partial<PlayerState> = {}): PlayerState => ({
    version: 1,
    screenId: 's',
    organisation: 'o',
    layout: 'landscape',
    region: { region: 'cn', hotlines: [] },
    locales: ['zh-CN'],
    playlist,
    items: [],
    alerts: [],
    sync: null,
    warnings: [],
    fallback: false,
    appVersion: '0',
    startedAt: '2025-03-14T00:00:00Z',
    ...over,
  });
  const friday = new Date('2025-03-14T02:00:00Z'); // 10:00 in Shanghai
  const alert = (level: 'critical' | 'warning') => ({
    kind: 'alert' as const,
    id: `a-${level}`,
    text: 't',
    level,
    starts: '2025-03-14T01:00:00Z',
    expires: '2025-03-14T03:00:00Z',
  });

  it('waits for the first fetch, then shows the fallback when no state came', () => {
    expect(planScreen({ state: undefined, loaded: false, now: friday })).toEqual({ kind: 'loading' });
    expect(planScreen({ state: undefined, loaded: true, now: friday })).toEqual({ kind: 'loop', playable: false, banner: undefined });
    expect(planScreen({ state: state({ fallback: true }), loaded: true, now: friday })).toMatchObject({ playable: false });
  });

  it('lets a critical alert take over and shows a warning as a banner over the loop', () => {
    expect(planScreen({ state: state({ alerts: [alert('critical')] }), loaded: true, now: friday })).toMatchObject({ kind: 'takeover' });
    expect(planScreen({ state: state({ alerts: [alert('warning')] }), loaded: true, now: friday })).toMatchObject({
      kind: 'loop',
      playable: true,
      banner: { id: 'a-warning' },
    });
  });

  it('goes black outside on-hours when the playlist says so', () => {
    expect(planScreen({ state: state(), loaded: true, now: new Date('2025-03-15T13:00:00Z') })).toEqual({ kind: 'black' });
  });

  it('guesses the layout from the window when no state says it', () => {
    expect(layoutForViewport(384, 64)).toBe('strip');
    expect(layoutForViewport(1080, 1920)).toBe('portrait');
    expect(layoutForViewport(1920, 1080)).toBe('landscape');
  });
});

describe('operator PIN entry', () => {
  it('collects digits, deletes with Backspace and submits on Enter', async () => {
    const { onPinKey } = await import('../../src/renderer/pin-entry');
    expect(onPinKey('12', '3')).toEqual({ kind: 'edit', pin: '123' });
    expect(onPinKey('123', 'Backspace')).toEqual({ kind: 'edit', pin: '12' });
    expect(onPinKey('12', 'Enter')).toEqual({ kind: 'submit', pin: '12' });
    expect(onPinKey('', 'Enter')).toEqual({ kind: 'ignore' });
    expect(onPinKey('12', 'a')).toEqual({ kind: 'ignore' });
    expect(onPinKey('123456789012', '3')).toEqual({ kind: 'ignore' });
    expect(onPinKey('99', 'Escape')).toEqual({ kind: 'edit', pin: '' });
  });
});
