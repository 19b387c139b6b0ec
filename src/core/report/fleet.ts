import type { IntakeProblem } from '../fleet/plays';
import { aggregate, type ReportRange } from './aggregate';
import { escapeHtml as esc } from './escape';
import { card, formatDuration, section } from './html';
import { REPORT_CSS } from './html-style';
import { datesBetween, localDate } from '../time/local-time';
import type { PlayLogRecord, PlayRecord } from './record';
import { barChart, columnChart } from './svg-charts';
import { NO_LOOKUPS, playsBy, type DimensionRow, type FleetLookups } from './fleet-dimensions';

/** The row key for plays of items with no tag, and of screens in no group. */
export const UNTAGGED = '(无标签 untagged)';
export const UNGROUPED = '(未分组 no group)';

export interface FleetScreenRow {
  readonly screenId: string;
  readonly plays: number;
  readonly onAirMs: number;
  readonly daysWithPlays: number;
  readonly recoveries: number;
  readonly gaps: number;
  readonly problems: number;
}

export interface FleetReportData {
  readonly range: ReportRange;
  readonly screens: readonly FleetScreenRow[];
  readonly perDay: readonly { date: string; plays: number }[];
  readonly perItem: readonly { itemId: string; title: string; plays: number }[];
  readonly perTag: readonly DimensionRow[];
  readonly perGroup: readonly DimensionRow[];
  readonly problems: readonly IntakeProblem[];
  /** All records in range, oldest first: the CSV's rows. */
  readonly rows: readonly PlayLogRecord[];
}

const count = <K>(keys: Iterable<K>): Map<K, number> => {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};

