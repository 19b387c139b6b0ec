import { describe, expect, it } from 'vitest';
import { PUBLISHED_FORMAT, PublishedPlaylist, readDocument } from '../../src/core/contract/published';
import { playlistOf } from '../../src/core/contract/read-published';
import { playlistDocument } from '../../src/core/contract/write-documents';
import { mulberry32 } from '../../src/core/seeded-random';
import { followClock, type FollowedClock } from '../../src/core/sync/clock-follower';
import { loopSlot } from '../../src/core/sync/loop-schedule';

/** A screen's clock: reads true time × (1 + rate) + offset. */
interface FakeScreen {
  readonly offsetMs: number;
  readonly rate: number;
}
const localOf = (s: FakeScreen, trueMs: number): number => trueMs * (1 + s.rate) + s.offsetMs;
const trueOf = (s: FakeScreen, localMs: number): number => (localMs - s.offsetMs) / (1 + s.rate);

/** A LAN hop: 0.1–1.6 ms, and one in ten queued behind other traffic for up to 30 ms more. */
const lanDelay = (random: () => number): number => 0.1 + random() * 1.5 + (random() < 0.1 ? random() * 30 : 0);

/**
 * One screen following the reference (true time) through the real follower, on a fake clock:
 * each exchange takes a seeded LAN delay each way, each wait moves time on. Runs until `untilMs`.
 */
async function follow(screen: FakeScreen, fromMs: number, untilMs: number, seed: number): Promise<FollowedClock> {
  const random = mulberry32(seed);
  const fake = { now: fromMs };
  const stop = { aborted: false };
  const clock = followClock(
    {
      exchange: () => {
        fake.now += lanDelay(random);
        const received = fake.now;
        fake.now += random() * 0.5;
        const sent = fake.now;
        fake.now += lanDelay(random);
        return Promise.resolve({ received, sent });
      },
      localNow: () => localOf(screen, fake.now),
      wait: (ms) => {
        fake.now += ms;
        if (fake.now >= untilMs) stop.aborted = true;
        return Promise.resolve();
      },
    },
    stop,
  );
  await clock.ready;
  while (!stop.aborted) await new Promise((resolve) => setTimeout(resolve, 0));
  return clock;
}

/** The true instant a screen switches to the item starting at shared `sharedMs`. */
const switchesAt = (screen: FakeScreen, clock: FollowedClock, sharedMs: number): number => trueOf(screen, clock.localFor(sharedMs));

const SCREENS: FakeScreen[] = [{ offsetMs: -2000, rate: 40e-6 }, { offsetMs: 0, rate: 0 }, { offsetMs: 2000, rate: -25e-6 }];
// A loop of a 15 s video slot, a 20 s case and a 12 s help slide, from an epoch in 2026.
const EPOCH = Date.parse('2026-06-01T00:00:00Z');
const DURATIONS = [15_000, 20_000, 12_000];
const START = EPOCH + 3_600_000;
const MINUTE = 60_000;

