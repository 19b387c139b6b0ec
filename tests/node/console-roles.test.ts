import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountClient, ConsoleClient, PASSWORD, startConsoleFixture, type ConsoleFixture } from '../helpers/console-client';

/** fetch cannot set Host; a DNS-rebinding page's requests carry the attacker's host name. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const always = { audience: [], regions: [], validity: { type: 'always' }, pins: [] };
let f: ConsoleFixture;
let editor: ConsoleClient;
let publisher: ConsoleClient;

beforeAll(async () => {
  f = await startConsoleFixture();
  editor = await accountClient(f, 'ed', ['editor']);
  publisher = await accountClient(f, 'pub', ['publisher']);
}, 60_000);
afterAll(async () => f?.close());

describe('console roles and request checks, at the API', { timeout: 30_000 }, () => {
  it('an editor writes and submits drafts but cannot approve, publish or manage accounts', async () => {
    const created = await editor.call('createItem', { body: { item: { kind: 'slogan', id: 'roles-1', locale: 'zh-CN', text: '先核实，再转账' }, targeting: always } });
    expect(created.status).toBe(200);
    const submitted = await editor.call('transition', { params: { id: 'roles-1' }, body: { action: 'submit', rev: created.data.entry.workflow.rev } });
    expect(submitted.status).toBe(200);
    const approve = await editor.call('transition', { params: { id: 'roles-1' }, body: { action: 'approve', rev: submitted.data.entry.workflow.rev } });
    expect(approve.status).toBe(403);
    expect(approve.error).toBe('approve needs the publisher role');
    const publish = await editor.call('publish', { body: {} });
    expect(publish.status).toBe(403);
    expect(publish.error).toBe('this needs the publisher role');
    const account = await editor.call('createAccount', { body: { username: 'sneaky', password: PASSWORD, roles: ['admin'] } });
    expect(account.status).toBe(403);
    expect((await editor.call('listAccounts')).status).toBe(403);
    expect((await editor.call('changeAccount', { params: { username: 'ed' }, body: { roles: ['admin'] } })).status).toBe(403);
    expect((await editor.call('rotateKey', { body: {} })).status).toBe(403);
    const item = await f.admin.call('getItem', { params: { id: 'roles-1' } });
    expect(item.data.entry.workflow.status).toBe('submitted');
  });

  it('a publisher approves but cannot write drafts or manage accounts', async () => {
    const item = await publisher.call('getItem', { params: { id: 'roles-1' } });
    const approved = await publisher.call('transition', { params: { id: 'roles-1' }, body: { action: 'approve', rev: item.data.entry.workflow.rev } });
    expect(approved.status).toBe(200);
    expect(approved.data.entry.workflow).toMatchObject({ status: 'approved', updatedBy: 'pub' });
    expect((await publisher.call('createItem', { body: { item: { kind: 'slogan', id: 'roles-2', locale: 'zh-CN', text: '不转账' }, targeting: always } })).status).toBe(403);
    expect((await publisher.call('listAccounts')).status).toBe(403);
  });

  it('refuses a request with no session, a foreign Host, a foreign Origin or no CSRF token', async () => {
    const anonymous = new ConsoleClient(f.origin);
    const list = await anonymous.call('listItems');
    expect(list.status).toBe(401);
    expect(list.error).toBe('sign in first');
    expect((await anonymous.call('publish', { body: {} })).status).toBe(401);

    const rebinding = await rawGet(`${f.origin}/console/api/items`, { cookie: editor.cookie, host: 'evil.example:80' });
    expect(rebinding.status).toBe(421);
    expect(rebinding.body).toMatch(/evil\.example/);
    expect((await rawGet(`${f.origin}/console/api/items`, { cookie: editor.cookie })).status).toBe(200);

    const noCsrf = await editor.call('createItem', {
      body: { item: { kind: 'slogan', id: 'roles-3', locale: 'zh-CN', text: '挂断' }, targeting: always }, headers: { 'x-csrf-token': '' },
    });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.error).toMatch(/x-csrf-token/);

    const crossSite = await editor.call('createItem', {
      body: { item: { kind: 'slogan', id: 'roles-4', locale: 'zh-CN', text: '挂断' }, targeting: always }, headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.error).toMatch(/Origin/);
    expect((await f.admin.call('getItem', { params: { id: 'roles-3' } })).status).toBe(404);
    expect((await f.admin.call('getItem', { params: { id: 'roles-4' } })).status).toBe(404);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, and rate-limits failed sign-ins', async () => {
    const response = await fetch(`${f.origin}/console/api/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: f.origin }, body: JSON.stringify({ username: 'ed', password: PASSWORD }),
    });
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const stranger = new ConsoleClient(f.origin);
    const tries = [];
    for (let i = 0; i < 6; i++) tries.push(await stranger.call('login', { body: { username: 'pub', password: 'wrong password!' } }));
    expect(tries.slice(0, 5).map((t) => t.error)).toEqual(Array(5).fill('wrong user name or password'));
    expect(tries[5]?.error).toMatch(/too many failed sign-ins/);
    const evenRight = await stranger.call('login', { body: { username: 'pub', password: PASSWORD } });
    expect(evenRight.status).toBe(403);
  });

  it('the set-up link works once', async () => {
    const again = await new ConsoleClient(f.origin).call('setup', { body: { token: 'x'.repeat(32), username: 'second', password: PASSWORD } });
    expect(again.status).toBe(403);
    expect(f.running.setupUrl).toBeDefined();
  });
});
