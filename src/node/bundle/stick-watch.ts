import { stat } from 'node:fs/promises';
import { watch, type FSWatcher } from 'chokidar';
import { bundleDirOf, ignoredByWatch, WATCH_DEPTH } from '../../core/bundle/mount-roots';
import { errorMessage } from '../../core/result';

export interface StickWatchOptions {
  /** Folders to watch; those missing now are left out. */
  readonly roots: readonly string[];
  /** A bundle folder appeared or changed and has been quiet for `quietMs`. */
  readonly onBundle: (bundleDir: string) => Promise<void>;
  readonly log: (line: string) => void;
  /** A copy in progress keeps changing files; wait this long after the last change. */
  readonly quietMs?: number;
}

export interface StickWatch {
  /** Resolves once the initial scan is done (a stick plugged before the start is then queued). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

const isDir = (path: string): Promise<boolean> => stat(path).then((s) => s.isDirectory(), () => false);

/**
 * Watches mount points with the OS's file events (chokidar), no polling loop: each bundle
 * folder is handled once its files stop changing, one at a time.
 */
export async function watchSticks(o: StickWatchOptions): Promise<StickWatch> {
  const roots = (await Promise.all(o.roots.map(async (r) => ((await isDir(r)) ? r : undefined)))).filter((r): r is string => r !== undefined);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let queue = Promise.resolve();
  let closed = false;
  const run = (dir: string): void => {
    timers.delete(dir);
    queue = queue.then(() => (closed ? undefined : o.onBundle(dir))).catch((e: unknown) => o.log(`usb: ${dir}: ${errorMessage(e)}`));
  };
  const touched = (path: string): void => {
    const dir = bundleDirOf(path);
    if (!dir || closed) return;
    clearTimeout(timers.get(dir));
    timers.set(dir, setTimeout(() => run(dir), o.quietMs ?? 1000));
  };
  if (roots.length === 0) return { ready: Promise.resolve(), close: async () => undefined };
  const watcher: FSWatcher = watch([...roots], { depth: WATCH_DEPTH, ignored: ignoredByWatch, ignorePermissionErrors: true });
  watcher.on('all', (_event, path) => touched(path));
  watcher.on('error', (e) => o.log(`usb: watch error: ${errorMessage(e)}`));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      closed = true;
      for (const t of timers.values()) clearTimeout(t);
      await watcher.close();
      await queue;
    },
  };
}
