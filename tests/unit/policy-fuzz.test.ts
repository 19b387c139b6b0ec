import { describe, expect, it } from 'vitest';
import { checkItem, policyConfig } from '../../src/core/policy/content-policy';
import type { ContentItem } from '../../src/core/model/content';
import { loadPlaylist } from '../../src/node/content-pack';
import { chatIdVariant, domainVariant, phoneVariant, seeded, termVariant, type Rng } from '../helpers/policy-variants';
import { EN, ZH_CN, ZH_TW } from '../helpers/ordinary-sentences';

// The allowlists a deployment configures: region hotlines (Taiwan 165, Hong Kong 18222 and 999) and its own line.
const policy = policyConfig({
  blockedTerms: [],
  allowedPhones: ['165', '18222', '999', '0571-12345678'],
  allowedLinkHosts: ['*.gov.cn', 'police.example.org'],
});
const slogan = (text: string): ContentItem => ({ kind: 'slogan', id: 'fuzz', locale: 'zh-CN', text });
const PER_FAMILY = 3000;

function quarantineRate(name: string, seed: number, make: (rng: Rng) => { text: string }) {
  const rng = seeded(seed);
  const missed: string[] = [];
  for (let i = 0; i < PER_FAMILY; i++) {
    const { text } = make(rng);
    if (checkItem(slogan(text), policy).ok) missed.push(text);
  }
  const rate = (100 * (PER_FAMILY - missed.length)) / PER_FAMILY;
  console.log(`policy fuzz: ${name}: ${PER_FAMILY - missed.length}/${PER_FAMILY} quarantined (${rate.toFixed(2)}%)`);
  return missed;
}

describe('content policy fuzz (seeded)', () => {
  it.each([
    ['phone numbers', 8, phoneVariant],
    ['domains, IPs, shorteners, look-alikes', 9, domainVariant],
    ['blocked terms', 10, termVariant],
    ['QQ and WeChat ids', 11, chatIdVariant],
  ] as const)('quarantines every generated variant of %s', (name, seed, make) => {
    const missed = quarantineRate(name, seed, make);
    expect(missed.slice(0, 20)).toEqual([]);
  });

  it('shows every ordinary anti-fraud sentence with numbers, and the whole default pack', async () => {
    const loaded = await loadPlaylist('playlists/default.playlist.json');
    if (!loaded.ok) throw new Error(loaded.error.join('\n'));
    const sentences = [...ZH_CN, ...ZH_TW, ...EN].map(slogan);
    const corpus = [...sentences, ...loaded.value.items];
    expect(sentences.length).toBeGreaterThanOrEqual(200);
    const blocked = corpus.flatMap((item) => {
      const r = checkItem(item, policy);
      return r.ok ? [] : [`${item.id}: ${r.error}`];
    });
    const shown = corpus.length - blocked.length;
    console.log(`policy fuzz: ordinary text: ${shown}/${corpus.length} shown (${((100 * shown) / corpus.length).toFixed(2)}%)`);
    expect(blocked).toEqual([]);
  });
});
