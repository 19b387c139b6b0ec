import { describe, expect, it } from 'vitest';
import { caseOutcome } from '../../src/core/content/case-outcome';
import { forRegion } from '../../src/core/content/hotlines';
import { FraudType, type ContentItem } from '../../src/core/model/content';
import { loadPlaylist } from '../../src/node/content-pack';
import { visibleText } from '../../src/core/policy/content-policy';
import { fraudTypeLabel } from '../../src/core/content/fraud-type-labels';
import { uiStrings } from '../../src/renderer/strings';

/** What the public reads of an item, field by field: the policy's own list. */
const viewerText = visibleText;

async function pack(playlist = 'playlists/default.playlist.json'): Promise<readonly ContentItem[]> {
  const loaded = await loadPlaylist(playlist);
  if (!loaded.ok) throw new Error(loaded.error.join('\n'));
  expect(loaded.value.warnings).toEqual([]);
  return loaded.value.items;
}

/** Latin words a Chinese line may carry: brand and product names viewers know by them. */
const BRANDS = new Set(['ATM', 'App', 'APP', 'QQ', 'Q', 'ETC', 'AI', 'LINE', 'QR', 'Code', 'PIN', 'WhatsApp']);

/**
 * Mainland-only words and usages a Taiwanese reader would stumble on. Each pairs with the
 * Taiwan term the pack uses instead (in brackets).
 */
const MAINLAND_TERMS = [
  '鏈接', // 連結
  '短信', // 簡訊
  '賬', // 帳
  '屏幕', // 螢幕
  '平臺', // 平台
  '視頻', // 影片/視訊
  '網絡', // 網路
  '軟件', // 軟體
  '微信', // LINE
  '支付寶', // 街口、轉帳
  '公檢法', // 檢警
  '信息', // 訊息/資料 (as "message")
  '激活', // 開通
  '質量', // 品質
  '默認', // 預設
  '卸載', // 移除
  '二維碼', // QR Code
  '手機號', // 手機號碼/門號
  '高考', // 大學入學考試
  '民警', // 警察
  '轉發', // 分享
  '國家反詐中心', // 165
  '96110',
];

