import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Region } from '../../src/core/model/region';
import { forVariant, type Loc } from '../../scripts/make-videos-frames';
import { ONLY_IN } from '../helpers/region-markers';

interface Scripts {
  readonly videos: readonly { readonly id: string; readonly title: Readonly<Record<string, string>> }[];
  readonly endCard: { readonly say: Readonly<Record<Region, unknown>> };
}
const scripts = JSON.parse(readFileSync('playlists/pack/video-scripts.json', 'utf8')) as Scripts;

/** Every text the variant draws or says, after its `locale@region` overrides. */
function textsOf(value: unknown, locale: Loc): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => textsOf(v, locale));
  if (value === null || typeof value !== 'object') return [];
  const own = (value as Record<string, unknown>)[locale];
  if (typeof own === 'string') return [own];
  return Object.values(value).flatMap((v) => textsOf(v, locale));
}

const VARIANTS: readonly (readonly [Loc, Region])[] = [['en', 'cn'], ['en', 'tw'], ['en', 'hk'], ['zh-HK', 'hk']];

describe('warning videos per region', () => {
  it.each(VARIANTS)('%s on a %s screen names no other region’s money, hotline or institution', (locale, region) => {
    const wrong = scripts.videos
      .filter((v) => typeof v.title[locale] === 'string')
      .flatMap((v) => {
        const texts = [...textsOf(forVariant(v, locale, region), locale), ...textsOf(scripts.endCard.say[region], locale)];
        const others = (Object.keys(ONLY_IN) as Region[]).filter((r) => r !== region);
        return texts.flatMap((t) => others.flatMap((r) => (ONLY_IN[r].test(t) ? [`${v.id}: ${t}`] : [])));
      });
    expect(wrong).toEqual([]);
  });

  it('shows no amount without its currency sign', () => {
    for (const [locale, region] of VARIANTS) {
      const bare = scripts.videos.flatMap((v) => textsOf(forVariant(v, locale, region), locale)).filter((t) => /(?<![A-Z¥$\d,])\d{1,3}(?:,\d{3})+(?!\d)/.test(t));
      expect(bare, `${locale}@${region}`).toEqual([]);
    }
  });

  it('has three zh-HK videos, each ending on Hong Kong’s numbers', () => {
    const hk = scripts.videos.filter((v) => typeof v.title['zh-HK'] === 'string');
    expect(hk.length).toBeGreaterThanOrEqual(3);
    expect(textsOf(scripts.endCard.say.hk, 'zh-HK').join('')).toMatch(/18222[\s\S]*999/);
  });
});
