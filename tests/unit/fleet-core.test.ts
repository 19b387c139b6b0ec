import { describe, expect, it } from 'vitest';
import { fullJitterMs } from '../../src/core/fleet/backoff';
import { presenceOf } from '../../src/core/fleet/presence';
import { alertsForScreen, judgeMessage, parseFleetMessage, type FleetMessage } from '../../src/core/fleet/signed-message';
import { parseTopic, topicFilter, topicFor } from '../../src/core/fleet/topics';

const now = new Date('2026-12-01T08:00:00Z');
const screen = { screenId: 'lobby-1', groups: ['school-a'] };
const alertSet = (seq: number, expires = '2026-12-01T09:00:00Z'): FleetMessage => ({
  seq,
  issuedAt: '2026-12-01T07:59:00Z',
  expires,
  body: {
    type: 'alerts',
    alerts: [
      { id: 'a1', text: '冒充公安的电话又出现了', level: 'critical', start: '2026-12-01T07:59:00Z', expires, target: { scope: 'all' } },
      { id: 'a2', text: '只给另一所学校', level: 'warning', start: '2026-12-01T07:59:00Z', expires, target: { scope: 'group', group: 'school-b' } },
    ],
  },
});
const command = (seq: number, issuedAt = '2026-12-01T07:59:30Z', target: FleetMessage['body'] = { type: 'command', command: 'identify', target: { scope: 'screen', screen: 'lobby-1' } }): FleetMessage => ({
  seq,
  issuedAt,
  expires: '2026-12-01T08:05:00Z',
  body: target,
});

describe('fleet topics, declared once', () => {
  it('builds, filters and parses every topic under a prefix', () => {
    expect(topicFor('kiosk/org1', 'status', { screen: 'lobby-1' })).toBe('kiosk/org1/screens/lobby-1/status');
    expect(topicFor('/kiosk/org1/', 'groupCmd', { group: 'g' })).toBe('kiosk/org1/groups/g/cmd');
    expect(topicFor('kiosk', 'alerts')).toBe('kiosk/alerts');
    expect(topicFilter('kiosk', 'status')).toBe('kiosk/screens/+/status');
    expect(parseTopic('kiosk', 'kiosk/screens/lobby-1/events')).toEqual({ name: 'events', screen: 'lobby-1' });
    expect(parseTopic('kiosk', 'kiosk/groups/g1/cmd')).toEqual({ name: 'groupCmd', group: 'g1' });
    expect(parseTopic('kiosk', 'other/screens/x/status')).toBeUndefined();
  });

  it('refuses ids that would inject wildcards or levels into a topic', () => {
    for (const bad of ['+', '#', 'a/b', '', '../x', 'a b']) {
      expect(topicFor('kiosk', 'status', { screen: bad })).toBeUndefined();
      expect(parseTopic('kiosk', `kiosk/screens/${bad}/status`)).toBeUndefined();
    }
    expect(topicFor('kiosk', 'status')).toBeUndefined();
  });
});

