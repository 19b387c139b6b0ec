import type { Locale } from './model/content';
import { Playlist } from './model/playlist';

const CAMPAIGN_NAMES: Readonly<Record<Locale, string>> = {
  'zh-CN': '反电信网络诈骗宣传',
  'zh-TW': '防詐騙宣導',
  'zh-HK': '防騙宣傳',
  en: 'Stop telecom and online fraud',
};

/** The header's name when the config gives no organisation, in the screen's language. */
export const campaignName = (locale: Locale): string => CAMPAIGN_NAMES[locale];

/**
 * The playlist used when the configured one cannot be read: no pack, so the renderer
 * shows its built-in fallback slide and ticker. The screen is never dark.
 */
export const FALLBACK_PLAYLIST: Playlist = Playlist.parse({
  name: 'Built-in fallback',
  pack: ['(none)'],
  locales: ['zh-CN', 'en'],
  stage: [],
});
