/**
 * An official list as draft slides: the domains defanged (example[.]com), so no screen,
 * phone or reader turns them into a link, with the list's date and source on every page.
 * Policy lets defanged hosts through on slides tagged OFFICIAL_LIST_TAG only.
 */
import type { Locale, NoticeItem } from '../model/content';
import type { Region } from '../model/region';
import type { ListFormat, OfficialList } from './official-list';

export const OFFICIAL_LIST_TAG = 'official-list';
export const SITES_PER_PAGE = 10;

export const defang = (host: string): string => host.replace(/\./g, '[.]');

interface Wording {
  readonly title: string;
  readonly source: (date: string) => string;
  readonly locale: Locale;
  readonly regions?: readonly Region[];
}

const WORDING: Readonly<Record<ListFormat, Wording>> = {
  'tw-165-sites': { locale: 'zh-TW', regions: ['tw'], title: '本週 165 公告的假投資（博弈）網站', source: (d) => `資料來源：內政部警政署 165 全民防騙網（${d}）。看到這些網站，別投資、別匯款。` },
  'hkma-websites': { locale: 'zh-HK', regions: ['hk'], title: '金管局公布：偽冒銀行網站', source: (d) => `資料來源：香港金融管理局公開警示（${d}）。不要在這些網站輸入任何資料。` },
  'generic-csv': { locale: 'zh-CN', title: '近期通报的诈骗网站', source: (d) => `资料日期：${d}。看到这些网站，不要登录、不要转账。` },
  'tw-165-scam-domains': {
    locale: 'zh-TW', regions: ['tw'], title: '165 公布：已停止解析的詐騙網站',
    source: (d) => `資料來源：內政部警政署 165 反詐騙諮詢專線，遭停止解析涉詐網站（${d}）。有人傳這些網址給你，就是詐騙。`,
  },
  'tw-165-line-ids': {
    locale: 'zh-TW', regions: ['tw'], title: '165 公布的詐騙 LINE ID',
    source: (d) => `資料來源：內政部警政署 165 反詐騙諮詢專線（${d}）。這些帳號找你投資、借錢、買賣，都別加好友、別匯款。`,
  },
};

export interface ListSlideOptions {
  /** The import's date (YYYY-MM-DD), used when the list itself gives none. */
  readonly today: string;
  readonly locale?: Locale;
  readonly source?: string;
}

/** One draft notice per page of SITES_PER_PAGE sites; an empty list gives none. */
export function listSlides(list: OfficialList, options: ListSlideOptions): NoticeItem[] {
  const wording = WORDING[list.format];
  const date = list.date ?? options.today;
  const pages = Math.ceil(list.sites.length / SITES_PER_PAGE);
  return Array.from({ length: pages }, (_, p) => {
    const sites = list.sites.slice(p * SITES_PER_PAGE, (p + 1) * SITES_PER_PAGE);
    const lines = sites.map((s, i) => {
      const idn = s.shown !== s.host ? `（${defang(s.shown)}）` : '';
      // Site names are left out: they are the scammers' own words (娛樂城 brands and the like).
      return `${p * SITES_PER_PAGE + i + 1}. ${defang(s.host)}${idn}`;
    });
    const page = pages > 1 ? `（${p + 1}/${pages}）` : '';
    return {
      kind: 'notice',
      id: `list-${list.format}-${date}-${p + 1}`,
      locale: options.locale ?? wording.locale,
      variant: 'notice',
      tags: [OFFICIAL_LIST_TAG],
      ...(wording.regions ? { regions: [...wording.regions] } : {}),
      title: `${wording.title}${page}`.slice(0, 120),
      text: [...lines, options.source ?? wording.source(date)].join('\n').slice(0, 800),
    };
  });
}
