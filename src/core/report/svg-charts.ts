import { clip, escapeHtml as esc } from './escape';
import type { DaySpan } from './aggregate';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Text shown next to or above the bar; defaults to the value. */
  readonly valueText?: string;
  /** Tooltip. */
  readonly hint?: string;
}

const W = 960;
const AXIS = '#8a94a6';
const GRID = '#e3e7ee';

/** A round axis maximum and step: 1, 2 or 5 times a power of ten. */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  const raw = max / ticks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  return { max: Math.ceil(max / step) * step, step };
}

const fmt = (n: number): string => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(1));

function svgOpen(name: string, label: string, height: number): string {
  return `<svg class="chart" data-chart="${esc(name)}" role="img" aria-label="${esc(label)}" viewBox="0 0 ${W} ${height}" width="100%" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">`;
}

/** Above the bar when it fits the slot, else turned upright inside the bar, else left to the tooltip. */
function valueLabel(text: string, cx: number, top: number, h: number, slot: number): string {
  const width = text.length * 6.4;
  if (width <= slot - 2) {
    return `<text x="${cx.toFixed(1)}" y="${(top - 5).toFixed(1)}" text-anchor="middle" font-size="11" fill="#334">${esc(text)}</text>`;
  }
  if (h < width + 10) return '';
  return `<text transform="translate(${(cx + 4).toFixed(1)} ${(top + 6).toFixed(1)}) rotate(-90)" text-anchor="end" font-size="11" fill="#fff">${esc(text)}</text>`;
}

/** Vertical bars, one per day: plays per day, hours on air per day. */
export function columnChart(name: string, label: string, bars: readonly Bar[], color: string): string {
  const H = 260;
  const left = 56;
  const top = 24;
  const bottom = 40;
  const plotW = W - left - 12;
  const plotH = H - top - bottom;
  const scale = niceScale(Math.max(0, ...bars.map((b) => b.value)));
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.max(2, slot * 0.7);
  const parts = [svgOpen(name, label, H)];
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) {
    const y = top + plotH - (v / scale.max) * plotH;
    parts.push(`<line x1="${left}" x2="${W - 12}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${GRID}"/>`);
    parts.push(`<text x="${left - 8}" y="${(y + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="${AXIS}">${esc(fmt(v))}</text>`);
  }
  const labelEvery = Math.ceil(bars.length / 16);
  bars.forEach((b, i) => {
    const h = (b.value / scale.max) * plotH;
    const x = left + i * slot + (slot - barW) / 2;
    const y = top + plotH - h;
    parts.push(`<rect class="bar" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${Math.max(0, h).toFixed(1)}" rx="2" fill="${color}"><title>${esc(b.hint ?? `${b.label}: ${b.valueText ?? fmt(b.value)}`)}</title></rect>`);
    if (b.value > 0) parts.push(valueLabel(b.valueText ?? fmt(b.value), x + barW / 2, y, h, slot));
    if (i % labelEvery === 0) {
      parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${H - bottom + 18}" text-anchor="middle" font-size="12" fill="${AXIS}">${esc(b.label)}</text>`);
    }
  });
  parts.push(`<line x1="${left}" x2="${W - 12}" y1="${top + plotH}" y2="${top + plotH}" stroke="${AXIS}"/>`);
  parts.push('</svg>');
  return parts.join('');
}

/** Horizontal bars with a text label on the left: plays per kind, top cases. */
export function barChart(name: string, label: string, bars: readonly Bar[], color: string): string {
  const rowH = 34;
  const labelW = 330;
  const valueW = 150;
  const H = Math.max(1, bars.length) * rowH + 8;
  const plotW = W - labelW - valueW;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const parts = [svgOpen(name, label, H)];
  bars.forEach((b, i) => {
    const y = 4 + i * rowH;
    const w = Math.max(b.value > 0 ? 3 : 0, (b.value / max) * plotW);
    parts.push(`<text x="${labelW - 12}" y="${y + rowH / 2 + 5}" text-anchor="end" font-size="15" fill="#1d2433">${esc(clip(b.label, 22))}<title>${esc(b.label)}</title></text>`);
    parts.push(`<rect class="bar" x="${labelW}" y="${y + 6}" width="${w.toFixed(1)}" height="${rowH - 12}" rx="3" fill="${color}"><title>${esc(b.hint ?? `${b.label}: ${b.valueText ?? fmt(b.value)}`)}</title></rect>`);
    parts.push(`<text x="${(labelW + w + 10).toFixed(1)}" y="${y + rowH / 2 + 5}" font-size="15" font-weight="600" fill="#1d2433">${esc(b.valueText ?? fmt(b.value))}</text>`);
  });
  if (bars.length === 0) parts.push(`<text x="${W / 2}" y="26" text-anchor="middle" font-size="14" fill="${AXIS}">—</text>`);
  parts.push('</svg>');
  return parts.join('');
}

export interface TimelineMark {
  readonly date: string;
  readonly minute: number;
  readonly hint: string;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const weekday = (date: string): string => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';

/** One row per day across 24 hours: when the screen was on air, on standby, and when it recovered. */
export function timelineChart(dates: readonly string[], spans: readonly DaySpan[], marks: readonly TimelineMark[]): string {
  const left = 78;
  const top = 26;
  const rowH = 16;
  const plotW = W - left - 16;
  const H = top + dates.length * rowH + 8;
  const x = (min: number): number => left + (min / 1440) * plotW;
  const rowOf = new Map(dates.map((d, i) => [d, i]));
  const parts = [svgOpen('timeline', '播出时间线 Timeline on air', H)];
  for (let h = 0; h <= 24; h += 3) {
    parts.push(`<line x1="${x(h * 60).toFixed(1)}" x2="${x(h * 60).toFixed(1)}" y1="${top - 4}" y2="${H - 6}" stroke="${GRID}"/>`);
    parts.push(`<text x="${x(h * 60).toFixed(1)}" y="${top - 10}" text-anchor="middle" font-size="12" fill="${AXIS}">${String(h).padStart(2, '0')}:00</text>`);
  }
  dates.forEach((d, i) => {
    const y = top + i * rowH;
    if (i % 2 === 0) parts.push(`<rect x="${left}" y="${y}" width="${plotW}" height="${rowH}" fill="#f6f8fb"/>`);
    parts.push(`<text x="${left - 8}" y="${y + rowH - 4}" text-anchor="end" font-size="11" fill="${AXIS}">${esc(`${d.slice(5)} ${weekday(d)}`)}</text>`);
  });
  for (const s of spans) {
    const row = rowOf.get(s.date);
    if (row === undefined) continue;
    const w = Math.max(0.8, x(s.toMin) - x(s.fromMin));
    const cls = s.standby ? 'span standby' : 'span air';
    parts.push(`<rect class="${cls}" x="${x(s.fromMin).toFixed(1)}" y="${top + row * rowH + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${s.standby ? '#c4cad4' : '#2e9e6b'}"/>`);
  }
  for (const m of marks) {
    const row = rowOf.get(m.date);
    if (row === undefined) continue;
    const cx = x(m.minute);
    const y = top + row * rowH;
    parts.push(`<path class="recovery-mark" d="M${cx.toFixed(1)} ${y + 1}l5 ${rowH - 2}h-10z" fill="#d63c3c"><title>${esc(m.hint)}</title></path>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
