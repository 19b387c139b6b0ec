/**
 * What a sync decides once its fetches are done, apart from the doing: the edge fetches,
 * hashes and writes; these say whether to, and what the screen is told.
 */

/** Every this-many unchanged polls, the media cache is verified again anyway. */
export const FULL_CHECK_EVERY = 12;

export interface FetchFacts {
  /** Sources that failed this round. */
  readonly errors: number;
  /** Every medium the items need was verified at the last full pass. */
  readonly mediaComplete: boolean;
  /** Quick passes since the last full one. */
  readonly quickPolls: number;
  /** Every source kept exactly its entries and alerts (304s, nothing expired). */
  readonly unchanged: boolean;
}

/** 'quick': nothing to download, hash or rewrite; 'full': media step, eviction and snapshot. */
export function passAfterFetch(f: FetchFacts): 'quick' | 'full' {
  return f.errors === 0 && f.mediaComplete && f.unchanged && f.quickPolls < FULL_CHECK_EVERY - 1 ? 'quick' : 'full';
}

export interface RoundResult {
  /** Feeds that could not be fetched or read. */
  readonly sourceErrors: readonly string[];
  /** Media that could not be brought into the cache (retried next time, no back-off). */
  readonly otherErrors: readonly string[];
  /** At least one source answered (200 or 304). */
  readonly anyOk: boolean;
}

/** Failures in a row (they set the retry back-off) and the error the operator sees. */
export function roundOutcome(failures: number, round: RoundResult): { failures: number; lastError: string | null } {
  return {
    failures: round.sourceErrors.length > 0 && !round.anyOk ? failures + 1 : 0,
    lastError: [...round.sourceErrors, ...round.otherErrors].join('; ') || null,
  };
}

/** What a renderer sees of the feed; a listener is told only when this changes. */
export interface FeedView {
  /** A fingerprint of the items and alerts shown. */
  readonly shown: string;
  readonly lastError: string | null;
  readonly source: 'pack' | 'feed' | 'snapshot';
}

export const viewChanged = (before: FeedView, after: FeedView): boolean =>
  before.shown !== after.shown || before.lastError !== after.lastError || before.source !== after.source;
