import type { Locale } from '../model/content';

const TRADITIONAL_ONLY = /[這個們來說國時會對電網詐騙與為於發經過問還進開關見點體學後實當將錢銀轉帳號碼務處讓認識應該護]/g;
const SIMPLIFIED_ONLY = /[这个们来说国时会对电网诈骗与为于发经过问还进开关见点体学后实当将钱银转帐号码务处让认识应该护]/g;

function fromTag(tag: string | undefined): Locale | undefined {
  const t = tag?.trim().toLowerCase();
  if (!t) return undefined;
  if (/^zh[-_](hk|mo|hant[-_](hk|mo))/.test(t)) return 'zh-HK';
  if (/^zh[-_](tw|hant)/.test(t)) return 'zh-TW';
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('en')) return 'en';
  return undefined;
}

/** The item's own language tag, else the feed's, else a guess from the script of its text. */
export function localeOf(itemTag: string | undefined, feedTag: string | undefined, text: string): Locale {
  const tagged = fromTag(itemTag) ?? fromTag(feedTag);
  if (tagged) return tagged;
  if (!/[\u3400-\u9fff]/.test(text)) return 'en';
  const traditional = text.match(TRADITIONAL_ONLY)?.length ?? 0;
  const simplified = text.match(SIMPLIFIED_ONLY)?.length ?? 0;
  return traditional > simplified ? 'zh-TW' : 'zh-CN';
}
