import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedKind } from '../../src/core/model/feed-config';
import { policyConfig } from '../../src/core/policy/content-policy';
import { processFeedBytes } from '../../src/node/feed/pipeline';
import { outcomeDigests } from '../helpers/corpus-outcomes';
import { CORPUS } from '../helpers/corpus';

/**
 * What the pipeline makes of each corpus file, as recorded before the feed path was made
 * faster (fixtures/feed-corpus-outcomes.json, written by the code of commit 135878a): the
 * same items, quarantine reasons and refusals, file by file, for each default kind. A
 * change that alters an outcome on purpose records the digests again and says why.
 */
const recorded = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/feed-corpus-outcomes.json'), 'utf8')) as Record<FeedKind, Record<string, string>>;
const now = new Date('2025-03-01T00:00:00Z');
const map = {
  sourceUrl: 'https://feed.example.org/rss', sourceTags: [], maxAgeDays: 36500, maxItems: 100_000,
  policy: policyConfig({ blockedTerms: [], allowedPhones: [], allowedLinkHosts: [] }), now,
};
const noSig = { publicKey: undefined, detachedSignature: async () => ({ ok: false as const, error: 'none' }), lastVersion: undefined };

describe('feed corpus outcomes are unchanged', () => {
  for (const kind of ['slogan', 'case', 'notice', 'video', 'alert'] as const) {
    it(`every file, default kind ${kind}`, async () => {
      const digests = await outcomeDigests(CORPUS, async (bytes) => {
        const r = await processFeedBytes(bytes, undefined, noSig, { ...map, defaultKind: kind });
        return r.ok ? { feed: r.value.feed, mapped: r.value.mapped, charset: r.value.charset } : r;
      });
      expect(Object.keys(digests).length).toBeGreaterThan(150);
      expect(digests).toEqual(recorded[kind]);
    });
  }
});
