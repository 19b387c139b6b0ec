/**
 * Clock settings from the page URL: `?now=<ISO>&rate=<n>` starts a fake clock at `now`
 * running `rate` times real speed, for tests and previews. Pure so it can be unit tested.
 */
export interface ClockParams {
  /** Epoch milliseconds the fake clock starts at; undefined = real time. */
  readonly startMs: number | undefined;
  /** Speed multiplier (1 = real time). */
  readonly rate: number;
}

const MAX_RATE = 100_000;

export function parseClockParams(search: string): ClockParams {
  const params = new URLSearchParams(search);
  const nowText = params.get('now');
  const parsedStart = nowText === null ? Number.NaN : Date.parse(nowText);
  const rateText = params.get('rate');
  const parsedRate = rateText === null ? 1 : Number(rateText);
  const rate =
    Number.isFinite(parsedRate) && parsedRate > 0 ? Math.min(parsedRate, MAX_RATE) : 1;
  return { startMs: Number.isFinite(parsedStart) ? parsedStart : undefined, rate };
}

/** Clock time reached after `elapsedRealMs` of real time. */
export function clockTimeMs(params: ClockParams, originRealMs: number, nowRealMs: number): number {
  const base = params.startMs ?? originRealMs;
  return base + (nowRealMs - originRealMs) * params.rate;
}
