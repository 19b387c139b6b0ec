import { assertNever } from '../assert-never';
import type { PlayKind, ReportData } from './aggregate';
import { escapeHtml as esc } from './escape';
import { localTime } from '../time/local-time';
import { barChart, columnChart, timelineChart, type TimelineMark } from './svg-charts';
import { REPORT_CSS } from './html-style';

export type Integrity =
  | { readonly ok: true; readonly records: number }
  | { readonly ok: false; readonly message: string };

export interface ReportMeta {
  readonly generatedAt: string;
  readonly organisation?: string;
  readonly integrity: Integrity;
  /** The newest record in the log when the report was made: printed, it pins the log's history. */
  readonly head?: { readonly seq: number; readonly hash: string };
}

export function kindLabel(kind: PlayKind): string {
  switch (kind) {
    case 'slogan': return '标语 Slogans';
    case 'case': return '案例 Cases';
    case 'video': return '视频 Videos';
    case 'notice': return '通知 Notices';
    case 'alert': return '预警 Alerts';
    case 'fallback': return '备用画面 Fallback';
    case 'standby': return '待机 Standby';
    default: return assertNever(kind, 'play kind');
  }
}

const hours = (ms: number): number => Math.round(ms / 360_000) / 10;

/** "2 h 05 min" / "12 min" */
export function formatDuration(ms: number): string {
  const totalMin = Math.round(ms / 60_000);
  const h = Math.floor(totalMin / 60);
  const m = totalMin % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}

const local = (iso: string, tz: string): string => {
  const p = localTime(Date.parse(iso), tz);
  return `${p.date} ${p.hhmm}`;
};

export function card(zh: string, en: string, value: string, name: string, note = ''): string {
  return `<div class="card" data-stat="${esc(name)}"><div class="label">${esc(zh)}<span>${esc(en)}</span></div><div class="value">${esc(value)}</div>${note ? `<div class="note">${esc(note)}</div>` : ''}</div>`;
}

function summaryCards(d: ReportData): string {
  const t = d.totals;
  const pct = t.videos > 0 ? `${Math.round((t.videosCompleted / t.videos) * 100)}%` : '—';
  return `<section class="cards">${[
    card('播放次数', 'Plays', t.plays.toLocaleString('en-US'), 'plays'),
    card('播出时长', 'Hours on air', `${hours(t.onAirMs).toLocaleString('en-US')} h`, 'hours'),
    card('有播放的天数', 'Days with plays', `${t.daysWithPlays} / ${d.perDay.length}`, 'days'),
    card('不同内容', 'Distinct items', String(t.distinctItems), 'items'),
    card('视频完整播放', 'Videos played to end', pct, 'videos', `${t.videosCompleted} / ${t.videos}`),
    card('自动恢复 / 中断', 'Recoveries / gaps', `${t.recoveries} / ${t.gaps}`, 'recoveries'),
  ].join('')}</section>`;
}

function integrityBanner(i: ReportMeta['integrity']): string {
  return i.ok
    ? `<p class="integrity ok" data-integrity="ok">✔ 记录链校验通过：${i.records.toLocaleString('en-US')} 条记录未被修改、删除或调换顺序。<span>Hash chain verified: ${i.records.toLocaleString('en-US')} records, none edited, deleted or reordered.</span></p>`
    : `<p class="integrity bad" data-integrity="bad">✖ 记录链校验失败 Hash chain check failed: ${esc(i.message)}</p>`;
}

export function section(zh: string, en: string, body: string, note = ''): string {
  return `<section class="panel"><h2>${esc(zh)} <span>${esc(en)}</span></h2>${note ? `<p class="hint">${esc(note)}</p>` : ''}${body}</section>`;
}

function gapsTable(d: ReportData): string {
  const tz = d.range.timeZone;
  const longest = [...d.gaps].sort((a, b) => b.ms - a.ms).slice(0, 15);
  const gapRows = longest.map((g) => `<tr><td>${esc(local(g.start, tz))}</td><td>${esc(local(g.end, tz))}</td><td class="num">${esc(formatDuration(g.ms))}</td><td>${esc(g.recovery ?? '—')}</td></tr>`);
  const recRows = d.recoveries.slice(0, 50).map((r) => `<tr><td>${esc(local(r.at, tz))}</td><td>${esc(r.screenId)}</td><td>${esc(r.reason)}</td></tr>`);
  const gaps = gapRows.length
    ? `<table data-table="gaps"><thead><tr><th>开始 From</th><th>结束 To</th><th class="num">时长 Length</th><th>恢复原因 Recovery</th></tr></thead><tbody>${gapRows.join('')}</tbody></table>`
    : '<p class="empty">无中断 No gaps.</p>';
  const recs = recRows.length
    ? `<table data-table="recoveries"><thead><tr><th>时间 Time</th><th>屏幕 Screen</th><th>原因 Reason</th></tr></thead><tbody>${recRows.join('')}</tbody></table>`
    : '<p class="empty">无自动恢复 No recoveries.</p>';
  return `<h3>最长的中断 Longest gaps</h3>${gaps}<h3>自动恢复记录 Recoveries</h3>${recs}`;
}

