import { describe, expect, it } from 'vitest';
import {
  AuditPageQuery, ItemPageQuery, PAGE_LIMIT_MAX, ScreenPageQuery, auditPage, indexItem, itemPage, screenPage, tagsOf, type ScreenListRow,
} from '../../src/core/console/list-pages';
import type { AuditEntry, ItemSummary } from '../../src/core/console/formats';

const screens: ScreenListRow[] = Array.from({ length: 120 }, (_, i) => ({
  screenId: `s-${String(i).padStart(3, '0')}`,
  name: i % 10 === 0 ? `Branch Lobby ${i}` : `Counter ${i}`,
  group: i % 2 === 0 ? 'lobby' : 'counter',
  presence: i % 3 === 0 ? 'offline' : 'online',
  lastSeen: `2026-03-01T08:${String(i % 60).padStart(2, '0')}:00Z`,
  via: 'token',
  createdAt: '2026-03-01T00:00:00Z',
}));

const item = (i: number): ItemSummary => ({
  id: `item-${i}`, kind: i % 2 ? 'slogan' : 'case', title: i === 7 ? '冒充客服退款 Refund scam' : `Title ${i}`,
  tags: i % 4 === 0 ? ['elderly'] : ['students'], status: i % 5 === 0 ? 'approved' : 'draft', rev: 1,
  updatedBy: 'ed', updatedAt: `2026-03-01T00:00:${String(i % 60).padStart(2, '0')}Z`, live: false,
});

const audit: AuditEntry[] = Array.from({ length: 30 }, (_, i) => ({
  at: `2026-03-01T00:00:${String(i).padStart(2, '0')}Z`, actor: i % 2 ? 'ann' : 'bob', action: i % 3 ? 'edit' : 'sign-in', target: `item-${i}`, detail: i === 4 ? 'rev 9 refund' : '',
}));

describe('server-side list pages', () => {
  it('caps the page size and refuses unknown keys', () => {
    expect(ScreenPageQuery.safeParse({ limit: String(PAGE_LIMIT_MAX + 1) }).success).toBe(false);
    expect(ItemPageQuery.safeParse({ offset: '-1' }).success).toBe(false);
    expect(AuditPageQuery.safeParse({ everything: '1' }).success).toBe(false);
    expect(ScreenPageQuery.parse({})).toMatchObject({ offset: 0, limit: 50, sort: 'name' });
  });

  it('gives the total of the matches and only the window asked for, the same rows whatever the page', () => {
    const all = screenPage(screens, ScreenPageQuery.parse({ limit: '200', sort: 'screenId' }));
    expect(all.total).toBe(120);
    const third = screenPage(screens, ScreenPageQuery.parse({ offset: '40', limit: '20', sort: 'screenId' }));
    expect(third.total).toBe(120);
    expect(third.entries.map((s) => s.screenId)).toEqual(all.entries.slice(40, 60).map((s) => s.screenId));
    expect(screenPage(screens, ScreenPageQuery.parse({ offset: '500' })).entries).toEqual([]);
  });

  it('filters and searches screens by every word, case-insensitively', () => {
    const page = screenPage(screens, ScreenPageQuery.parse({ q: 'lobby BRANCH', group: 'lobby', presence: 'offline' }));
    expect(page.entries.map((s) => s.name)).toEqual(['Branch Lobby 0', 'Branch Lobby 30', 'Branch Lobby 60', 'Branch Lobby 90']);
    expect(page.total).toBe(4);
  });

  it('pages library items newest first, with kind, status, tag and text search, and lists every tag', () => {
    const rows = Array.from({ length: 100 }, (_, i) => indexItem(item(i)));
    const first = itemPage(rows, tagsOf(rows), ItemPageQuery.parse({ limit: '3' }));
    expect(first.total).toBe(100);
    expect(first.entries.map((e) => e.updatedAt)).toEqual([...first.entries.map((e) => e.updatedAt)].sort().reverse());
    expect(first.tags).toEqual(['elderly', 'students']);
    expect(itemPage(rows, [], ItemPageQuery.parse({ q: 'refund 冒充' })).entries.map((e) => e.id)).toEqual(['item-7']);
    const filtered = itemPage(rows, [], ItemPageQuery.parse({ kind: 'case', status: 'approved', tag: 'elderly', sort: 'id', limit: '200' }));
    expect(filtered.entries.map((e) => e.id)).toEqual(['item-0', 'item-20', 'item-40', 'item-60', 'item-80']);
  });

  it('pages the audit log newest first, by actor, action and text', () => {
    const newest = auditPage(audit, AuditPageQuery.parse({ limit: '2' }));
    expect(newest.entries.map((e) => e.target)).toEqual(['item-29', 'item-28']);
    expect(auditPage(audit, AuditPageQuery.parse({ sort: 'oldest', limit: '1' })).entries[0]?.target).toBe('item-0');
    const bob = auditPage(audit, AuditPageQuery.parse({ actor: 'bob', action: 'sign-in' }));
    expect(bob.total).toBe(5);
    expect(auditPage(audit, AuditPageQuery.parse({ q: 'REFUND' })).entries.map((e) => e.target)).toEqual(['item-4']);
    expect(audit[0]?.target, 'the log itself keeps its order').toBe('item-0');
  });
});
