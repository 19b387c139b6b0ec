import type { Locale } from '../../core/model/content';
import { en } from './en';
import { zhCN, type Strings } from './zh-CN';
import { zhTW } from './zh-TW';

export type { Strings };
export type StringKey = keyof Strings;

// The console's operators read Traditional Chinese alike; Hong Kong wording matters on screens, not here.
const TABLES: Readonly<Record<Locale, Strings>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, 'zh-HK': zhTW, en };

/** The language names as each language writes its own. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', 'zh-HK': '繁體中文（香港）', en: 'English' };

export const strings = (locale: Locale): Strings => TABLES[locale];

/** Fills `{name}` placeholders; a missing value leaves the placeholder visible rather than blank. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