describe('signed fleet messages: freshness, replay and target', () => {
  it('parses only well-formed messages and names the bad field', () => {
    expect(parseFleetMessage(JSON.stringify(alertSet(3))).ok).toBe(true);
    const bad = parseFleetMessage(JSON.stringify({ ...alertSet(3), extra: 1 }));
    expect(bad.ok).toBe(false);
    const notJson = parseFleetMessage('{oops');
    expect(notJson).toEqual({ ok: false, error: 'message is not JSON' });
    const noSeq = parseFleetMessage(JSON.stringify({ ...alertSet(3), seq: -1 }));
    expect(noSeq.ok ? '' : noSeq.error).toMatch(/seq/);
  });

  it('accepts a new alert set, treats the retained copy as a duplicate and refuses an older one', () => {
    expect(judgeMessage({ message: alertSet(5), screen, now, lastSeq: undefined }).kind).toBe('accept');
    expect(judgeMessage({ message: alertSet(5), screen, now, lastSeq: 5 }).kind).toBe('duplicate');
    const replay = judgeMessage({ message: alertSet(4), screen, now, lastSeq: 5 });
    expect(replay).toEqual({ kind: 'refuse', reason: 'replayed: sequence 4 is below the last accepted 5' });
  });

  it('refuses expired and future-dated messages', () => {
    expect(judgeMessage({ message: alertSet(6, '2026-12-01T07:59:59Z'), screen, now, lastSeq: 5 }).kind).toBe('refuse');
    const future = { ...alertSet(6), issuedAt: '2026-12-01T08:10:00Z' };
    expect(judgeMessage({ message: future, screen, now, lastSeq: 5 })).toMatchObject({ kind: 'refuse', reason: /future/ });
  });

  it('runs a command once, only when fresh and aimed at this screen', () => {
    expect(judgeMessage({ message: command(7), screen, now, lastSeq: 6 }).kind).toBe('accept');
    expect(judgeMessage({ message: command(7), screen, now, lastSeq: 7 })).toMatchObject({ kind: 'refuse', reason: /replayed/ });
    expect(judgeMessage({ message: command(8, '2026-12-01T07:50:00Z'), screen, now, lastSeq: 7 })).toMatchObject({ kind: 'refuse', reason: /stale/ });
    const other = command(9, undefined, { type: 'command', command: 'reload', target: { scope: 'group', group: 'school-b' } });
    expect(judgeMessage({ message: other, screen, now, lastSeq: 8 }).kind).toBe('ignore');
    const mine = command(10, undefined, { type: 'command', command: 'reload', target: { scope: 'group', group: 'school-a' } });
    expect(judgeMessage({ message: mine, screen, now, lastSeq: 9 }).kind).toBe('accept');
  });

  it('shows only the alerts aimed at this screen and active now', () => {
    const set = alertSet(1);
    if (set.body.type !== 'alerts') throw new Error('fixture');
    expect(alertsForScreen(set.body.alerts, screen, now).map((a) => a.id)).toEqual(['a1']);
    expect(alertsForScreen(set.body.alerts, screen, new Date('2026-12-01T09:00:00Z'))).toEqual([]);
    expect(alertsForScreen(set.body.alerts, { screenId: 'x', groups: ['school-b'] }, now).map((a) => a.id)).toEqual(['a1', 'a2']);
  });
});

describe('reconnect back-off with full jitter', () => {
  it('stays inside the exponential window, capped', () => {
    expect(fullJitterMs(0, 1000, 60_000, 0.999)).toBe(999);
    expect(fullJitterMs(3, 1000, 60_000, 0.5)).toBe(4000);
    expect(fullJitterMs(20, 1000, 60_000, 0.999_999_9)).toBeLessThan(60_000);
    expect(fullJitterMs(20, 1000, 60_000, 0)).toBe(0);
  });

  it('spreads 1,000 screens evenly over the window instead of a stampede', () => {
    let seed = 42;
    const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const delays = Array.from({ length: 1000 }, () => fullJitterMs(5, 500, 30_000, random()));
    const buckets = new Array<number>(10).fill(0);
    for (const d of delays) buckets[Math.floor(d / 1600)]! += 1;
    // 16 s window in 10 buckets: each holds about 100; none more than twice that.
    expect(Math.max(...buckets)).toBeLessThan(200);
    expect(Math.min(...buckets)).toBeGreaterThan(50);
  });
});

describe('presence', () => {
  it('follows the last will, then silence', () => {
    expect(presenceOf({ online: false, lastSeenMs: 0, nowMs: 1, heartbeatMs: 30_000 })).toBe('offline');
    expect(presenceOf({ online: true, lastSeenMs: 0, nowMs: 60_000, heartbeatMs: 30_000 })).toBe('online');
    expect(presenceOf({ online: true, lastSeenMs: 0, nowMs: 80_000, heartbeatMs: 30_000 })).toBe('stale');
  });
});
