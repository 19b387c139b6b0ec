import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEDIA_CACHE_PREFIX } from '../../src/core/api/contract';
import type { LibraryItem } from '../../src/core/console/formats';
import { planPublish } from '../../src/core/console/publish-plan';
import { PUBLISHED_FORMAT, PublishedFeed, PublishedPlaylist, readDocument } from '../../src/core/contract/published';
import { decodeFeed } from '../../src/core/contract/read-published';
import { documentText, feedDocument, playlistDocument } from '../../src/core/contract/write-documents';
import { resolveItems } from '../../src/core/feed/entry';
import type { ContentItem } from '../../src/core/model/content';
import { policyConfig } from '../../src/core/policy/content-policy';
import { library } from '../helpers/contract-arbitraries';

const policy = policyConfig({ blockedTerms: [], allowedPhones: [], allowedLinkHosts: [] });
const now = new Date('2026-06-01T02:00:00Z');
const meta = { version: 7, expires: '2026-06-15T00:00:00.000Z', baseUrl: 'https://cdn.example.org/af', title: 'Anti-fraud' };
const docUrl = 'https://cdn.example.org/af/current/group-canteen.json';
/** How many libraries fast-check draws per property (the report cites it). */
const RUNS = 300;

/**
 * What the screen should hold, written out from the library entry: the item as it is, the
 * console's pins and validity as its own data, audience and region targeting as tags, and
 * every medium pointing into the screen's cache by its hash.
 */
function expected(entry: LibraryItem, shaOf: (path: string) => string): ContentItem {
  const { item, targeting: t } = entry;
  if (item.kind === 'alert') return item;
  const tags = [...new Set([...(item.tags ?? []), ...t.audience, ...t.regions])];
  const pins = item.kind === 'case' && t.pins.length > 0 ? { pinnedDates: [...new Set([...(item.pinnedDates ?? []), ...t.pins])].sort() } : {};
  const copy: Record<string, unknown> = {
    ...item, ...pins, ...(t.validity.type === 'always' ? {} : { validity: t.validity }), ...(tags.length > 0 ? { tags } : {}),
  };
  for (const field of ['file', 'poster', 'captions', 'image']) {
    const path = copy[field];
    if (typeof path === 'string') copy[field] = `${MEDIA_CACHE_PREFIX}${shaOf(path)}`;
  }
  return copy as ContentItem;
}

describe('the published contract: library item → publish → screen item', () => {
  it(`keeps every field a screen uses (ids, dates, sources, pins, validity, seasons, regions, audiences, captions) over ${RUNS} libraries`, () => {
    let items = 0;
    fc.assert(
      fc.property(library, ({ entries, media }) => {
        const plan = planPublish({ entries, media, policy, now, timeZone: 'Asia/Shanghai' });
        expect(plan.blockers).toEqual([]);
        const text = documentText(feedDocument(plan.items, meta, 'canteen'));
        const read = readDocument(PublishedFeed, JSON.parse(text), 'feed');
        if (!read.ok) throw new Error(read.error);
        const decoded = decodeFeed(read.value, { docUrl, policy, now, media: { allowHttp: false, requireSha256: true } });
        expect(decoded.quarantined).toEqual([]);
        const onScreen = [...resolveItems(decoded.entries, (need) => need.sha256), ...decoded.alerts];
        const shaOf = (path: string): string => media.get(path)?.sha256 ?? 'missing';
        const want = entries.map((e) => expected(e, shaOf));
        const byId = (a: ContentItem, b: ContentItem): number => (a.id < b.id ? -1 : 1);
        expect([...onScreen].sort(byId)).toEqual([...want].sort(byId));
        // The targeting went in as data, not as a decision: every approved item reached the screen.
        expect(onScreen.length).toBe(entries.length);
        items += onScreen.length;
      }),
      { numRuns: RUNS, seed: 17 },
    );
    expect(items).toBeGreaterThan(RUNS);
  });

  it('media URLs resolve beside current/, so the folder can be copied anywhere', () => {
    const doc = feedDocument([], meta);
    expect(doc._kiosk.format).toBe(PUBLISHED_FORMAT);
    const decoded = decodeFeed(
      { ...doc, items: [{ id: 'v', title: 't', _kiosk: { kind: 'video', id: 'v', locale: 'en', title: 't', file: { path: `media/${'a'.repeat(64)}.webm`, sha256: 'a'.repeat(64), bytes: 1, type: 'video/webm' } } }] },
      { docUrl, policy, now },
    );
    expect(decoded.entries[0]?.media).toEqual([{ field: 'file', url: `https://cdn.example.org/af/media/${'a'.repeat(64)}.webm`, sha256: 'a'.repeat(64) }]);
  });
});

describe('format versions', () => {
  const group = {
    id: 'canteen', name: 'Canteen', layout: 'landscape', locales: ['zh-CN'], timeZone: 'Asia/Shanghai', tags: [], rev: 1,
    ticker: { sources: [{ type: 'slogans' }], mode: 'scroll', charsPerSecond: 3.5, pageSeconds: 6, separator: ' ', coreTag: 'core', rotateIn: 8 },
    stage: [{ type: 'case-of-the-day', seconds: 17 }], onHours: { rules: [], outside: 'standby' },
  } as const;

  it('reads its own major version with a newer minor (added fields are for newer readers) and refuses a newer major by name', () => {
    const doc = playlistDocument({ ...group, locales: [...group.locales], stage: [...group.stage], tags: [], ticker: { ...group.ticker, sources: [...group.ticker.sources] }, onHours: { rules: [], outside: 'standby' } }, meta);
    expect(readDocument(PublishedPlaylist, doc, 'playlist').ok).toBe(true);
    const newer = readDocument(PublishedPlaylist, { ...doc, format: 'kiosk-published/2.0', stage: 'something else' }, 'group playlist');
    expect(newer).toEqual({ ok: false, error: expect.stringMatching(/^group playlist: format kiosk-published\/2\.0 is newer than this screen reads \(1\.x\).*keeping the last good content$/) });
    const unknownKey = readDocument(PublishedPlaylist, { ...doc, surprise: 1 }, 'group playlist');
    expect(unknownKey.ok).toBe(false);
  });
});
