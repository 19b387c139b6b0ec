import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playableOn } from '../../src/core/content/selection';
import { PlayerState } from '../../src/core/api/contract';
import { accountClient, ConsoleClient, fromAddress, PASSWORD, startConsoleFixture, type ConsoleFixture } from '../helpers/console-client';

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
    // From its own loopback address: the limit counts per client address (and per account).
    const stranger = new ConsoleClient(f.origin, fromAddress('127.0.0.9'));
    const tries = [];
    for (let i = 0; i < 12; i++) tries.push(await stranger.call('login', { body: { username: `nobody${i % 3}`, password: 'wrong password!' } }));
    expect(tries.slice(0, 10).map((t) => t.error)).toEqual(Array(10).fill('wrong user name or password'));
    expect(tries.slice(10).map((t) => t.error)).toEqual(Array(2).fill(expect.stringMatching(/too many failed sign-ins; try again in 1[45] min/)));
    const evenRight = await stranger.call('login', { body: { username: 'pub', password: PASSWORD } });
    expect(evenRight.status).toBe(403);
  });

  it('the set-up link works once', async () => {
    const again = await new ConsoleClient(f.origin).call('setup', { body: { token: 'x'.repeat(32), username: 'second', password: PASSWORD } });
    expect(again.status).toBe(403);
    expect(f.running.setupUrl).toBeDefined();
  });

  it('two editors saving the same item: the second gets a conflict, not a silent overwrite', async () => {
    const other = await accountClient(f, 'ed2', ['editor']);
    const created = await editor.call('createItem', { body: { item: { kind: 'slogan', id: 'shared', locale: 'zh-CN', text: '第一版' }, targeting: always } });
    const rev = created.data.entry.workflow.rev;
    const [a, b] = await Promise.all([
      editor.call('saveItem', { params: { id: 'shared' }, body: { item: { kind: 'slogan', id: 'shared', locale: 'zh-CN', text: '甲的修改' }, targeting: always, rev } }),
      other.call('saveItem', { params: { id: 'shared' }, body: { item: { kind: 'slogan', id: 'shared', locale: 'zh-CN', text: '乙的修改' }, targeting: always, rev } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 200 ? a : b;
    expect(loser.error).toMatch(/was changed by ed2? \(rev 2, yours 1\); reload/);
    const stored = await f.admin.call('getItem', { params: { id: 'shared' } });
    expect(stored.data.entry.item).toEqual(winner.data.entry.item);
    expect(stored.data.entry.workflow.rev).toBe(2);
  });

  it('refuses an upload that is not a WebM or MP4 by its bytes, whatever its name', async () => {
    const bytes = Buffer.from('<html><script>alert(1)</script></html>');
    const started = await editor.call('startUpload', { body: { name: 'clip.webm', bytes: bytes.length } });
    const put = await fetch(`${f.origin}/console/api/uploads/${started.data.id}?offset=0`, {
      method: 'PUT', body: new Uint8Array(bytes), headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/octet-stream', origin: f.origin },
    });
    expect(put.status).toBe(200);
    const finished = await editor.call('finishUpload', { params: { id: started.data.id } });
    expect(finished.status).toBe(422);
    expect(finished.error).toBe('"clip.webm" is not a WebM or MP4 video: it is neither a WebM nor an MP4 file (checked by its content, not its name)');
    const tooBig = await editor.call('startUpload', { body: { name: 'huge.mp4', bytes: 10 * 1024 ** 3 } });
    expect(tooBig.status).toBe(422);
    expect(tooBig.error).toMatch(/the limit is \d+ bytes/);
  });

  it('serves a preview state for a screen group to signed-in users only, for the date the page is set to', async () => {
    const path = '/console/preview/default/draft/api/state';
    expect((await fetch(`${f.origin}${path}`)).status).toBe(401);
    const response = await fetch(`${f.origin}${path}`, { headers: { cookie: editor.cookie } });
    expect(response.status).toBe(200);
    const state = PlayerState.parse(await response.json());
    expect(state.items.some((i) => i.id === 'shared')).toBe(true);
    expect(state.layout).toBe('landscape');

    const winter = { kind: 'slogan', id: 'winter-only', locale: 'zh-CN', text: '年关将近，谨防冒充快递理赔' };
    await editor.call('createItem', { body: { item: winter, targeting: { ...always, validity: { type: 'season', from: '12-01', until: '02-28' } } } });
    // The validity travels with the item, as it does to screens; the player decides by its clock (`?now=`).
    const on = async (date: string): Promise<boolean> => {
      const page = `${f.origin}/console/preview/default/draft/?now=${date}T10:00:00%2B08:00`;
      const r = await fetch(`${f.origin}${path}`, { headers: { cookie: editor.cookie, referer: page } });
      const item = PlayerState.parse(await r.json()).items.find((i) => i.id === 'winter-only');
      return item !== undefined && playableOn(item, {}, date);
    };
    expect(await on('2027-01-10')).toBe(true);
    expect(await on('2026-07-10')).toBe(false);
  });
});
