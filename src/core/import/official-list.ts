/**
 * Official scam lists (Taiwan's weekly 165 fake investment and gambling sites, the HKMA's
 * fraudulent bank websites, any CSV with a `domain` column) read into one checked list:
 * hosts validated, lower-cased, IDNs held both as punycode and as people read them,
 * `www.` kept, duplicates dropped. Pure: the caller reads the file and passes the bytes.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { decodeUtf8, formulaCell, parseCsv } from './csv';
import { hostToUnicode } from './punycode';

export const ListFormat = z.enum(['tw-165-sites', 'hkma-websites', 'generic-csv', 'tw-165-line-ids', 'tw-165-scam-domains']);
export type ListFormat = z.infer<typeof ListFormat>;

interface Layout {
  /** What the list names: web hosts, or LINE IDs (accounts on the LINE messenger). */
  readonly entry?: 'line-id';
  /** Dates are ROC year and month (民國年月), and only the newest month's rows are the list. */
  readonly monthly?: true;
  /** Header names per role; the first header row that has every required role is used. */
  readonly domain: readonly string[];
  readonly name: readonly string[];
  readonly date: readonly string[];
  readonly source: string;
}

/**
 * The official column layouts. 165 (data.gov.tw dataset 160055) has a Chinese header row and
 * an English one: 網站名稱/WEBSITE_NM, 網址/WEBURL, 件數/CNT, 統計起始日期/STA_SDATE,
 * 統計結束日期/STA_EDATE. The HKMA open API's records (issue_date, alleged_name, scam_type,
 * pr_url, fraud_website_address) come as a CSV with those column names. 165's scam LINE IDs
 * (data.gov.tw dataset 78432) have 帳號 (the ID) and 通報日期 (reported, YYYY/MM/DD). Its
 * stopped-resolution scam domains (遭停止解析涉詐網站, dataset 176455, tens of thousands of rows
 * over the months) have 民國年月, 網域, 網站性質, 法律依據, 聲請單位: the newest month is imported.
 */
const LAYOUTS: Readonly<Record<ListFormat, Layout>> = {
  'tw-165-sites': { domain: ['網址', 'WEBURL'], name: ['網站名稱', 'WEBSITE_NM'], date: ['統計結束日期', 'STA_EDATE'], source: '內政部警政署 165 全民防騙網' },
  'hkma-websites': { domain: ['fraud_website_address'], name: ['alleged_name'], date: ['issue_date'], source: 'HKMA' },
  'generic-csv': { domain: ['domain'], name: ['name'], date: ['reported'], source: '' },
  'tw-165-line-ids': { entry: 'line-id', domain: ['帳號'], name: [], date: ['通報日期'], source: '內政部警政署 165 反詐騙諮詢專線' },
  'tw-165-scam-domains': { monthly: true, domain: ['網域'], name: [], date: ['民國年月'], source: '內政部警政署 165 反詐騙諮詢專線' },
};

export interface ListedSite {
  /** Lower-case ASCII (punycode), the key duplicates are found by. */
  readonly host: string;
  /** As people read it (IDN decoded). */
  readonly shown: string;
  readonly name?: string;
  /** The row's date, as the list writes it normalised (YYYY-MM-DD, or YYYY-MM for monthly lists). */
  readonly date?: string;
}

export interface OfficialList {
  readonly format: ListFormat;
  readonly source: string;
  /** The newest date in the list (YYYY-MM-DD), or undefined when the file gives none. */
  readonly date: string | undefined;
  readonly sites: readonly ListedSite[];
  readonly skipped: number;
  readonly duplicates: number;
}

