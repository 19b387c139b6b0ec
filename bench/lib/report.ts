import type { Judgement, Verdict } from './rounds';

// Sections import the statistics from here with the rest of the report; they live in ./stats
// so that ./rounds can use them without importing the report (which names its types).
export { median, percentile } from './stats';

/** One budget from issue 4 / DESIGN.md, judged against a measured figure. */
export interface Budget {
  readonly name: string;
  readonly met: boolean;
  /** The measured figure and the limit it was held to, in words. */
  readonly figure: string;
  /** Set when the budget was judged over rounds: 'within noise' when the spread covers the difference. */
  readonly verdict?: Verdict;
  readonly judgement?: Judgement;
}

/** A budget's verdict: its judged one, else met or missed from a single measurement. */
export const verdictOf = (b: Budget): Verdict => b.verdict ?? (b.met ? 'met' : 'missed');

/** A budget judged over rounds; `met` is true only for a clear MET. */
export function judgedBudget(name: string, verdict: Verdict, figure: string, judgement?: Judgement): Budget {
  return { name, met: verdict === 'met', verdict, figure, ...(judgement ? { judgement } : {}) };
}

export type Cell = string | number | null;

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  readonly budgets: readonly Budget[];
  readonly notes: readonly string[];
  /** Raw figures for bench-results.json. */
  readonly data: unknown;
}

export const fmt = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);

export const ms = (value: number | null | undefined, digits = 1): string => `${fmt(value, digits)} ms`;

export const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(2)} MB`;

const cellText = (cell: Cell): string => (cell === null ? '–' : typeof cell === 'number' ? fmt(cell, 2) : cell);

/** A section as Markdown: readable in a terminal and pasted as is into docs/performance.md. */
export function formatSection(section: Section): string {
  const header = section.columns.map((c) => c.replace(/\|/g, '/'));
  const body = section.rows.map((row) => row.map((c) => cellText(c).replace(/\|/g, '/')));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length), 3));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 3)).join(' | ')} |`;
  const out = [`### ${section.title}`, '', line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), ''];
  for (const b of section.budgets) out.push(`- **${verdictOf(b).toUpperCase()}** ${b.name}: ${b.figure}`);
  if (section.budgets.length > 0) out.push('');
  for (const n of section.notes) out.push(`> ${n}`);
  if (section.notes.length > 0) out.push('');
  return out.join('\n');
}
