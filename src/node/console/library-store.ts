import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContentItem } from '../../core/model/content';
import { LibraryFile, type LibraryItem, type Targeting } from '../../core/console/formats';
import { err, ok, type Result } from '../../core/result';
import { edited, mayDelete, transition, type Action, type Actor, type Failure } from '../../core/console/workflow';
import { fsyncDir, tempPathFor, writeFileAtomic } from '../atomic-file';
import { readJsonAs } from '../json-file';
import { serial } from './serial';

/**
 * The content library: one pack-format JSON file per item in `dir` (diffable, and
 * `kiosk validate` reads each as a pack), every write atomic, an in-memory index so a
 * list of 5,000 items never touches the disk, and optimistic concurrency by `rev`.
 */
export interface LibraryStore {
  readonly dir: string;
  list(): readonly LibraryItem[];
  get(id: string): LibraryItem | undefined;
  create(item: ContentItem, targeting: Targeting, actor: Actor, now: Date): Promise<Result<LibraryItem, Failure>>;
  save(id: string, item: ContentItem, targeting: Targeting, rev: number, actor: Actor, now: Date): Promise<Result<LibraryItem, Failure>>;
  move(id: string, action: Action, comment: string, rev: number, actor: Actor, now: Date): Promise<Result<LibraryItem, Failure>>;
  remove(id: string, rev: number, actor: Actor): Promise<Result<true, Failure>>;
  /** Writes entries as given (import); no workflow checks. */
  putAll(entries: readonly LibraryItem[]): Promise<void>;
  /** Rewrites the current entries of `ids` (those still there) through `change`, in the write queue. */
  update(ids: readonly string[], change: (current: LibraryItem) => LibraryItem): Promise<void>;
  /** Files that could not be read at open, with why; they are left on disk untouched. */
  readonly warnings: readonly string[];
}

const fileOf = (dir: string, id: string): string => join(dir, `${id}.json`);

export function toFile(entry: LibraryItem): LibraryFile {
  const { item, workflow, targeting, published } = entry;
  return { items: [item], console: { workflow, targeting, ...(published ? { published } : {}) } };
}

const fromFile = (file: LibraryFile): LibraryItem => ({
  item: file.items[0], ...file.console,
});

async function loadAll(dir: string): Promise<{ entries: Map<string, LibraryItem>; warnings: string[] }> {
  const entries = new Map<string, LibraryItem>();
  const warnings: string[] = [];
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith('.') && name.endsWith('.tmp')) {
      // A temp file a kill left before its rename: the item file itself is whole.
      await rm(join(dir, name), { force: true });
      continue;
    }
    if (!name.endsWith('.json')) continue;
    const path = join(dir, name);
    const parsed = await readJsonAs(path, LibraryFile);
    if (!parsed.ok) warnings.push(...parsed.error);
    else if (`${parsed.value.items[0].id}.json` !== name) {
      warnings.push(`${path}: holds item "${parsed.value.items[0].id}", not the one its name says; skipped`);
    } else entries.set(parsed.value.items[0].id, fromFile(parsed.value));
  }
  return { entries, warnings };
}

async function writeEntryFile(dir: string, entry: LibraryItem): Promise<void> {
  const path = fileOf(dir, entry.item.id);
  const temp = tempPathFor(path);
  const handle = await open(temp, 'w', 0o644);
  try {
    await handle.writeFile(`${JSON.stringify(toFile(entry), null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/**
 * Thousands of files after a publish or an import: each is still temp + fsync + rename,
 * a few at a time, and the folder is flushed once at the end rather than per file.
 */
async function writeMany(dir: string, list: readonly LibraryItem[]): Promise<void> {
  for (let i = 0; i < list.length; i += 16) {
    await Promise.all(list.slice(i, i + 16).map((entry) => writeEntryFile(dir, entry)));
  }
  await fsyncDir(dir);
}

export async function openLibraryStore(dir: string): Promise<LibraryStore> {
  await mkdir(dir, { recursive: true });
  const { entries, warnings } = await loadAll(dir);
  const queue = serial();
  const write = async (entry: LibraryItem): Promise<LibraryItem> => {
    await writeFileAtomic(fileOf(dir, entry.item.id), `${JSON.stringify(toFile(entry), null, 2)}\n`);
    entries.set(entry.item.id, entry);
    return entry;
  };
  const missing = (id: string): Result<never, Failure> => err({ code: 'not-found', message: `no item "${id}"` });

  return {
    dir,
    warnings,
    list: () => [...entries.values()],
    get: (id) => entries.get(id),
    create: (item, targeting, actor, now) =>
      queue(async () => {
        if (entries.has(item.id)) return err({ code: 'conflict', message: `an item "${item.id}" already exists` });
        const workflow = edited(undefined, undefined, actor, now);
        return workflow.ok ? ok(await write({ item, targeting, workflow: workflow.value })) : workflow;
      }),
    save: (id, item, targeting, rev, actor, now) =>
      queue(async () => {
        const current = entries.get(id);
        if (!current) return missing(id);
        if (item.id !== id) return err({ code: 'invalid', message: 'the id of an item cannot change' });
        const workflow = edited(current, rev, actor, now);
        return workflow.ok ? ok(await write({ ...current, item, targeting, workflow: workflow.value })) : workflow;
      }),
    move: (id, action, comment, rev, actor, now) =>
      queue(async () => {
        const current = entries.get(id);
        if (!current) return missing(id);
        const workflow = transition(current, action, comment, rev, actor, now);
        return workflow.ok ? ok(await write({ ...current, workflow: workflow.value })) : workflow;
      }),
    remove: (id, rev, actor) =>
      queue(async () => {
        const current = entries.get(id);
        if (!current) return missing(id);
        const allowed = mayDelete(current, rev, actor);
        if (!allowed.ok) return allowed;
        await rm(fileOf(dir, id), { force: true });
        entries.delete(id);
        return ok(true as const);
      }),
    update: (ids, change) =>
      queue(async () => {
        const changed = ids.flatMap((id) => {
          const current = entries.get(id);
          return current ? [change(current)] : [];
        });
        await writeMany(dir, changed);
        for (const entry of changed) entries.set(entry.item.id, entry);
      }),
    putAll: (list) =>
      queue(async () => {
        await writeMany(dir, list);
        for (const entry of list) entries.set(entry.item.id, entry);
      }),
  };
}
