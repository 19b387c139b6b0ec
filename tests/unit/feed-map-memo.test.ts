import { describe, expect, it } from 'vitest';
import { mapFeed, type MapOptions } from '../../src/core/feed/map-items';
import { RawItem, type RawFeed, type RawItemInput } from '../../src/core/feed/raw-item';
import { policyConfig } from '../../src/core/policy/content-policy';

/** Outcomes are kept between syncs: a poll that brings an item changed under the same guid, or a new policy, must be judged afresh. */
const now = new Date('2025-03-01T08:00:00Z');
const options: MapOptions = {
  sourceUrl: 'https://memo.example.org/rss', defaultKind: 'slogan', sourceTags: [], maxAgeDays: 30, maxItems: 100,
  policy: policyConfig({ blockedTerms: [], allowedPhones: [], allowedLinkHosts: [] }), now,
};
const feed = (items: RawItemInput[]): RawFeed => ({ format: 'rss', title: '反诈', items: items.map((i) => RawItem.parse(i)), rejected: [] });
const published = '2025-02-28T08:00:00Z';

describe('mapping the same feed again', () => {
  it('gives the same result the second time', () => {
    const items = [{ key: 'a', title: '未知链接不点击', published }, { key: 'b', title: '转账前先核实', published }];
    expect(mapFeed(feed(items), options)).toEqual(mapFeed(feed(items), options));
  });

  it('judges again an item changed under the same guid', () => {
    expect(mapFeed(feed([{ key: 'g', title: '未知链接不点击', published }]), options).entries).toHaveLength(1);
    const changed = mapFeed(feed([{ key: 'g', title: '未知链接不点击 bet365', published }]), options);
    expect(changed.entries).toHaveLength(0);
    expect(changed.quarantined[0]?.reason).toContain('bet365');
  });

  it('judges again under a changed policy', () => {
    const items = [{ key: 'p', title: '请认准本地热线 关键词甲', published }];
    expect(mapFeed(feed(items), options).entries).toHaveLength(1);
    const stricter = { ...options, policy: policyConfig({ blockedTerms: ['关键词甲'], allowedPhones: [], allowedLinkHosts: [] }) };
    expect(mapFeed(feed(items), stricter).quarantined[0]?.reason).toContain('关键词甲');
    expect(mapFeed(feed(items), options).entries).toHaveLength(1);
  });
});