function dayTable(d: ReportData): string {
  const rows = d.perDay.map((r) => `<tr><td>${esc(r.date)}</td><td class="num">${r.plays.toLocaleString('en-US')}</td><td class="num">${hours(r.onAirMs)}</td><td class="num">${r.recoveries}</td></tr>`);
  return `<table data-table="days"><thead><tr><th>日期 Date</th><th class="num">播放次数 Plays</th><th class="num">播出小时 Hours</th><th class="num">恢复 Recoveries</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function charts(d: ReportData): string {
  const perDay = d.perDay.map((r) => ({ label: r.date.slice(8), value: r.plays, hint: `${r.date}: ${r.plays} plays` }));
  const airDay = d.perDay.map((r) => ({ label: r.date.slice(8), value: hours(r.onAirMs), hint: `${r.date}: ${hours(r.onAirMs)} h` }));
  const kinds = d.perKind.map((k) => ({ label: kindLabel(k.kind), value: k.plays, valueText: `${k.plays.toLocaleString('en-US')} · ${hours(k.ms)} h` }));
  const cases = d.topCases.map((c) => ({ label: c.title || c.itemId, value: c.plays, hint: `${c.title} (${c.itemId}): ${c.plays}` }));
  const marks: TimelineMark[] = d.recoveries.map((r) => {
    const p = localTime(Date.parse(r.at), d.range.timeZone);
    return { date: p.date, minute: p.secondOfDay / 60, hint: `${p.date} ${p.hhmm} ${r.reason}` };
  });
  return [
    section('每日播放次数', 'Plays per day', columnChart('plays-per-day', 'Plays per day', perDay, '#2f6fdf')),
    section('每日播出时长（小时）', 'Hours on air per day', columnChart('hours-per-day', 'Hours on air per day', airDay, '#2e9e6b')),
    `<div class="two">${section('按内容类型', 'Plays by kind', barChart('plays-per-kind', 'Plays by kind', kinds, '#7a5af5'), '次数 · 小时 plays · hours')}${section('播放最多的案例', 'Top cases', barChart('top-cases', 'Top cases', cases, '#e07b24'))}</div>`,
    section('播出时间线', 'Timeline on air', timelineChart(d.perDay.map((r) => r.date), d.spans, marks) + '<p class="legend"><i class="air"></i>播出 On air <i class="standby"></i>待机 Standby <i class="rec"></i>自动恢复 Recovery <i class="none"></i>无记录（关机或断电） No record (off)</p>'),
    section('中断与恢复', 'Gaps and recoveries', gapsTable(d)),
    section('每日明细', 'Day by day', dayTable(d)),
  ].join('');
}

/** A self-contained page: inline CSS and SVG, no script, no external fonts, nothing fetched. */
export function renderReportHtml(d: ReportData, meta: ReportMeta): string {
  const org = meta.organisation ? `<p class="org">${esc(meta.organisation)}</p>` : '';
  const screens = d.screens.length ? d.screens.join(', ') : '—';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>播放证明报告 Proof-of-play report ${esc(d.range.from)} – ${esc(d.range.to)}</title>
<style>${REPORT_CSS}</style></head>
<body><main>
<header>${org}<h1>反诈宣传屏播放证明报告 <span>Anti-fraud screen proof-of-play report</span></h1>
<p class="meta">报告期间 Period: <b data-field="period">${esc(d.range.from)} – ${esc(d.range.to)}</b> · 时区 Time zone: ${esc(d.range.timeZone)} · 屏幕 Screens: ${esc(screens)} · 生成于 Generated: ${esc(local(meta.generatedAt, d.range.timeZone))}</p>
${integrityBanner(meta.integrity)}</header>
${summaryCards(d)}
${charts(d)}
<footer>${meta.head ? `<p class="head" data-field="head">日志末条记录 Last record in the log: seq ${meta.head.seq} · SHA-256 <code>${esc(meta.head.hash)}</code></p>` : ''}本报告由播放日志自动生成；每条记录带有前一条记录的 SHA-256 哈希，可用 <code>kiosk report --verify</code> 复核。<br>Generated from the screen's append-only play log; each record carries the SHA-256 hash of the one before it. Re-check with <code>kiosk report --verify</code>.</footer>
</main></body></html>
`;
}
