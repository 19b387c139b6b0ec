import { watch, type FSWatcher } from 'node:fs';
import { loadPlaylist, type LoadedPlaylist } from './content-pack';

export interface PlaylistSource {
  /** The last playlist that loaded; undefined when none ever did (the fallback plays). */
  current(): LoadedPlaylist | undefined;
  /** Why the latest load failed, for the operator. */
  errors(): readonly string[];
  close(): void;
}

/**
 * Loads the playlist and reloads it when its files change. A reload that fails keeps the
 * last good version playing: an editor's half-saved file never blanks a screen.
 */
export async function openPlaylistSource(opts: {
  readonly path: string;
  readonly log: (line: string) => void;
  readonly onChange: () => void;
}): Promise<PlaylistSource> {
  let loaded: LoadedPlaylist | undefined;
  let errors: readonly string[] = [];
  const reload = async (): Promise<void> => {
    const result = await loadPlaylist(opts.path);
    if (result.ok) {
      loaded = result.value;
      errors = [];
    } else {
      errors = loaded ? result.error.map((e) => `${e} (still playing the previous version)`) : result.error;
    }
    for (const e of [...errors, ...(loaded?.warnings ?? [])]) opts.log(`playlist: ${e}`);
  };
  await reload();
  const watchers = watchFiles(loaded?.files ?? [opts.path], async () => {
    await reload();
    opts.onChange();
  });
  return {
    current: () => loaded,
    errors: () => errors,
    close: () => {
      for (const w of watchers) w.close();
    },
  };
}

/** Debounced watch of content files; editors save in bursts (write, rename, chmod). */
function watchFiles(files: readonly string[], onChange: () => Promise<void>): FSWatcher[] {
  let timer: NodeJS.Timeout | undefined;
  const trigger = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void onChange(), 300);
  };
  const watchers: FSWatcher[] = [];
  for (const file of files) {
    try {
      watchers.push(watch(file, { persistent: false }, trigger));
    } catch {
      // A missing file cannot be watched; it is reported by the load instead.
    }
  }
  return watchers;
}
