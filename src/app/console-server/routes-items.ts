import { policyForItem } from '../../core/content/hotlines';
import type { Hono } from 'hono';
import { SESSION_COOKIE } from '../../core/console/contract';
import { LibraryItem, type Account } from '../../core/console/formats';
import { byRecent, matches, summarise } from '../../core/console/library-query';
import { isWebVtt } from '../../core/console/media-kind';
import type { Actor, Failure } from '../../core/console/workflow';
import { ContentItem } from '../../core/model/content';
import { checkItem } from '../../core/policy/content-policy';
import { err, ok, type Result } from '../../core/result';
import type { ConsoleData } from '../../node/console/console-data';
import type { LoginLimiter, Sessions } from '../../node/console/sessions';
import { clearedCookie, sessionCookie } from '../../server/security/console-guards';
import { clientAddress, peerAddress } from '../../server/security/client-address';
import { sameSecret } from '../../server/security/request-guard';
import { route, type RouteDeps } from './route';

export interface ItemRouteDeps extends RouteDeps {
  readonly data: ConsoleData;
  readonly sessions: Sessions;
  readonly limiter: LoginLimiter;
  readonly now: () => Date;
  readonly secureCookie: boolean;
  readonly setup: { token(): string | undefined; consume(): Promise<void> };
  /** Runs once-only steps (the set-up token) one at a time. */
  readonly once: <T>(task: () => Promise<T>) => Promise<T>;
}

const waitText = (ms: number): string => (ms < 60_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.ceil(ms / 60_000)} min`);

const actorOf = (a: Account): Actor => ({ username: a.username, roles: a.roles });

/** Schema and content-policy reasons for an item, in the words the screens would log. */
export function problemsOf(candidate: unknown, data: ConsoleData): string[] {
  const parsed = ContentItem.safeParse(candidate);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`);
  const checked = checkItem(parsed.data, policyForItem(data.policy(), parsed.data));
  return checked.ok ? [] : [checked.error];
}

const view = (entry: LibraryItem, data: ConsoleData) => ({ entry, problems: problemsOf(entry.item, data) });

function mediaKnown(item: ContentItem, data: ConsoleData): Result<true, Failure> {
  const facts = data.media.facts();
  for (const field of ['file', 'captions', 'poster', 'image'] as const) {
    const value = (item as Partial<Record<typeof field, string>>)[field];
    if (value !== undefined && !facts.has(value)) return err({ code: 'invalid', message: `${field} "${value}" is not in the media library; upload it first` });
  }
  return ok(true);
}

function sessionRoutes(app: Hono, d: ItemRouteDeps): void {
  const info = (account: Account | undefined, csrf: string | undefined) =>
    ({ account: account ?? null, csrf: csrf ?? null, setupNeeded: d.data.accounts.isEmpty() });
  route(app, d, 'session', async ({ account, session }) => ok(info(account, session?.csrf)));
  route(app, d, 'setup', async ({ body, c }) => {
    // One at a time: the check that the token is unused and its use are one step.
    const created = await d.once(async () => {
      const token = d.setup.token();
      if (!token || !d.data.accounts.isEmpty() || !sameSecret(body.token, token)) return err({ code: 'forbidden', message: 'the set-up link is used or wrong' } as const);
      const made = await d.data.accounts.create(body.username, body.password, ['admin', 'publisher', 'editor'], d.now());
      if (!made.ok) return made;
      await d.setup.consume();
      await d.data.audit.append({ actor: body.username, action: 'setup', target: body.username, detail: `first admin, from ${peerAddress(c)}` });
      return made;
    });
    if (!created.ok) return created;
    const session = d.sessions.create(body.username);
    c.header('set-cookie', sessionCookie(SESSION_COOKIE, session.token, d.secureCookie));
    return ok(info(created.value, session.csrf));
  });
  route(app, d, 'login', async ({ body, c }) => {
    const address = clientAddress(c, d.data.settings.settings().trustedProxies ?? []);
    const reserved = d.limiter.reserve(address, body.username);
    if ('waitMs' in reserved) return err({ code: 'forbidden', message: `too many failed sign-ins; try again in ${waitText(reserved.waitMs)}` });
    const account = await d.data.accounts.verify(body.username, body.password);
    if (!account) return err({ code: 'forbidden', message: 'wrong user name or password' });
    reserved.ticket.succeeded();
    const session = d.sessions.create(account.username);
    await d.data.audit.append({ actor: account.username, action: 'sign-in', target: account.username, detail: `from ${address}` });
    c.header('set-cookie', sessionCookie(SESSION_COOKIE, session.token, d.secureCookie));
    return ok(info(account, session.csrf));
  });
  route(app, d, 'logout', async ({ session, c }) => {
    d.sessions.drop(session?.token);
    if (session) await d.data.audit.append({ actor: session.username, action: 'sign-out', target: session.username, detail: '' });
    c.header('set-cookie', clearedCookie(SESSION_COOKIE));
    return ok({ ok: true as const });
  });
}