describe('lobby in step: screens with ±2 s clock errors share one schedule', () => {
  it('every screen switches item k at the same true instant (within 2 ms), and they agree on the item between switches', async () => {
    const clocks = await Promise.all(SCREENS.map((s, i) => follow(s, START, START + 10 * MINUTE, 11 + i)));
    const trueNow = START + 10 * MINUTE;
    const first = loopSlot(trueNow, EPOCH, DURATIONS);
    let boundary = first.endsAt;
    for (let n = 0; n < 12; n++) {
      const instants = SCREENS.map((s, i) => switchesAt(s, clocks[i] as FollowedClock, boundary));
      expect(Math.max(...instants) - Math.min(...instants)).toBeLessThanOrEqual(2);
      // Between switches (3 ms clear of them) all screens show the same item.
      const slot = loopSlot(boundary + 0.5, EPOCH, DURATIONS);
      for (let t = boundary + 3; t < slot.endsAt - 3; t += 997) {
        const ks = SCREENS.map((s, i) => loopSlot(sharedAt(s, clocks[i] as FollowedClock, t), EPOCH, DURATIONS).k);
        expect(new Set(ks).size).toBe(1);
      }
      boundary = slot.endsAt;
    }
  });

  it('a restarted screen, from its first burst alone, joins the item playing now and switches with the others', async () => {
    const [a, b] = await Promise.all([follow(SCREENS[0] as FakeScreen, START, START + 5 * MINUTE, 21), follow(SCREENS[2] as FakeScreen, START, START + 5 * MINUTE, 22)]);
    // Screen 0 restarts: a new follower, nothing kept but its (wrong) clock.
    const restarted = await follow(SCREENS[0] as FakeScreen, START + 5 * MINUTE, START + 5 * MINUTE + 1, 23);
    expect(restarted.estimate()?.samples).toBe(8);
    const t = START + 5 * MINUTE + 7_321;
    const joined = loopSlot(sharedAt(SCREENS[0] as FakeScreen, restarted, t), EPOCH, DURATIONS);
    const running = loopSlot(sharedAt(SCREENS[2] as FakeScreen, b as FollowedClock, t), EPOCH, DURATIONS);
    expect(joined.k).toBe(running.k);
    // It joins mid-item at the others' position, and its next two switches are theirs.
    expect(joined.startsAt).toBe(running.startsAt);
    for (const at of [joined.endsAt, loopSlot(joined.endsAt + 0.5, EPOCH, DURATIONS).endsAt]) {
      const instants = [switchesAt(SCREENS[0] as FakeScreen, restarted, at), switchesAt(SCREENS[0] as FakeScreen, a as FollowedClock, at), switchesAt(SCREENS[2] as FakeScreen, b as FollowedClock, at)];
      expect(Math.max(...instants) - Math.min(...instants)).toBeLessThanOrEqual(2);
    }
  });

  it('estimates each clock\'s skew from ten minutes of exchanges (one every 5 s) with a seeded noisy network', async () => {
    for (const [i, screen] of SCREENS.entries()) {
      const clock = await follow(screen, START, START + 10 * MINUTE, 31 + i);
      const estimate = clock.estimate();
      expect(estimate?.samples).toBeGreaterThan(100);
      // The reference runs at true time: the shared clock gains −rate per ms of screen time.
      expect(Math.abs((estimate?.skew ?? 1) + screen.rate)).toBeLessThan(1e-5);
    }
  });

  it('keeps the time base of the follower\'s own clock until the reference answers, and never stops on a failed exchange', async () => {
    const stop = { aborted: false };
    let now = 1000;
    const clock = followClock({ exchange: () => Promise.reject(new Error('console down')), localNow: () => now, wait: () => ((stop.aborted = true), Promise.resolve()) }, stop);
    await clock.ready;
    now = 5000;
    expect(clock.now()).toBe(5000);
    expect(clock.localFor(7000)).toBe(7000);
  });
});

describe('the sync group travels in the group document', () => {
  const group = {
    id: 'lobby', name: 'Lobby', layout: 'landscape', locales: ['zh-CN'], timeZone: 'Asia/Shanghai', tags: [], rev: 1,
    ticker: { sources: [{ type: 'slogans' }], mode: 'scroll', charsPerSecond: 6, pageSeconds: 6, separator: ' ', coreTag: 'core', rotateIn: 8 },
    stage: [{ type: 'next-video' }], onHours: { rules: [], outside: 'standby' },
    sync: { group: 'lobby', epoch: '2026-06-01T00:00:00.000Z', videoSeconds: 15 },
  } as const;
  const meta = { version: 3, expires: '2026-06-15T00:00:00.000Z' };

  it('from the console\'s group to the playlist a screen plays, in format 1.1', () => {
    const doc = playlistDocument({ ...group, locales: [...group.locales], tags: [], stage: [...group.stage], ticker: { ...group.ticker, sources: [...group.ticker.sources] }, onHours: { rules: [], outside: 'standby' } }, meta);
    expect(PUBLISHED_FORMAT).toBe('kiosk-published/1.1');
    const read = readDocument(PublishedPlaylist, JSON.parse(JSON.stringify(doc)), 'playlist');
    if (!read.ok) throw new Error(read.error);
    expect(playlistOf(read.value).sync).toEqual(group.sync);
    // A 1.0 document (no sync) still reads, and plays unsynced.
    const { sync: _sync, ...older } = read.value;
    const plain = readDocument(PublishedPlaylist, { ...older, format: 'kiosk-published/1.0' }, 'playlist');
    expect(plain.ok && playlistOf(plain.value).sync).toBeUndefined();
  });
});

/** The shared time a screen reads at true instant `trueMs`. */
function sharedAt(screen: FakeScreen, clock: FollowedClock, trueMs: number): number {
  const estimate = clock.estimate();
  if (!estimate) throw new Error('no estimate');
  const local = localOf(screen, trueMs);
  return local + estimate.offsetMs + estimate.skew * (local - estimate.at);
}