/** One report over many screens: each screen's own totals (its own gaps), and totals across screens. */
export function aggregateFleet(
  byScreen: ReadonlyMap<string, readonly PlayLogRecord[]>,
  range: ReportRange,
  problems: readonly IntakeProblem[],
  lookups: FleetLookups = NO_LOOKUPS,
): FleetReportData {
  const screens: FleetScreenRow[] = [];
  const rows: PlayLogRecord[] = [];
  for (const [screenId, records] of [...byScreen.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const d = aggregate(records, range);
    rows.push(...d.rows);
    screens.push({ screenId, plays: d.totals.plays, onAirMs: d.totals.onAirMs, daysWithPlays: d.totals.daysWithPlays, recoveries: d.totals.recoveries, gaps: d.totals.gaps, problems: problems.filter((p) => p.screenId === screenId).length });
  }
  const plays = rows.filter((r): r is PlayRecord => r.type === 'play' && r.kind !== 'standby');
  const days = count(plays.map((p) => localDate(Date.parse(p.start), range.timeZone)));
  const titles = new Map(plays.map((p) => [p.itemId, p.title]));
  const items = [...count(plays.map((p) => p.itemId)).entries()].map(([itemId, n]) => ({ itemId, title: titles.get(itemId) ?? itemId, plays: n }));
  return {
    range,
    screens,
    perDay: datesBetween(range.from, range.to).map((date) => ({ date, plays: days.get(date) ?? 0 })),
    perItem: items.sort((a, b) => b.plays - a.plays || a.itemId.localeCompare(b.itemId)).slice(0, 20),
    perTag: playsBy(plays, (p) => lookups.tagsOf(p.itemId), UNTAGGED),
    perGroup: playsBy(plays, (p) => lookups.groupsOf(p.screenId), UNGROUPED),
    problems,
    rows: rows.sort((a, b) => (a.type === 'play' ? a.start : a.at).localeCompare(b.type === 'play' ? b.start : b.at)),
  };
}

function screenTable(d: FleetReportData): string {
  const rows = d.screens.map((s) => `<tr data-screen="${esc(s.screenId)}"><td>${esc(s.screenId)}</td><td class="num">${s.plays.toLocaleString('en-US')}</td><td class="num">${esc(formatDuration(s.onAirMs))}</td><td class="num">${s.daysWithPlays}</td><td class="num">${s.recoveries} / ${s.gaps}</td><td class="num">${s.problems}</td></tr>`);
  return `<table data-table="screens"><thead><tr><th>屏幕 Screen</th><th class="num">播放 Plays</th><th class="num">播出 On air</th><th class="num">天数 Days</th><th class="num">恢复/中断 Recoveries/gaps</th><th class="num">记录链问题 Chain problems</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Per tag or per group: what a campaign or a site got, in plays, time on air and screens. */
function dimensionTable(name: 'tags' | 'groups', rows: readonly DimensionRow[]): string {
  const head = name === 'tags' ? '标签 Tag' : '屏幕组 Group';
  const body = rows.map((r) => `<tr data-${name === 'tags' ? 'tag' : 'group'}="${esc(r.key)}"><td>${esc(r.key)}</td><td class="num">${r.plays.toLocaleString('en-US')}</td><td class="num">${esc(formatDuration(r.onAirMs))}</td><td class="num">${r.screens}</td></tr>`);
  return `<table data-table="${name}"><thead><tr><th>${head}</th><th class="num">播放 Plays</th><th class="num">播出 On air</th><th class="num">屏幕 Screens</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function problemTable(d: FleetReportData): string {
  if (d.problems.length === 0) return '<p class="empty" data-problems="none">所有屏幕的记录链完整 Every screen\'s chain is complete.</p>';
  const rows = d.problems.slice(0, 100).map((p) => `<tr><td>${esc(p.screenId)}</td><td>${esc(p.file)}</td><td class="num">${p.seq}</td><td>${esc(p.message)}</td></tr>`);
  return `<table data-table="problems"><thead><tr><th>屏幕 Screen</th><th>文件 File</th><th class="num">序号 Seq</th><th>问题 Problem</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A self-contained page, like the single-screen report: inline CSS and SVG, nothing fetched. */
export function renderFleetReportHtml(d: FleetReportData, meta: { generatedAt: string; organisation?: string }): string {
  const totalPlays = d.screens.reduce((s, r) => s + r.plays, 0);
  const totalMs = d.screens.reduce((s, r) => s + r.onAirMs, 0);
  const cards = [
    card('屏幕', 'Screens', String(d.screens.length), 'screens'),
    card('播放次数', 'Plays', totalPlays.toLocaleString('en-US'), 'plays'),
    card('播出时长', 'Hours on air', `${(totalMs / 3_600_000).toFixed(1)} h`, 'hours'),
    card('记录链问题', 'Chain problems', String(d.problems.length), 'problems'),
  ].join('');
  const bars = (xs: readonly { label: string; value: number }[]) => xs.map((x) => ({ ...x, hint: `${x.label}: ${x.value}` }));
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>全部屏幕播放证明报告 Fleet proof-of-play report ${esc(d.range.from)} – ${esc(d.range.to)}</title>
<style>${REPORT_CSS}</style></head><body><main>
<header>${meta.organisation ? `<p class="org">${esc(meta.organisation)}</p>` : ''}<h1>全部屏幕播放证明报告 <span>Fleet proof-of-play report</span></h1>
<p class="meta">报告期间 Period: <b data-field="period">${esc(d.range.from)} – ${esc(d.range.to)}</b> · 时区 Time zone: ${esc(d.range.timeZone)} · 生成于 Generated: ${esc(meta.generatedAt)}</p></header>
<section class="cards">${cards}</section>
${section('各屏幕', 'Per screen', barChart('plays-per-screen', 'Plays per screen', bars(d.screens.map((s) => ({ label: s.screenId, value: s.plays }))), '#2f6fdf') + screenTable(d))}
${section('每日播放次数（全部屏幕）', 'Plays per day, all screens', columnChart('fleet-plays-per-day', 'Plays per day', d.perDay.map((r) => ({ label: r.date.slice(8), value: r.plays, hint: `${r.date}: ${r.plays}` })), '#2e9e6b'))}
<div class="two">${section('播放最多的内容', 'Top items', barChart('top-items', 'Top items', d.perItem.map((i) => ({ label: i.title || i.itemId, value: i.plays, hint: `${i.itemId}: ${i.plays}` })), '#e07b24'))}${section('按宣传活动标签', 'By campaign tag', d.perTag.length ? barChart('per-tag', 'Plays by tag', bars(d.perTag.map((t) => ({ label: t.key, value: t.plays }))), '#7a5af5') + dimensionTable('tags', d.perTag) : '<p class="empty">无播放 No plays.</p>')}</div>
${section('按屏幕组', 'By screen group', d.perGroup.length ? barChart('per-group', 'Plays by group', bars(d.perGroup.map((g) => ({ label: g.key, value: g.plays }))), '#c2417a') + dimensionTable('groups', d.perGroup) : '<p class="empty">无播放 No plays.</p>')}
${section('记录链检查', 'Chain checks', problemTable(d))}
<footer>每块屏幕的记录在上传时逐条校验哈希链；缺失或被改动的记录列在上方。Each screen's records were checked link by link on upload; missing or edited records are listed above.</footer>
</main></body></html>
`;
}
