import type { Hono } from 'hono';
import { feedUrlOf } from '../../core/console/feed-documents';
import { caseForGroup, previewState } from '../../core/console/preview';
import { err, ok } from '../../core/result';
import type { ItemRouteDeps } from './routes-items';
import { route } from './route';
import { screenConfig } from './screen-config';
import type { ConsoleFleet } from '../console-fleet';
import { groupDocuments } from '../../node/console/group-documents';

export interface AdminRouteDeps extends ItemRouteDeps {
  readonly appVersion: string;
  /** The fleet channel, when the console runs one: the snippet then joins screens to it. */
  readonly fleet?: ConsoleFleet | undefined;
}

function publishRoutes(app: Hono, d: AdminRouteDeps): void {
  const { data } = d;
  route(app, d, 'publishPlan', async () => {
    const plan = data.plan();
    return ok({ items: plan.items.length, media: plan.media.length, blockers: [...plan.blockers] });
  });
  route(app, d, 'publish', async ({ account }) => data.publish({ username: account.username, roles: account.roles }));
  route(app, d, 'publishProgress', async () => ok(data.progress()));
}

function groupRoutes(app: Hono, d: AdminRouteDeps): void {
  const { data } = d;
  route(app, d, 'time', async () => {
    const received = d.now().getTime();
    return ok({ received, sent: d.now().getTime() });
  });
  route(app, d, 'listGroups', async () => ok([...data.settings.groups()]));
  route(app, d, 'saveGroup', async ({ body, params, account }) => {
    if (body.id !== params.id) return err({ code: 'invalid', message: 'the group id in the path and the body differ' });
    const saved = await data.settings.saveGroup(body, body.rev === 0);
    if (saved.ok) await data.audit.append({ actor: account.username, action: 'group', target: body.id, detail: `rev ${saved.value.rev}` });
    return saved;
  });
  route(app, d, 'deleteGroup', async ({ body, params, account }) => {
    const removed = await data.settings.deleteGroup(params.id ?? '', body.rev);
    if (!removed.ok) return removed;
    await data.audit.append({ actor: account.username, action: 'group-delete', target: params.id ?? '', detail: `rev ${body.rev}` });
    return ok({ ok: true as const });
  });
  route(app, d, 'deviceConfig', async ({ params }) => {
    const group = data.settings.groups().find((g) => g.id === params.id);
    if (!group) return err({ code: 'not-found', message: `no screen group "${params.id ?? ''}"` });
    return ok(screenConfig(data, d.fleet, group));
  });
}

function previewRoutes(app: Hono, d: AdminRouteDeps): void {
  const { data } = d;
  route(app, d, 'previewState', async ({ query }) => {
    const group = data.settings.groups().find((g) => g.id === query.group);
    if (!group) return err({ code: 'not-found', message: `no screen group "${query.group}"` });
    const now = query.now ? new Date(query.now) : d.now();
    const docs = await groupDocuments(data, group, query.source, now);
    if (!docs) return err({ code: 'not-found', message: `screen group "${group.id}" has not been published yet` });
    return ok(previewState({ docs, policy: data.policy(), group, now, appVersion: d.appVersion, organisation: group.name }));
  });
  route(app, d, 'caseOfDay', async ({ query }) => {
    const now = d.now();
    const groups = await Promise.all(data.settings.groups().map(async (g) => {
      const docs = await groupDocuments(data, g, 'draft', now);
      const found = docs ? caseForGroup({ docs, policy: data.policy(), now }, query.date) : undefined;
      return { group: g.id, name: g.name, caseId: found?.id ?? null, title: found?.title ?? null };
    }));
    return ok({ date: query.date, groups });
  });
}

function accountRoutes(app: Hono, d: AdminRouteDeps): void {
  const { data } = d;
  route(app, d, 'listAccounts', async () => ok(data.accounts.list()));
  route(app, d, 'createAccount', async ({ body, account }) => {
    const created = await data.accounts.create(body.username, body.password, body.roles, d.now());
    if (created.ok) await data.audit.append({ actor: account.username, action: 'account', target: body.username, detail: `created: ${body.roles.join(',')}` });
    return created;
  });
  route(app, d, 'changeAccount', async ({ body, params, account }) => {
    const changed = await data.accounts.change(params.username ?? '', body);
    if (!changed.ok) return changed;
    if (body.disabled || body.password || body.roles) d.sessions.dropUser(changed.value.username);
    const what = [body.roles ? `roles ${body.roles.join(',')}` : '', body.disabled !== undefined ? `disabled ${String(body.disabled)}` : '', body.password ? 'password' : ''];
    await data.audit.append({ actor: account.username, action: 'account', target: changed.value.username, detail: what.filter(Boolean).join('; ') });
    return changed;
  });
  const keyInfo = () => ({ publicKey: data.keys().publicKeyBase64, feedUrl: feedUrlOf(data.settings.settings().publicUrl.replace(/\/+$/, '')) });
  route(app, d, 'keys', async () => ok(keyInfo()));
  route(app, d, 'rotateKey', async ({ account }) => {
    await data.rotateKeys();
    await data.audit.append({ actor: account.username, action: 'rotate-key', target: 'publisher.key', detail: 'screens need the new public key' });
    return ok(keyInfo());
  });
  route(app, d, 'getSettings', async () => ok(data.settings.settings()));
  route(app, d, 'saveSettings', async ({ body, account }) => {
    await data.audit.append({ actor: account.username, action: 'settings', target: 'settings', detail: JSON.stringify(body) });
    return ok(await data.settings.saveSettings(body));
  });
  route(app, d, 'audit', async ({ query }) => ok(await data.audit.recent(query.limit)));
}

export function adminRoutes(app: Hono, d: AdminRouteDeps): void {
  publishRoutes(app, d);
  groupRoutes(app, d);
  previewRoutes(app, d);
  accountRoutes(app, d);
}
