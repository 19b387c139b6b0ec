import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { err, type Result } from '../../core/result';
import type { ParseInput, ParseOutput } from './parse-job';

/** Parses feed bodies off the main thread, one at a time, each within a deadline. */
export interface FeedParser {
  parse(input: ParseInput): Promise<Result<ParseOutput>>;
  /** Starts the worker ahead of the first parse, so the first sync does not pay for it. */
  warm(): void;
  close(): Promise<void>;
}

export interface FeedParserOptions {
  /** Longest one parse may take once the worker is ready; then the worker is stopped. */
  readonly deadlineMs: number;
  /** Heap cap of the worker: a feed built to eat memory ends the worker, not the kiosk. */
  readonly maxHeapMb?: number;
}

type Message = { readonly ready: true } | { readonly id: number; readonly json: string };

/** Newest modification time of any file under `dir`. */
function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * From TypeScript sources (tests, `npx kiosk` before a build): the built worker when it is
 * at least as new as every source, as bin/kiosk.js does for the CLI, since compiling the
 * worker's imports through tsx costs seconds on a busy machine; else the sources through tsx.
 */
function sourceWorker(here: string, resourceLimits: { maxOldGenerationSizeMb: number }): Worker {
  const root = fileURLToPath(new URL('../../../', here));
  const built = join(root, 'out/cli/parse-worker.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newestUnder(join(root, 'src'))) {
    return new Worker(built, { resourceLimits });
  }
  const tsxDir = createRequire(here).resolve('tsx/package.json').replace(/package\.json$/, '');
  const api = pathToFileURL(`${tsxDir}dist/esm/api/index.mjs`).href;
  const entry = new URL('./parse-worker.ts', here).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, resourceLimits });
}

/** The worker script: the bundled `parse-worker.js` beside this bundle, or see sourceWorker. */
function spawn(maxHeapMb: number): Worker {
  const here = import.meta.url;
  // A larger nursery than the default: a 5,000-item parse makes short-lived objects by the
  // hundred thousand, and with the default the worker spent about 50 ms more CPU on scavenges.
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 48 };
  if (!here.endsWith('.ts')) return new Worker(new URL('./parse-worker.js', here), { resourceLimits });
  return sourceWorker(here, resourceLimits);
}

interface Live {
  readonly worker: Worker;
  readonly ready: Promise<Result<void>>;
  /** Settles the job in flight when the worker fails. */
  fail?: (reason: string) => void;
  answer?: (message: { id: number; json: string }) => void;
}

function start(maxHeapMb: number, onGone: (live: Live) => void): Live {
  const worker = spawn(maxHeapMb);
  worker.unref();
  let markReady: (r: Result<void>) => void = () => undefined;
  const live: Live = { worker, ready: new Promise((resolve) => (markReady = resolve)) };
  const gone = (reason: string): void => {
    onGone(live);
    markReady(err(reason));
    live.fail?.(reason);
  };
  worker.on('message', (m: Message) => ('ready' in m ? markReady({ ok: true, value: undefined }) : live.answer?.(m)));
  worker.on('error', (e) => gone(`the feed parser failed: ${e.message}`));
  worker.on('exit', (code) => gone(`the feed parser stopped (exit code ${code})`));
  return live;
}

/** One job on a ready worker; past the deadline the worker is stopped and forgotten. */
function ask(current: Live, id: number, input: ParseInput, deadlineMs: number, drop: () => void): Promise<Result<ParseOutput>> {
  return new Promise<Result<ParseOutput>>((resolve) => {
    const timer = setTimeout(() => {
      drop();
      current.fail = undefined;
      void current.worker.terminate();
      resolve(err(`parsing took longer than ${deadlineMs} ms and was stopped`));
    }, deadlineMs);
    const settle = (result: Result<ParseOutput>): void => {
      clearTimeout(timer);
      current.answer = undefined;
      current.fail = undefined;
      resolve(result);
    };
    current.fail = (reason) => settle(err(reason));
    current.answer = (m) => {
      if (m.id === id) settle(JSON.parse(m.json) as Result<ParseOutput>);
    };
    current.worker.postMessage({ id, input });
  });
}

export function createFeedParser(options: FeedParserOptions): FeedParser {
  let live: Live | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 1;
  const forget = (l: Live): void => {
    if (live === l) live = undefined;
  };

  async function runOne(input: ParseInput): Promise<Result<ParseOutput>> {
    const current = (live ??= start(options.maxHeapMb ?? 512, forget));
    // An idle worker must not keep the process alive; one with a job must (`kiosk feed check`).
    current.worker.ref();
    try {
      const ready = await current.ready;
      if (!ready.ok) return ready;
      return await ask(current, nextId++, input, options.deadlineMs, () => forget(current));
    } finally {
      current.worker.unref();
    }
  }

  return {
    parse(input) {
      const job = queue.then(() => runOne(input));
      queue = job.catch(() => undefined);
      return job;
    },
    warm() {
      live ??= start(options.maxHeapMb ?? 512, forget);
    },
    async close() {
      await queue;
      const l = live;
      live = undefined;
      if (l) {
        l.fail = undefined;
        await l.worker.terminate();
      }
    },
  };
}
