import type { CaseItem } from '../model/content';
import { mulberry32 } from '../seeded-random';
import { dayNumber } from '../time/local-time';


function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const random = mulberry32(seed * 2654435761);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] ?? j, order[i] ?? i];
  }
  return order;
}

/**
 * The order of one cycle through the pool. A cycle never starts with the case that
 * ended the previous one, so no case shows two days running.
 */
function cycleOrder(n: number, cycle: number): number[] {
  const order = shuffled(n, cycle);
  if (n > 1 && cycle > 0) {
    const previous = shuffled(n, cycle - 1);
    if (order[0] === previous[n - 1]) [order[0], order[1]] = [order[1] ?? 0, order[0] ?? 0];
  }
  return order;
}

/**
 * The case of the day for a local date: a pinned case wins; otherwise a rotation that
 * shows every case of the pool once before any repeats. Keyed by date and case ids only,
 * so every screen of a school shows the same case on the same day.
 */
export function caseOfTheDay(cases: readonly CaseItem[], date: string): CaseItem | undefined {
  const pinned = cases.find((c) => c.pinnedDates?.includes(date));
  if (pinned) return pinned;
  if (cases.length === 0) return undefined;
  const pool = [...cases].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const day = dayNumber(date);
  const n = pool.length;
  const order = cycleOrder(n, Math.floor(day / n));
  return pool[order[day % n] ?? 0];
}
