import { describe, expect, it } from 'vitest';
import { fastRawItem, RawItem, toRawItems } from '../../src/core/feed/raw-item';

/** The written-out check gives the schema's output, or steps aside; it never accepts what the schema refuses. */
const sha = 'AB'.repeat(32);
const base = { key: 'k1', title: 't', text: 'body', categories: ['slogan'], media: [], published: 'Fri, 28 Feb 2025 23:12:00 GMT' };
const cases: Record<string, unknown> = {
  plain: base,
  'every field': { ...base, kind: 'case', level: 'warning', starts: 's', expires: 'e', lesson: 'l', amount: '100', fraudType: 'x', qr: 'q', locale: 'zh-CN', regions: 'tw hk', media: [{ url: 'https://a/b.mp4', type: 'video/mp4', sha256: sha, bytes: 10 }] },
  'numeric amount': { ...base, amount: 12.5 },
  'amount not finite': { ...base, amount: Number.NaN },
  'undefined fields': { ...base, kind: undefined, media: undefined, categories: undefined },
  'long title is capped': { ...base, title: 'x'.repeat(5000) },
  'cap falls in a surrogate pair': { ...base, title: `${'x'.repeat(1999)}😀😀` },
  'empty key': { ...base, key: '' },
  'key too long': { ...base, key: 'k'.repeat(2049) },
  'key at its limit': { ...base, key: 'k'.repeat(2048) },
  '51 categories': { ...base, categories: Array.from({ length: 51 }, (_, i) => `c${i}`) },
  'category too long': { ...base, categories: ['c'.repeat(201)] },
  'bad hash': { ...base, media: [{ url: 'https://a', sha256: 'zz' }] },
  'negative size': { ...base, media: [{ url: 'https://a', bytes: -1 }] },
  'media without url': { ...base, media: [{ type: 'video/mp4' }] },
  '21 media': { ...base, media: Array.from({ length: 21 }, () => ({ url: 'https://a' })) },
  'unknown key': { ...base, colour: 'red' },
  'title a number': { ...base, title: 5 },
  'level too long': { ...base, level: 'l'.repeat(21) },
  'not an object': 'item',
  null: null,
};

describe('fastRawItem agrees with the RawItem schema', () => {
  for (const [name, candidate] of Object.entries(cases)) {
    it(name, () => {
      const fast = fastRawItem(candidate);
      const schema = RawItem.safeParse(candidate);
      if (fast !== undefined) expect(schema.success && JSON.parse(JSON.stringify(schema.data))).toEqual(JSON.parse(JSON.stringify(fast)));
      expect(toRawItems([candidate])).toEqual(
        schema.success ? { items: [fast ?? schema.data], rejected: [] } : { items: [], rejected: [expect.objectContaining({ key: 'item 1' })] },
      );
    });
  }

  it('reads the plain cases itself', () => {
    for (const name of ['plain', 'every field', 'numeric amount', 'long title is capped', 'cap falls in a surrogate pair', 'key at its limit']) {
      expect(fastRawItem(cases[name]), name).toBeDefined();
    }
  });
});
