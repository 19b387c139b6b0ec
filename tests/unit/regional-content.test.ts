import { describe, expect, it } from 'vitest';
import { forRegion } from '../../src/core/content/hotlines';
import type { CaseItem, ContentItem, Locale } from '../../src/core/model/content';
import type { Region } from '../../src/core/model/region';
import { Playlist } from '../../src/core/model/playlist';
import { compileLoop } from '../../src/core/schedule/loop';
import { caseSeconds, readingUnits } from '../../src/core/schedule/reading-time';
import { loadPlaylist } from '../../src/node/content-pack';
import { ONLY_IN } from '../helpers/region-markers';

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

/**
 * Words a Hong Kong reader would take for Taiwan's or the mainland's, each with the Hong
 * Kong word the zh-HK pack uses instead, and the other regions' hotlines.
 */
const NOT_HONG_KONG: readonly (readonly [RegExp, string])[] = [
  [/簡訊/, '短訊'], [/網路/, '網上/網絡'], [/帳戶/, '戶口'], [/線上/, '網上'], [/臉書/, 'Facebook'], [/軟體/, '軟件'],
  [/金管會/, '金管局/證監會'], [/洗錢防制法/, '洗黑錢'], [/檢察官/, '執法機關'], [/健保/, '醫療'], [/超商/, '便利店'],
  [/派出所/, '警署'], [/人頭帳戶|警示帳戶/, '傀儡戶口'], [/新台幣|NT\$/, '港幣'], [/\b165\b|(?<!\d)165(?!\d)/, '18222'],
  [/短信/, '短訊'], [/96110/, '18222'], [/(?<!\d)110(?!\d)/, '999'], [/公[检檢]法/, '執法機關'], [/[国國]家反[诈詐]/, '防騙視伏器'],
  [/民警/, '警務人員'], [/帮信|幫信/, '洗黑錢'], [/網貸|网贷/, '網上借貸'], [/信息/, '資料/訊息'], [/視頻|视频/, '影片/視像'],
  [/激活/, '啟用'], [/人民幣|人民币/, '港幣'], [/微信/, 'WhatsApp'], [/支付寶|支付宝/, '轉數快'],
];

describe('zh-HK is Hong Kong written Chinese', () => {
  const hk = async () => (await pack()).filter((i) => i.locale === 'zh-HK');

  it('uses no Taiwan-only or mainland-only term, and never 165 or 96110', async () => {
    const hits = (await hk()).flatMap((item) =>
      NOT_HONG_KONG.flatMap(([term, instead]) => (term.test(viewerText(item)) ? [`${item.id}: ${String(term)} (say ${instead})`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it('has 36+ cases over 20+ types, help, rule and quiz slides, all for Hong Kong screens', async () => {
    const items = await hk();
    const cases = items.filter((i): i is CaseItem => i.kind === 'case');
    expect(cases.length).toBeGreaterThanOrEqual(36);
    expect(new Set(cases.map((c) => c.fraudType)).size).toBeGreaterThanOrEqual(20);
    expect(cases.every((c) => c.currency === 'HKD')).toBe(true);
    const notices = items.filter((i) => i.kind === 'notice');
    expect(notices.filter((n) => n.kind === 'notice' && n.variant === 'help').length).toBeGreaterThanOrEqual(1);
    expect(notices.filter((n) => n.id.startsWith('rules-')).length).toBe(3);
    expect(notices.filter((n) => n.kind === 'notice' && n.variant === 'quiz').length).toBeGreaterThanOrEqual(3);
    expect(items.every((i) => i.kind !== 'alert' && i.regions?.length === 1 && i.regions[0] === 'hk')).toBe(true);
  });

  it('speaks Hong Kong’s words: 短訊, 網上, 戶口, HK dollars, 轉數快, 防騙視伏器, 18222, 999, # senders, the law', async () => {
    const all = (await hk()).map(viewerText).join('\n');
    for (const word of ['短訊', '網上', '戶口', '港幣', '轉數快', '防騙視伏器', '18222', '999', '「#」', '洗黑錢', '盜竊罪條例']) expect(all, word).toContain(word);
  });

  it('names Hong Kong sources (the police ADCC, HKMA) on every case', async () => {
    const sources = (await hk()).flatMap((i) => (i.kind === 'case' ? [i.source] : []));
    expect(sources.every((s) => /香港警|金管局/.test(s))).toBe(true);
    expect(sources.some((s) => s.includes('反詐騙協調中心'))).toBe(true);
    expect(sources.some((s) => s.includes('金管局'))).toBe(true);
  });

  it('the zh-HK stories fit a passer-by too', async () => {
    const cases = (await hk()).filter((i): i is CaseItem => i.kind === 'case');
    expect(cases.filter((c) => !fits(c)).length / cases.length).toBeLessThanOrEqual(0.1);
  });
});
