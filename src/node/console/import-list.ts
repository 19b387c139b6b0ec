import { DEFAULT_TARGETING, type LibraryItem } from '../../core/console/formats';
import type { Actor } from '../../core/console/workflow';
import { listSlides } from '../../core/import/list-slides';
import { readOfficialList, type ListFormat } from '../../core/import/official-list';
import { err, ok, type Result } from '../../core/result';
import type { LibraryStore } from './library-store';

export interface ListImport {
  readonly created: readonly LibraryItem[];
  readonly sites: number;
  readonly skipped: number;
  readonly duplicates: number;
}

/**
 * An official list file into draft slides in the library: they go through approval like
 * any item. A bad file, or a list already imported (same format and date), creates nothing.
 * The one path for `kiosk import-list` and the console's "Import official list" page.
 */
export async function importOfficialList(
  library: LibraryStore,
  bytes: Uint8Array,
  format: ListFormat,
  actor: Actor,
  now: Date,
): Promise<Result<ListImport, string>> {
  const list = readOfficialList(bytes, format);
  if (!list.ok) return list;
  if (list.value.sites.length === 0) return err(`no valid site in the file (${list.value.skipped} rows skipped)`);
  const slides = listSlides(list.value, { today: now.toISOString().slice(0, 10) });
  const taken = slides.find((s) => library.get(s.id));
  if (taken) return err(`this list was imported already ("${taken.id}"): delete those drafts first to import it again`);
  const created: LibraryItem[] = [];
  for (const slide of slides) {
    const r = await library.create(slide, DEFAULT_TARGETING, actor, now);
    if (!r.ok) {
      // All pages or none: the pages made before this one are taken back.
      for (const made of created) await library.remove(made.item.id, made.workflow.rev, actor);
      return err(`${slide.id}: ${r.error.message}; nothing imported`);
    }
    created.push(r.value);
  }
  return ok({ created, sites: list.value.sites.length, skipped: list.value.skipped, duplicates: list.value.duplicates });
}