describe('viewer-facing text of the default pack', () => {
  it('has no internal notes: no seed, plan or Illustrative, no English inside Chinese items beyond brand names', async () => {
    const problems: string[] = [];
    for (const item of await pack()) {
      for (const text of viewerText(item)) {
        if (/seed|plan \d|illustrative|TODO|\bsummary\b/i.test(text)) problems.push(`${item.id}: note "${text}"`);
        if (item.locale?.startsWith('zh')) {
          const words = text.match(/[A-Za-z]+/g) ?? [];
          const foreign = words.filter((w) => !BRANDS.has(w));
          if (foreign.length > 0) problems.push(`${item.id}: English ${foreign.join(',')}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('never shows a zero loss, gives no invented dates, and a source line in the item’s language', async () => {
    const cases = (await pack()).filter((i) => i.kind === 'case');
    for (const c of cases) {
      const outcome = caseOutcome(c);
      expect(outcome.kind === 'lost' && outcome.amount === 0, c.id).toBe(false);
      expect(c.date, c.id).toBeUndefined();
      expect(c.source, c.id).toMatch(c.locale === 'en' ? /^Adapted from/ : /改[编編寫]/);
    }
    // The 帮信 case states the legal consequence in every locale.
    const renting = cases.filter((c) => c.fraudType === 'renting-accounts-cards');
    expect(renting.length).toBeGreaterThanOrEqual(3);
    for (const c of renting) expect(c.story + c.lesson, c.id).toMatch(/帮信罪|判|prison|sentenced/);
  });

  it('has at least 60 slogans, 36 cases over 26+ types, rules and a quiz per locale; English lines fit a ticker', async () => {
    const items = await pack();
    const locales = [new Set<string>()];
    for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
      const mine = items.filter((i) => i.locale === locale);
      expect(mine.filter((i) => i.kind === 'slogan').length, locale).toBeGreaterThanOrEqual(60);
      const cases = mine.filter((i) => i.kind === 'case');
      expect(cases.length, locale).toBeGreaterThanOrEqual(36);
      const types = new Set(cases.map((c) => c.fraudType));
      expect(types.size, locale).toBeGreaterThanOrEqual(26);
      // Some types belong to one region (the 12381 texts, Taiwan's fake buyer); together the locales cover all.
      locales.forEach((t) => types.forEach((ty) => t.add(ty)));
      expect(mine.filter((i) => i.kind === 'notice' && i.variant === 'quiz').length, locale).toBeGreaterThanOrEqual(3);
      expect(mine.filter((i) => i.kind === 'notice' && i.id.startsWith('rules-')).length, locale).toBe(3);
      const core = mine.filter((i) => i.kind === 'slogan' && i.tags?.includes('core'));
      expect(core.length, locale).toBeGreaterThanOrEqual(25);
      expect(core.length, locale).toBeLessThanOrEqual(40);
    }
    expect([...FraudType.options].filter((t) => !locales[0]?.has(t))).toEqual([]);
    const longEnglish = items.filter((i) => i.kind === 'slogan' && i.locale === 'en' && i.text.length > 70);
    expect(longEnglish.map((i) => (i.kind === 'slogan' ? i.text : ''))).toEqual([]);
    const whoever = items.filter((i) => i.locale === 'en' && viewerText(i).some((t) => /Whoever|: it's fraud/.test(t)));
    expect(whoever.map((i) => i.id)).toEqual([]);
  });

  it('keeps the two relabelled cases: c21 is impersonation, c11 illegal fundraising', async () => {
    const items = await pack();
    const type = (id: string) => items.find((i) => i.id === id && i.kind === 'case');
    expect(type('case-21-zh-cn')).toMatchObject({ fraudType: 'stolen-student-data' });
    expect(type('case-11-zh-cn')).toMatchObject({ fraudType: 'illegal-fundraising' });
  });
});

describe('zh-TW is written for Taiwan', () => {
  it('uses none of the mainland-only terms', async () => {
    const hits: string[] = [];
    for (const item of (await pack()).filter((i) => i.locale === 'zh-TW')) {
      for (const text of viewerText(item)) for (const term of MAINLAND_TERMS) if (text.includes(term)) hits.push(`${item.id}: ${term}`);
    }
    expect(hits).toEqual([]);
  });

  it('the player’s own zh-TW labels use none of them either', () => {
    const own = [...Object.values(uiStrings('zh-TW')), ...FraudType.options.map((t) => fraudTypeLabel('zh-TW', t))].join('\n');
    expect(MAINLAND_TERMS.filter((t) => own.includes(t))).toEqual([]);
  });

  it('uses Taiwan vocabulary where the pack talks about links, texts, accounts and chats', async () => {
    const all = (await pack()).filter((i) => i.locale === 'zh-TW').flatMap(viewerText).join('\n');
    for (const term of ['連結', '簡訊', '帳戶', '個資', '螢幕', 'LINE', '165']) expect(all, term).toContain(term);
  });
});

describe('regions', () => {
  const numbers = (items: readonly ContentItem[]) => items.flatMap(viewerText).join('\n');

  it('a tw or hk screen never tells viewers to call 96110 or use the mainland app', async () => {
    const items = await pack();
    for (const region of ['tw', 'hk'] as const) {
      const text = numbers(forRegion(items, region));
      expect(text, region).not.toMatch(/96110|国家反诈中心|國家反詐中心|Anti-Fraud Center app/);
    }
    expect(numbers(forRegion(items, 'hk'))).not.toMatch(/\b165\b/);
    expect(numbers(forRegion(items, 'tw'))).not.toMatch(/18222/);
    expect(numbers(forRegion(items, 'cn'))).not.toMatch(/\b165\b|18222/);
  });

  it('each region has a help slide per locale with its own numbers and the bank stop-payment step', async () => {
    const items = await pack();
    const expected = { cn: /110[\s\S]*96110|96110[\s\S]*110/, tw: /165/, hk: /18222[\s\S]*999/ } as const;
    for (const region of ['cn', 'tw', 'hk'] as const) {
      const helps = forRegion(items, region).filter((i) => i.kind === 'notice' && i.variant === 'help');
      expect(new Set(helps.map((h) => h.locale)).size, region).toBeGreaterThanOrEqual(region === 'cn' ? 2 : 2);
      for (const h of helps) {
        if (h.kind !== 'notice') continue;
        expect(h.text, h.id).toMatch(expected[region]);
        expect(h.text, h.id).toMatch(/止付|stop the payment/);
        expect(h.qr, h.id).toBeUndefined(); // no generic homepage: the deployment's helpQr fills it
      }
    }
  });
});

describe('audience playlists', () => {
  it.each([
    ['bank', 'bank'],
    ['elderly-community', 'elderly'],
    ['school', 'school'],
  ])('%s playlist selects its audience and has cases for it', async (name, audience) => {
    const loaded = await loadPlaylist(`playlists/${name}.playlist.json`);
    if (!loaded.ok) throw new Error(loaded.error.join('\n'));
    expect(loaded.value.playlist.audiences).toContain(audience);
    const tagged = loaded.value.items.filter((i) => i.kind === 'case' && i.locale === 'zh-CN' && i.audiences?.includes(audience as never));
    expect(tagged.length).toBeGreaterThanOrEqual(4);
  });
});
