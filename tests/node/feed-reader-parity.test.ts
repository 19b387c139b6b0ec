import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapFeed } from '../../src/core/feed/map-items';
import { guardXml } from '../../src/core/feed/xml-guard';
import { policyConfig } from '../../src/core/policy/content-policy';
import { decodeFeed } from '../../src/node/feed/decode';
import { parseFeedBytes, readFeedFast, readFeedFull, type XmlReader } from '../../src/node/feed/parse-feed';
import { atomFeed, rssFeed } from '../../bench/lib/feeds';
import { CORPUS } from '../helpers/corpus';

/**
 * The fast XML reader must change nothing but speed: over every file of the shared corpus,
 * the pipeline with it and with xml2js alone gives the same items (ids, titles, texts,
 * media, dates), the same quarantine reasons and the same refusals.
 */
const now = new Date('2025-03-01T00:00:00Z');
const map = {
  sourceUrl: 'https://feed.example.org/rss', defaultKind: 'slogan' as const, sourceTags: [], maxAgeDays: 36500, maxItems: 100_000,
  policy: policyConfig({ blockedTerms: [], allowedPhones: [], allowedLinkHosts: [] }), now,
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
const corpus = files(CORPUS).filter((f) => !/(LICENSE|README\.md)$/.test(f));

async function outcome(bytes: Uint8Array, reader: XmlReader): Promise<unknown> {
  const parsed = await parseFeedBytes(bytes, undefined, reader);
  if (!parsed.ok) return parsed;
  const { items, rejected, ...head } = parsed.value.feed;
  return { head, items, rejected, mapped: mapFeed(parsed.value.feed, map) };
}

/** The text rss-parser is given in the pipeline: decoded, guarded. */
function guardedText(bytes: Uint8Array): string | undefined {
  const text = decodeFeed(bytes, undefined).text.replace(/^\uFEFF/, '');
  const guarded = guardXml(text);
  return guarded.ok && text.trimStart().startsWith('<') ? guarded.value : undefined;
}

describe('fast XML reader against xml2js (rss-parser)', () => {
  it('the corpus has its files', () => {
    expect(corpus.length).toBeGreaterThan(150);
  });

  it('every corpus file: the same outcome through the pipeline either way', async () => {
    for (const file of corpus) {
      const bytes = readFileSync(file);
      expect(await outcome(bytes, 'fast'), relative(CORPUS, file)).toEqual(await outcome(bytes, 'full'));
    }
  });

  it('where the fast reader reads a file, it gives exactly what rss-parser gives; most files are read fast', async () => {
    let fast = 0;
    let xml = 0;
    for (const file of corpus) {
      const text = guardedText(readFileSync(file));
      if (text === undefined) continue;
      xml++;
      const mine = readFeedFast(text);
      if (mine === undefined) continue;
      fast++;
      expect(JSON.parse(JSON.stringify(mine)), relative(CORPUS, file)).toEqual(JSON.parse(JSON.stringify(await readFeedFull(text))));
    }
    expect(fast).toBeGreaterThan(xml / 2);
  });

  it('reads the bench feeds (RSS 2.0, Atom 1.0) fast, with the same result', async () => {
    for (const text of [rssFeed(50, now), atomFeed(50, now)]) {
      const mine = readFeedFast(text);
      expect(mine).toBeDefined();
      expect(JSON.parse(JSON.stringify(mine))).toEqual(JSON.parse(JSON.stringify(await readFeedFull(text))));
    }
  });

  it('leaves to xml2js what it does not read: other entities, bad nesting, text outside the root, a second root', () => {
    const doc = (item: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${item}</channel></rss>`;
    expect(readFeedFast(doc('<item><title>ok &amp; &#x4e2d; &#20013;</title></item>'))).toBeDefined();
    for (const bad of [
      doc('<item><title>a&nbsp;b</title></item>'),
      doc('<item><title>a & b</title></item>'),
      doc('<item><title>a</item></title>'),
      doc('<item><title a=1>a</title></item>'),
      doc('<item><title>&#0;</title></item>'),
      `${doc('')}trailing`,
      `${doc('')}<rss/>`,
      doc('<item><title>unclosed</title>'),
    ]) {
      expect(readFeedFast(bad), bad).toBeUndefined();
    }
  });
});
