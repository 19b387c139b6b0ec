/**
 * Noise, settled by data: the kiosk and its baseline are measured in alternating rounds on
 * the same machine, and a budget is judged on the per-round differences. It is MET or MISSED
 * only when the median difference lies outside their spread; otherwise it is WITHIN NOISE,
 * with the figures that say so.
 */
import { median } from './stats';

export type Verdict = 'met' | 'missed' | 'within noise';

export interface Judgement {
  readonly verdict: Verdict;
  /** Median over the rounds of the kiosk's figure, and of the limit it is held to. */
  readonly value: number;
  readonly limit: number;
  /** Median of the per-round differences (figure − limit); negative is better. */
  readonly difference: number;
  /** Median absolute deviation of the per-round differences. */
  readonly spread: number;
  readonly rounds: number;
  readonly perRound: readonly { readonly value: number; readonly limit: number }[];
}

/**
 * `values[i]` was measured in round i next to `limits[i]` (the peer's figure in that round, or
 * a fixed budget). `strict`: the figure must be below the limit (equal is a miss), else at most.
 */
export function judge(values: readonly number[], limits: readonly number[], strict: boolean): Judgement {
  const pairs = values.map((value, i) => ({ value, limit: limits[i] ?? Number.NaN })).filter((p) => Number.isFinite(p.value) && Number.isFinite(p.limit));
  const diffs = pairs.map((p) => p.value - p.limit);
  const difference = median(diffs);
  const spread = median(diffs.map((d) => Math.abs(d - difference)));
  const verdict: Verdict = !Number.isFinite(difference)
    ? 'missed'
    : strict
      ? difference + spread < 0 ? 'met' : difference - spread > 0 || (spread === 0 && difference >= 0) ? 'missed' : 'within noise'
      : difference + spread <= 0 ? 'met' : difference - spread > 0 ? 'missed' : 'within noise';
  return { verdict, value: median(pairs.map((p) => p.value)), limit: median(pairs.map((p) => p.limit)), difference, spread, rounds: pairs.length, perRound: pairs };
}

/** Several judgements that must all hold: missed if any is missed, met only if all are met. */
export function allOf(judgements: readonly Judgement[]): Verdict {
  if (judgements.some((j) => j.verdict === 'missed')) return 'missed';
  return judgements.every((j) => j.verdict === 'met') ? 'met' : 'within noise';
}

/**
 * Runs `arms` in alternating order, round after round (A B, B A, A B …), so slow drifts of
 * the machine's load fall on both sides alike. Returns each arm's results in round order.
 */
export async function interleave<T>(rounds: number, arms: Readonly<Record<string, (round: number) => Promise<T>>>): Promise<Record<string, T[]>> {
  const names = Object.keys(arms);
  const results: Record<string, T[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const arm = arms[name];
      if (arm) results[name]?.push(await arm(round));
    }
  }
  return results;
}
