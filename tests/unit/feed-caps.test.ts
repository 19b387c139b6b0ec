import { describe, expect, it } from 'vitest';
import { mapFeed, type MapOptions } from '../../src/core/feed/map-items';
import { RawItem, toRawItems } from '../../src/core/feed/raw-item';
import { policyConfig } from '../../src/core/policy/content-policy';

const now = new Date('2025-03-01T08:00:00Z');
const options: MapOptions = {
  sourceUrl: 'https://feed.example.org/rss', defaultKind: 'case', sourceTags: [], maxAgeDays: 30, maxItems: 100,
  policy: policyConfig({ blockedTerms: [], allowedPhones: [], allowedLinkHosts: [] }), now,
};

describe('field caps before any regex', () => {
  it('cuts ten 190 KB descriptions built against the markup regexes before any regex sees them', () => {
    // Each "<script>" without a closing tag makes the markup stripper scan to the end: n² steps.
    // The cap bounds n whatever the machine; the time it then takes is the bench's figure.
    const hostile = '<script>'.repeat(190_000 / 8);
    const { items } = toRawItems(Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, title: `标题${i}`, text: `张女士被骗3万元。${hostile}` })));
    expect(items).toHaveLength(10);
    for (const item of items) expect(item.text?.length).toBeLessThanOrEqual(16_000);
    const result = mapFeed({ format: 'rss', items, rejected: [] }, options);
    expect(result.entries.length + result.quarantined.length).toBe(10);
  });

  it('keeps the start of an over-long field, never splitting a character', () => {
    const text = `${'很'.repeat(15_999)}😀${'x'.repeat(50_000)}`;
    const raw = RawItem.parse({ key: 'a', title: '😀'.repeat(5_000), text });
    expect(raw.text?.startsWith('很'.repeat(100))).toBe(true);
    expect(raw.text?.length).toBeLessThanOrEqual(16_000);
    expect(raw.text).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(raw.title?.length).toBeLessThanOrEqual(2_000);
    expect(Array.from(raw.title ?? '').every((c) => c === '😀')).toBe(true);
  });
});
