import { describe, expect, it } from 'vitest';
import { screenContent } from '../../src/core/contract/screen-content';
import { FALLBACK_PLAYLIST } from '../../src/core/fallback';
import type { ContentItem } from '../../src/core/model/content';

const slogan = (id: string, text: string): ContentItem => ({ kind: 'slogan', id, locale: 'zh-CN', text });
const pack = [slogan('pack-only', '包里的标语'), slogan('shared', '包里的旧版本')];
const feed = [slogan('shared', '控制台批准的版本'), slogan('feed-only', '只在发布里')];
const base = { pack, packPlaylist: FALLBACK_PLAYLIST, feed, groupPlaylist: undefined, mergePack: false, region: 'cn' as const, helpQr: undefined };

describe('the feed replaces the pack', () => {
  it('before any verified published feed, the pack fills in and the feed wins by id: each item once', () => {
    const items = screenContent({ ...base, heldPublished: false }).items;
    expect(items.map((i) => i.id)).toEqual(['pack-only', 'shared', 'feed-only']);
    expect(items.find((i) => i.id === 'shared')).toMatchObject({ text: '控制台批准的版本' });
  });

  it('once a verified published feed is held, only the feed plays', () => {
    expect(screenContent({ ...base, heldPublished: true }).items.map((i) => i.id)).toEqual(['shared', 'feed-only']);
  });

  it('a config that opts into merging keeps the pack beside it, still once per id', () => {
    const items = screenContent({ ...base, heldPublished: true, mergePack: true }).items;
    expect(items.map((i) => i.id)).toEqual(['pack-only', 'shared', 'feed-only']);
  });
});
