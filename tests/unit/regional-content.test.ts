import { describe, expect, it } from 'vitest';
import { forRegion } from '../../src/core/content/hotlines';
import type { CaseItem, ContentItem, Locale } from '../../src/core/model/content';
import type { Region } from '../../src/core/model/region';
import { Playlist } from '../../src/core/model/playlist';
import { compileLoop } from '../../src/core/schedule/loop';
import { caseSeconds, readingUnits } from '../../src/core/schedule/reading-time';
import { loadPlaylist } from '../../src/node/content-pack';

async function pack(): Promise<readonly ContentItem[]> {
  const loaded = await loadPlaylist('playlists/default.playlist.json');
  if (!loaded.ok) throw new Error(loaded.error.join('\n'));
  return loaded.value.items;
}

function viewerText(item: ContentItem): string {
  switch (item.kind) {
    case 'slogan':
    case 'alert':
      return item.text;
    case 'case':
      return [item.title, item.story, item.lesson, item.source].join('\n');
    case 'video':
      return item.title;
    case 'notice':
      return [item.title, item.text].join('\n');
  }
}

/**
 * What only another region's viewer would understand: its currency, hotlines, apps and
 * institutions. An English line on a screen may name none of another region's.
 */
const ONLY_IN: Readonly<Record<Region, RegExp>> = {
  // Case-sensitive: "Yuan" is also a surname.
  cn: /\byuan\b|\bRMB\b|\bCNY\b|CN¥|¥|\bQQ\b|WeChat|Alipay|96110|12381|Anti-Fraud Cent(?:er|re)|[Mm]ainland|\bChina\b|\bETC\b|[Pp]ublic [Ss]ecurity|[Cc]ivil [Aa]ffairs/,
  tw: /NT\$|\bTWD\b|\b165\b|Financial Supervisory Commission|\bFSC\b|Money Laundering Control Act|\bLINE\b|Taiwan/,
  hk: /HK\$|\bHKD\b|18222|\b999\b|Scameter|Theft Ordinance|\bFPS\b|\bHKMA\b|Hong Kong/,
};

describe('English per region', () => {
  it.each(['cn', 'tw', 'hk'] as const)('an English item on a %s screen names no other region’s money, hotline or institution', async (region) => {
    const shown = forRegion(await pack(), region).filter((i) => i.locale === 'en');
    const others = (Object.keys(ONLY_IN) as Region[]).filter((r) => r !== region);
    const wrong = shown.flatMap((item) =>
      others.flatMap((r) => {
        const hit = ONLY_IN[r].exec(viewerText(item));
        return hit ? [`${item.id}: "${hit[0]}" (${r})`] : [];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it('shows every amount with its currency sign or code, never a bare "$"', async () => {
    const bare = (await pack()).filter((i) => /(?<![A-Z])\$\d/.test(viewerText(i))).map((i) => i.id);
    expect(bare).toEqual([]);
  });
});

const CJK_LIMIT = 80;
const WORD_LIMIT = 40;
const fits = (c: CaseItem): boolean =>
  c.locale === 'en' ? c.story.split(/\s+/).filter(Boolean).length <= WORD_LIMIT : Array.from(c.story).length <= CJK_LIMIT;

describe('cases a passer-by can read', () => {
  it.each(['zh-CN', 'zh-TW', 'en'] as const)('%s: at least 90 percent of stories fit 80 characters or 40 words', async (locale: Locale) => {
    const cases = (await pack()).filter((i): i is CaseItem => i.kind === 'case' && i.locale === locale);
    expect(cases.length).toBeGreaterThanOrEqual(36);
    const long = cases.filter((c) => !fits(c)).map((c) => c.id);
    expect(long.length / cases.length).toBeLessThanOrEqual(0.1);
  });

  it('counts a Han character as one unit and an English word as two', () => {
    expect(readingUnits('刘阿姨收到短信')).toBe(7);
    expect(readingUnits('Mrs Liu got a text')).toBe(10);
  });

  const story = (text: string): CaseItem => ({
    kind: 'case', id: 'c', locale: 'zh-CN', title: '标题', fraudType: 'atm-trick', story: text, amountLost: 1, currency: 'CNY', lesson: '教训', source: '改编',
  });

  it('gives a longer case more seconds, and a slower group pace more again', () => {
    const short = story('短'.repeat(20));
    const long = story('长'.repeat(150));
    expect(caseSeconds(short, 20, 6)).toBe(20);
    expect(caseSeconds(long, 20, 6)).toBe(Math.ceil(154 / 6 + 2));
    expect(caseSeconds(long, 20, 3)).toBeGreaterThan(caseSeconds(long, 20, 6));
  });

  it('the stage loop shows the case for the seconds its text needs at the group’s pace', () => {
    const long = story('长'.repeat(150));
    const playlist = (charsPerSecond: number) =>
      Playlist.parse({ name: 'p', pack: ['x'], ticker: { charsPerSecond }, stage: [{ type: 'case-of-the-day', seconds: 20 }] });
    const seconds = (pace: number) => {
      const [step] = compileLoop({ items: [long], playlist: playlist(pace), locale: 'zh-CN', date: '2026-12-04', pass: 0 });
      return step?.type === 'case' ? step.seconds : undefined;
    };
    expect(seconds(6)).toBe(28);
    expect(seconds(3)).toBe(54);
  });
});
