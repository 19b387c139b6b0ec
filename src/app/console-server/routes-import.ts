import type { Hono } from 'hono';
import { LIST_IMPORT_MAX_BYTES } from '../../core/console/contract';
import { err, ok } from '../../core/result';
import type { ConsoleData } from '../../node/console/console-data';
import { importOfficialList } from '../../node/console/import-list';
import { route, type RouteDeps } from './route';

export interface ImportRouteDeps extends RouteDeps {
  readonly data: ConsoleData;
  readonly now: () => Date;
}

const mb = (bytes: number): string => `${(bytes / 1_000_000).toFixed(2)} MB`;

/**
 * "Import official list": the file's bytes go through `importOfficialList`, the function
 * `kiosk import-list` calls, so both refuse the same files with the same words. A refused
 * file creates nothing; an import is audited with the slides it made.
 */
export function importRoutes(app: Hono, d: ImportRouteDeps): void {
  route(app, d, 'importList', async ({ body, account }) => {
    const bytes = new Uint8Array(Buffer.from(body.base64, 'base64'));
    if (bytes.length > LIST_IMPORT_MAX_BYTES) {
      return err({ code: 'invalid', message: `${body.name}: the file is ${mb(bytes.length)}; the console takes up to ${mb(LIST_IMPORT_MAX_BYTES)} (split it, or use kiosk import-list)` });
    }
    const actor = { username: account.username, roles: account.roles };
    const imported = await importOfficialList(d.data.library, bytes, body.format, actor, d.now());
    if (!imported.ok) return err({ code: 'invalid', message: `${body.name}: ${imported.error}` });
    const ids = imported.value.created.map((c) => c.item.id);
    await d.data.audit.append({ actor: account.username, action: 'import-list', target: body.name, detail: `${body.format}, ${imported.value.sites} sites: ${ids.join(', ')}` });
    return ok({
      created: imported.value.created.map(({ item }) => ({ id: item.id, title: 'title' in item && item.title ? item.title : item.id })),
      sites: imported.value.sites,
      skipped: imported.value.skipped,
      duplicates: imported.value.duplicates,
    });
  });
}
