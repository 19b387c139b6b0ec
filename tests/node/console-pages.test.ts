import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountClient, startConsoleFixture, type ConsoleFixture } from '../helpers/console-client';

let f: ConsoleFixture;
beforeAll(async () => {
  f = await startConsoleFixture();
}, 60_000);
afterAll(async () => f?.close());

const always = { audience: [], regions: [], validity: { type: 'always' }, pins: [] };

describe('server-side list pages over HTTP', { timeout: 60_000 }, () => {
  it('pages the library: one window, the total of matches, and a search the server runs', async () => {
    for (let i = 0; i < 5; i++) {
      const made = await f.admin.call('createItem', { body: { item: { kind: 'slogan', id: `page-${i}`, locale: 'zh-CN', text: `陌生来电要求转账 第${i}条` }, targeting: always } });
      expect(made.status, made.error).toBe(200);
    }
    const everything = f.running.data.library.list().length;
    const first = await f.admin.call('itemPage', { query: { limit: '2' } });
    expect(first.data.total).toBe(everything);
    expect(first.data.entries).toHaveLength(2);
    const found = await f.admin.call('itemPage', { query: { q: '陌生来电 第3条' } });
    expect(found.data.entries.map((e) => e.id)).toEqual(['page-3']);
    expect((await f.admin.call('itemPage', { query: { limit: '100000' } })).status, 'the page size is capped').toBe(400);
  });

  it('pages the audit log newest first, for admins only', async () => {
    const newest = await f.admin.call('auditPage', { query: { limit: '1' } });
    expect(newest.data.entries[0]).toMatchObject({ action: 'create', target: 'page-4' });
    expect(newest.data.total).toBe(f.running.data.audit.entries().length);
    const editor = await accountClient(f, 'pager', ['editor']);
    expect((await editor.call('auditPage')).status).toBe(403);
  });

  it('lists registered screens (none yet) without the fleet view', async () => {
    const page = await f.admin.call('screenPage', { query: { q: 'lobby' } });
    expect(page.data).toEqual({ total: 0, entries: [] });
  });
});
