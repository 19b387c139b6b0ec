import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ContentItem } from '../../src/core/model/content';
import { checkItem, policyConfig } from '../../src/core/policy/content-policy';
import { loadPlaylist } from '../../src/node/content-pack';
import { EN, ZH_CN, ZH_TW } from '../helpers/ordinary-sentences';
import { gamblingPitchVariant, HAND_WRITTEN, seeded, splitVariant, spokenPhoneVariant } from '../helpers/policy-classes';
import type { Rng } from '../helpers/policy-variants';

// Every region's hotlines are allowed, as on a deployment that serves all three.
const policy = policyConfig({ blockedTerms: [], allowedPhones: ['165', '18222', '999', '0571-12345678'], allowedLinkHosts: ['*.gov.hk', '*.gov.tw', '*.gov.cn'] });
const slogan = (text: string): ContentItem => ({ kind: 'slogan', id: 'class', locale: 'zh-CN', text });
const PER_CLASS = 2000;

const reasonFor = (text: string): string | undefined => {
  const r = checkItem(slogan(text), policy);
  return r.ok ? undefined : r.error;
};

describe('policy classes: numbers in words, gambling pitches, split text', () => {
  it.each(Object.entries(HAND_WRITTEN))('refuses every hand-written %s example, naming why', (_, texts) => {
    expect(texts.length).toBeGreaterThanOrEqual(5);
    const passed = texts.filter((t) => reasonFor(t) === undefined);
    expect(passed).toEqual([]);
  });

  it('names the class in the reason', () => {
    expect(reasonFor('yao san ba ling ling yao san ba ling ling ling')).toMatch(/written in words \(read as "13800138000"\)/);
    expect(reasonFor('每日返水1.5%，首存即送')).toMatch(/gambling or rebate pitch \(gambling rebate\)/);
    expect(reasonFor('w w w . b a d s i t e . c o m')).toMatch(/www\.badsite\.com/);
  });

  it.each([
    ['numbers in words', 21, spokenPhoneVariant],
    ['gambling and rebate pitches', 22, gamblingPitchVariant],
    ['split text', 23, splitVariant],
  ] as const)('refuses every seeded variant of %s', (name, seed, make: (rng: Rng) => { text: string }) => {
    const rng = seeded(seed);
    const missed: string[] = [];
    for (let i = 0; i < PER_CLASS; i++) {
      const { text } = make(rng);
      if (reasonFor(text) === undefined) missed.push(text);
    }
    console.log(`policy classes: ${name}: ${PER_CLASS - missed.length}/${PER_CLASS} refused`);
    expect(missed.slice(0, 10)).toEqual([]);
  });

  it('keeps every ordinary sentence and every shipped item', async () => {
    const items: ContentItem[] = [...ZH_CN, ...ZH_TW, ...EN].map(slogan);
    const lists = (await readdir('playlists')).filter((f) => f.endsWith('.playlist.json'));
    for (const file of lists) {
      const loaded = await loadPlaylist(`playlists/${file}`);
      if (!loaded.ok) throw new Error(loaded.error.join('\n'));
      items.push(...loaded.value.items);
    }
    const refused = items.flatMap((item) => {
      const r = checkItem(item, policy);
      return r.ok ? [] : [`${item.id}: ${r.error}`];
    });
    console.log(`policy classes: good text: ${items.length - refused.length}/${items.length} shown`);
    expect(refused).toEqual([]);
  });
});