/** A host from a cell: scheme, path, port and defanging removed; undefined when it is no host. */
export function normaliseHost(cell: string): ListedSite['host'] | undefined {
  // "*." (a whole zone) and a stray leading "?" occur in the official files.
  const raw = cell.trim().replace(/^\?+|^\*\./g, '').replace(/\[\.\]|\(\.\)|\[dot\]/gi, '.').replace(/^hxxps?/i, 'http').replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const host = raw.split(/[/?#\s]/)[0]?.replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase() ?? '';
  if (host === '' || !host.includes('.') || host.length > 253) return undefined;
  let ascii: string;
  try {
    ascii = new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
  const labels = ascii.split('.');
  const tld = labels[labels.length - 1] ?? '';
  const labelOk = (l: string): boolean => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l);
  return labels.every(labelOk) && /^(?:[a-z]{2,63}|xn--[a-z0-9-]+)$/.test(tld) ? ascii : undefined;
}

/**
 * A LINE ID from a cell, lower-cased (LINE IDs are case-blind), `@` kept for official
 * accounts; undefined when it is no ID, or when it reads as a phone number (six digits in a
 * row): screens refuse unlisted numbers, so such an ID is counted as skipped, not shown.
 */
export function normaliseLineId(cell: string): string | undefined {
  const id = cell.normalize('NFKC').trim().replace(/^line\s*id\s*[:：]\s*/i, '').toLowerCase();
  return /^@?[a-z0-9._-]{2,40}$/.test(id) && !/\d{6}/.test(id) ? id : undefined;
}

function headerAt(rows: readonly (readonly string[])[], layout: Layout): { row: number; col: (names: readonly string[]) => number } | undefined {
  for (let r = 0; r < Math.min(rows.length, 3); r++) {
    const cells = (rows[r] ?? []).map((c) => c.trim().replace(/^\ufeff/, ''));
    const col = (names: readonly string[]): number => cells.findIndex((c) => names.some((n) => n.toLowerCase() === c.toLowerCase()));
    if (col(layout.domain) >= 0) return { row: r, col };
  }
  return undefined;
}

/** 民國年月 (a three-digit ROC year) as YYYY-MM: "11411", "114/11", "114-11" or "114年11月" (year + 1911). */
export function rocMonth(cell: string | undefined): string | undefined {
  const m = /^(\d{3})(?:[/.-]|年)?(\d{1,2})月?$/.exec(cell?.trim() ?? '');
  const month = Number(m?.[2]);
  return m && month >= 1 && month <= 12 ? `${Number(m[1]) + 1911}-${String(month).padStart(2, '0')}` : undefined;
}

const isoDate = (cell: string | undefined): string | undefined => {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(cell?.trim() ?? '');
  return m ? `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}` : undefined;
};

/** Reads an official list file; a bad file comes back as a message and nothing else. */
export function readOfficialList(bytes: Uint8Array, format: ListFormat): Result<OfficialList> {
  const text = decodeUtf8(bytes);
  if (!text.ok) return text;
  const rows = parseCsv(text.value);
  if (!rows.ok) return rows;
  const formula = formulaCell(rows.value, LAYOUTS[format].entry === 'line-id' ? /^@[A-Za-z0-9._-]{2,40}$/ : undefined);
  if (formula) return err(`${formula}: refusing the whole file`);
  const layout = LAYOUTS[format];
  const header = headerAt(rows.value, layout);
  if (!header) return err(`row 1: no "${layout.domain.join('" or "')}" column in the header (found: ${(rows.value[0] ?? []).slice(0, 8).join(', ') || 'nothing'})`);
  return ok(collect(rows.value.slice(header.row + 1), format, layout, header.col));
}

// Long because it is one pass over the rows that tracks four counts; split, it would pass them around.
function collect(rows: readonly (readonly string[])[], format: ListFormat, layout: Layout, col: (n: readonly string[]) => number): OfficialList {
  const [d, n, t] = [col(layout.domain), col(layout.name), col(layout.date)];
  const english = LAYOUTS[format].domain.slice(1);
  const sites = new Map<string, ListedSite>();
  let [skipped, duplicates] = [0, 0];
  let newest: string | undefined;
  for (const row of rows) {
    // 165's second header row (WEBSITE_NM, WEBURL, …) is not data.
    if (english.some((h) => row[d]?.trim() === h)) continue;
    const read = layout.entry === 'line-id' ? normaliseLineId : normaliseHost;
    const hosts = (row[d] ?? '').split(/[\s、,;]+/).flatMap((cell) => read(cell) ?? []);
    // A row with no readable host (the "-" placeholder, a typo) is counted, not imported.
    if (hosts.length === 0) skipped++;
    const date = (layout.monthly ? rocMonth : isoDate)(t >= 0 ? row[t] : undefined);
    if (date && (!newest || date > newest)) newest = date;
    for (const host of hosts) {
      if (sites.has(host)) duplicates++;
      else sites.set(host, { host, shown: layout.entry === 'line-id' ? host : hostToUnicode(host), ...(date ? { date } : {}), ...(n >= 0 && row[n]?.trim() ? { name: row[n].trim().slice(0, 60) } : {}) });
    }
  }
  // A monthly list keeps only its newest month: older months were on screens already.
  const kept = [...sites.values()].filter((s) => !layout.monthly || s.date === newest);
  return { format, source: layout.source, date: newest, sites: kept, skipped, duplicates };
}
