import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DeviceConfig } from '../../src/core/model/config';
import { ContentItem } from '../../src/core/model/content';
import { FeedSettings, FeedSource } from '../../src/core/model/feed-config';
import { formatIssues } from '../../src/core/model/issues';
import { Playlist, Ticker } from '../../src/core/model/playlist';
import { closestKey, levenshtein } from '../../src/core/model/strict';

/** Every object of the file formats, with a valid example to plant a typo in. */
const FORMATS: [string, z.ZodObject, Record<string, unknown>][] = [
  ['config', DeviceConfig, {}],
  ['feeds', FeedSettings, {}],
  ['feed source', FeedSource, { url: 'https://example.org/rss' }],
  ['playlist', Playlist, { name: 'x', pack: ['a.json'] }],
  ['ticker', Ticker, {}],
  ...ContentItem.options.map((o): [string, z.ZodObject, Record<string, unknown>] => [`${o.shape.kind.value} item`, o, {}]),
];

/** The typos people make: a case slip, a dropped letter, two letters swapped. */
function typos(key: string): string[] {
  const out = [key.toUpperCase(), key.slice(0, -1), key.slice(1)];
  if (key.length > 3) out.push(key.slice(0, 1) + key[2] + key[1] + key.slice(3));
  return out.filter((t) => t !== key && t.length >= 3);
}

describe('a typo in any key of any format names the key that was meant', () => {
  for (const [name, schema, example] of FORMATS) {
    it(name, () => {
      const keys = Object.keys(schema.shape).filter((k) => k !== '$schema');
      for (const key of keys.filter((k) => k.length >= 4)) {
        for (const typo of typos(key).filter((t) => !keys.includes(t))) {
          const result = schema.safeParse({ ...example, [typo]: 1 });
          expect(result.success, `${name}: ${typo}`).toBe(false);
          const lines = result.success ? [] : formatIssues('f.json', result.error);
          const guess = closestKey(typo, keys);
          expect(lines, `${name}: ${typo}`).toContain(`f.json: ${typo}: unknown key; did you mean "${guess}"?`);
          // Unless another key is just as near, the guess is the key the typo came from.
          const unique = typo === key.toUpperCase() || keys.filter((k) => levenshtein(typo, k) <= levenshtein(typo, key)).length === 1;
          if (unique) expect(guess, `${name}: ${typo}`).toBe(key);
        }
      }
    });
  }

  it('guesses nothing for a word that is no near miss', () => {
    expect(closestKey('colourScheme', Object.keys(DeviceConfig.shape))).toBeUndefined();
    expect(closestKey('loop', Object.keys(DeviceConfig.shape))).toBeUndefined();
  });
});
