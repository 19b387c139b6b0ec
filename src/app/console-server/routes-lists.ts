import type { Hono } from 'hono';
import { SESSION_COOKIE } from '../../core/console/contract';
import type { AuditEntry, LibraryItem } from '../../core/console/formats';
import { summarise } from '../../core/console/library-query';
import { auditHay, auditPage, indexItem, itemPage, screenPage, tagsOf, type IndexedItem, type ScreenListRow } from '../../core/console/list-pages';
import { err, ok } from '../../core/result';
import { clearedCookie } from '../../server/security/console-guards';
import type { AdminRouteDeps } from './routes-admin';
import { route } from './route';

/**
 * The registered screens joined with what the broker last said of each; a screen that
 * reports but was never registered (configured by hand) is listed too.
 */
export function screenRows(d: AdminRouteDeps): ScreenListRow[] {
  const live = new Map((d.fleet?.fleet.screens() ?? []).map((r) => [r.screenId, r]));
  const rows: ScreenListRow[] = (d.fleet?.registry.list() ?? []).map((s) => {
    const seen = live.get(s.screenId);
    live.delete(s.screenId);
    const presence = s.revokedAt ? 'revoked' : seen ? seen.presence : 'never';
    return { screenId: s.screenId, name: s.name, group: s.group, presence, lastSeen: seen?.lastSeen ?? null, via: s.via, createdAt: s.createdAt };
  });
  for (const r of live.values()) {
    rows.push({ screenId: r.screenId, name: r.screenId, group: r.status.groups?.[0] ?? '', presence: r.presence, lastSeen: r.lastSeen, via: 'config', createdAt: null });
  }
  return rows;
}

/** Summaries with their search text, made once per stored entry (entries are replaced, never changed, on save). */
function itemIndex(): (entries: readonly LibraryItem[]) => IndexedItem[] {
  const made = new WeakMap<LibraryItem, IndexedItem>();
  return (entries) => entries.map((entry) => {
    const known = made.get(entry);
    if (known) return known;
    const row = indexItem(summarise(entry));
    made.set(entry, row);
    return row;
  });
}

export function listRoutes(app: Hono, d: AdminRouteDeps): void {
  const indexed = itemIndex();
  route(app, d, 'itemPage', async ({ query }) => {
    const rows = indexed(d.data.library.list());
    return ok(itemPage(rows, tagsOf(rows), query));
  });
  route(app, d, 'screenPage', async ({ query }) => ok(screenPage(screenRows(d), query)));
  const hays = new WeakMap<AuditEntry, string>();
  const hayOf = (e: AuditEntry): string => {
    const known = hays.get(e);
    if (known !== undefined) return known;
    const made = auditHay(e);
    hays.set(e, made);
    return made;
  };
  route(app, d, 'auditPage', async ({ query }) => ok(auditPage(d.data.audit.entries(), query, hayOf)));
  route(app, d, 'revokeSessions', async ({ body, account, c }) => {
    const username = body.username ?? account.username;
    if (username !== account.username && !account.roles.includes('admin')) {
      return err({ code: 'forbidden', message: "signing out another account needs the admin role" });
    }
    const revoked = d.sessions.dropUser(username);
    await d.sessions.flush();
    await d.data.audit.append({ actor: account.username, action: 'sign-out-everywhere', target: username, detail: `${revoked} session(s) ended` });
    if (username === account.username) c.header('set-cookie', clearedCookie(SESSION_COOKIE));
    return ok({ revoked });
  });
}