function libraryRoutes(app: Hono, d: ItemRouteDeps): void {
  const { data } = d;
  route(app, d, 'listItems', async ({ query }) => {
    const all = data.library.list().map(summarise).filter((s) => matches(s, query)).sort(byRecent);
    return ok({ total: all.length, items: all.slice(query.offset, query.offset + query.limit) });
  });
  route(app, d, 'getItem', async ({ params }) => {
    const entry = data.library.get(params.id ?? '');
    return entry ? ok(view(entry, data)) : err({ code: 'not-found', message: `no item "${params.id ?? ''}"` });
  });
  route(app, d, 'checkItem', async ({ body }) => ok({ problems: problemsOf(body.item, data) }));
  route(app, d, 'createItem', async ({ body, account }) => {
    const known = mediaKnown(body.item, data);
    if (!known.ok) return known;
    const saved = await data.library.create(body.item, body.targeting, actorOf(account), d.now());
    if (saved.ok) await data.audit.append({ actor: account.username, action: 'create', target: body.item.id, detail: body.item.kind });
    return saved.ok ? ok(view(saved.value, data)) : saved;
  });
  route(app, d, 'saveItem', async ({ body, params, account }) => {
    const known = mediaKnown(body.item, data);
    if (!known.ok) return known;
    const saved = await data.library.save(params.id ?? '', body.item, body.targeting, body.rev, actorOf(account), d.now());
    if (saved.ok) await data.audit.append({ actor: account.username, action: 'edit', target: body.item.id, detail: `rev ${saved.value.workflow.rev}` });
    return saved.ok ? ok(view(saved.value, data)) : saved;
  });
  route(app, d, 'deleteItem', async ({ body, params, account }) => {
    const removed = await data.library.remove(params.id ?? '', body.rev, actorOf(account));
    if (removed.ok) await data.audit.append({ actor: account.username, action: 'delete', target: params.id ?? '', detail: '' });
    return removed.ok ? ok({ ok: true as const }) : removed;
  });
  route(app, d, 'transition', async ({ body, params, account }) => {
    const moved = await data.library.move(params.id ?? '', body.action, body.comment, body.rev, actorOf(account), d.now());
    if (moved.ok) await data.audit.append({ actor: account.username, action: body.action, target: params.id ?? '', detail: body.comment });
    return moved.ok ? ok(view(moved.value, data)) : moved;
  });
}

function uploadRoutes(app: Hono, d: ItemRouteDeps): void {
  const { uploads } = d.data;
  route(app, d, 'startUpload', async ({ body, account }) => {
    const started = await uploads.start(body.name, body.bytes);
    if (started.ok) await d.data.audit.append({ actor: account.username, action: 'upload-start', target: started.value.id, detail: `${JSON.stringify(body.name)}, ${body.bytes} bytes` });
    return started;
  });
  route(app, d, 'uploadState', async ({ params }) => uploads.state(params.id ?? ''));
  // Not audited per chunk (a large video is a hundred of them): its start and finish are.
  route(app, d, 'uploadChunk', async ({ params, query, raw }) => uploads.chunk(params.id ?? '', query.offset, raw ?? new Uint8Array()));
  route(app, d, 'finishUpload', async ({ params, account }) => {
    const stored = await uploads.finish(params.id ?? '');
    if (stored.ok) await d.data.audit.append({ actor: account.username, action: 'upload', target: stored.value.path, detail: `${stored.value.bytes} bytes` });
    return stored;
  });
  route(app, d, 'uploadCaptions', async ({ body, account }) => {
    if (!isWebVtt(body.text)) return err({ code: 'invalid', message: 'captions must be WebVTT: the first line is "WEBVTT"' });
    const stored = await d.data.media.addBytes(Buffer.from(body.text, 'utf8'), 'text/vtt');
    await d.data.audit.append({ actor: account.username, action: 'captions', target: stored.path, detail: `${stored.bytes} bytes` });
    return ok(stored);
  });
}

export function itemRoutes(app: Hono, d: ItemRouteDeps): void {
  sessionRoutes(app, d);
  libraryRoutes(app, d);
  uploadRoutes(app, d);
}
