import type { Browser } from 'playwright-core';
import type { Fixture } from './fixture';

/** What every section gets from the runner. */
export interface BenchContext {
  readonly appRoot: string;
  readonly quick: boolean;
  /** Base URL of out/bench (the peer pages) and /clips/ (the generated clips). */
  readonly pagesUrl: string;
  readonly fixture: Fixture;
  readonly line: string;
  readonly speed: number;
  /** Lazily launched browsers, shared by the sections and closed by the runner. */
  browser(headed: boolean): Promise<Browser>;
  log(line: string): void;
}
