import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';

/** A single-face font file for ffmpeg's `fontfile=` plus a width measure for wrapping. */
export interface Face {
  readonly file: string;
  readonly measure: (text: string, size: number) => number;
}

export type Weight = 'Bold' | 'Regular';

/**
 * Debian ships Noto Sans CJK as .ttc collections whose face 0 is the Japanese one, and
 * drawtext's `fontfile=` always opens face 0: Chinese would get Japanese glyph shapes.
 * So we find the Simplified Chinese face with fontconfig and copy it out as a plain OTF.
 */
export function loadCjkFace(weight: Weight, workDir: string): Face {
  const listing = execFileSync(
    'fc-list',
    ['-f', '%{file}|%{index}|%{style}\n', `Noto Sans CJK SC:style=${weight}`],
    { encoding: 'utf8' },
  );
  const hit = listing
    .split('\n')
    .map((line) => line.split('|'))
    .find(([file, , style]) => file !== undefined && file !== '' && style?.split(',').includes(weight));
  if (hit === undefined || hit[0] === undefined) {
    throw new Error(`font "Noto Sans CJK SC ${weight}" not found (Debian: apt-get install fonts-noto-cjk)`);
  }
  const file = join(workDir, `NotoSansCJKsc-${weight}.otf`);
  writeFileSync(file, extractFace(readFileSync(hit[0]), Number(hit[1] ?? 0)));
  const font = fontkit.openSync(file);
  if (!('layout' in font)) throw new Error(`${file} is not a single font`);
  return {
    file,
    measure: (text, size) => (font.layout(text).advanceWidth * size) / font.unitsPerEm,
  };
}

/** Copies face `index` of an OpenType collection into a standalone sfnt file. */
export function extractFace(data: Buffer, index: number): Buffer {
  if (data.toString('latin1', 0, 4) !== 'ttcf') return data;
  const start = data.readUInt32BE(12 + 4 * index);
  const numTables = data.readUInt16BE(start + 4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const rec = start + 12 + 16 * i;
    return { rec, offset: data.readUInt32BE(rec + 8), length: data.readUInt32BE(rec + 12) };
  });
  let cursor = 12 + 16 * numTables;
  const placed = tables.map((t) => {
    const at = cursor;
    cursor += Math.ceil(t.length / 4) * 4;
    return { ...t, at };
  });
  const out = Buffer.alloc(cursor);
  data.copy(out, 0, start, start + 12);
  placed.forEach((t, i) => {
    data.copy(out, 12 + 16 * i, t.rec, t.rec + 8);
    out.writeUInt32BE(t.at, 12 + 16 * i + 8);
    out.writeUInt32BE(t.length, 12 + 16 * i + 12);
    data.copy(out, t.at, t.offset, t.offset + t.length);
  });
  return out;
}

// Kinsoku: punctuation that may not start a line sticks to the previous token, and
// opening brackets/quotes stick to the next one.
const NO_LINE_START = new Set([...'，。、；：！？）」』”’》〉】…,.;:!?)']);
const NO_LINE_END = new Set([...'（「『“‘《〈【(']);
const TOKEN = /\s+|[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u2018-\u201D\u2026]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u2018-\u201D\u2026]+/g;

export function tokenize(text: string): readonly string[] {
  const out: string[] = [];
  let carry = '';
  for (const tok of text.match(TOKEN) ?? []) {
    const last = out.length - 1;
    if (NO_LINE_START.has(tok) && last >= 0 && carry === '') out[last] += tok;
    else if (NO_LINE_END.has(tok)) carry += tok;
    else {
      out.push(carry + tok);
      carry = '';
    }
  }
  if (carry !== '') out.push(carry);
  return out;
}

/** Greedy line breaking by measured width. */
export function wrap(text: string, fits: (line: string) => boolean): readonly string[] {
  const lines: string[] = [];
  let cur = '';
  for (const tok of tokenize(text)) {
    const blank = /^\s+$/.test(tok);
    if (cur === '' && blank) continue;
    if (cur !== '' && !blank && !fits((cur + tok).trimEnd())) {
      lines.push(cur.trimEnd());
      cur = tok;
    } else cur += tok;
  }
  if (cur.trim() !== '') lines.push(cur.trimEnd());
  return lines;
}

/** Wraps to the fewest lines, then narrows the measure so the lines come out even (no widows). */
export function balancedWrap(text: string, measure: (line: string) => number, width: number): readonly string[] {
  const at = (w: number) => wrap(text, (line) => measure(line) <= w);
  const widest = at(width);
  if (widest.length < 2) return widest;
  let lo = width / widest.length;
  let hi = width;
  while (hi - lo > 4) {
    const mid = (lo + hi) / 2;
    if (at(mid).length > widest.length) lo = mid;
    else hi = mid;
  }
  return at(hi);
}

export const WIDTH = 1280;
export const HEIGHT = 720;
export const FPS = 25;
const TEXT_WIDTH = 1120;
const CONTENT_TOP = 96;
const CONTENT_BOTTOM = 626;
const BAR_Y = 712;

/** One line of text drawn by one drawtext filter, positioned by its baseline. */
export interface DrawLine {
  readonly text: string;
  readonly weight: Weight;
  readonly size: number;
  readonly color: string;
  readonly baseline: number;
  readonly align: 'center' | 'left' | 'right';
  readonly from: number;
  readonly to: number;
  readonly fade: boolean;
}

interface BlockStyle {
  readonly weight: Weight;
  readonly size: number;
  readonly lineHeight: number;
  readonly maxLines: number;
  readonly color: string;
  readonly gapBefore: number;
}

// Heading in amber, body in white, the English line smaller and dimmer beneath each.
const STYLES: readonly BlockStyle[] = [
  { weight: 'Bold', size: 78, lineHeight: 1.22, maxLines: 2, color: '0xFFC107', gapBefore: 0 },
  { weight: 'Regular', size: 34, lineHeight: 1.3, maxLines: 2, color: '0xFFE3A0', gapBefore: 8 },
  { weight: 'Bold', size: 50, lineHeight: 1.35, maxLines: 3, color: '0xFFFFFF', gapBefore: 46 },
  { weight: 'Regular', size: 32, lineHeight: 1.35, maxLines: 3, color: '0xC9D3E6', gapBefore: 14 },
];
const SCALES = [1, 0.92, 0.84, 0.76, 0.68, 0.6];

interface Block {
  readonly style: BlockStyle;
  readonly size: number;
  readonly lines: readonly string[];
}

function layoutBlocks(texts: readonly string[], faces: Record<Weight, Face>, scale: number) {
  const blocks: Block[] = STYLES.map((style, i) => {
    const size = Math.round(style.size * scale);
    const measure = (line: string) => faces[style.weight].measure(line, size);
    return { style, size, lines: balancedWrap(texts[i] ?? '', measure, TEXT_WIDTH) };
  });
  const height = blocks.reduce(
    (sum, b) => sum + b.style.gapBefore * scale + b.lines.length * b.size * b.style.lineHeight,
    0,
  );
  const fits = blocks.every((b) => b.lines.length <= b.style.maxLines) && height <= CONTENT_BOTTOM - CONTENT_TOP;
  return { blocks, height, fits };
}

/** Lays out one card (heading zh + en, body zh + en), shrinking the type until it fits. */
export function layoutCard(
  texts: readonly [string, string, string, string],
  faces: Record<Weight, Face>,
  from: number,
  to: number,
): { readonly lines: readonly DrawLine[]; readonly fits: boolean } {
  const tries = SCALES.map((scale) => ({ scale, ...layoutBlocks(texts, faces, scale) }));
  const pick = tries.find((t) => t.fits) ?? tries[tries.length - 1];
  if (pick === undefined) throw new Error('no layout scales configured');
  let top = CONTENT_TOP + (CONTENT_BOTTOM - CONTENT_TOP - pick.height) / 2;
  const lines: DrawLine[] = [];
  for (const b of pick.blocks) {
    top += b.style.gapBefore * pick.scale;
    const box = b.size * b.style.lineHeight;
    for (const text of b.lines) {
      // Noto CJK's ascender is 0.88 em; centre the em box inside the line box.
      const baseline = Math.round(top + (box - b.size) / 2 + b.size * 0.88);
      const { weight, color } = b.style;
      lines.push({ text, weight, size: b.size, color, baseline, align: 'center', from, to, fade: true });
      top += box;
    }
  }
  return { lines, fits: pick.fits };
}

/** Header (title, card counter) and footer (hotlines) lines. */
export function chromeLines(title: string, cards: readonly { from: number; to: number }[]): readonly DrawLine[] {
  const total = cards[cards.length - 1]?.to ?? 0;
  const base = { weight: 'Bold' as const, size: 28, baseline: 48, from: 0, to: total, fade: false };
  const footer = '报警 110　｜　反诈预警专线 96110　｜　Police 110 · Anti-fraud line 96110';
  return [
    { ...base, text: title, color: '0xE8EDF7', align: 'left' },
    { ...base, text: footer, weight: 'Regular', size: 24, color: '0xC9D3E6', baseline: 685, align: 'center' },
    ...cards.map((c, i) => ({
      ...base,
      text: `${i + 1} / ${cards.length}`,
      color: '0xFFC107',
      align: 'right' as const,
      from: c.from,
      to: c.to,
    })),
  ];
}

function drawtext(line: DrawLine, textFile: string, fontFile: string): string {
  const x = { center: '(w-text_w)/2', left: '64', right: 'w-64-text_w' }[line.align];
  const fade = line.fade ? `:alpha='min(1,min((t-${line.from})/0.4,(${line.to}-t)/0.3))'` : '';
  return (
    `drawtext=fontfile='${fontFile}':textfile='${textFile}':expansion=none` +
    `:fontsize=${line.size}:fontcolor=${line.color}:x='${x}':y='${line.baseline}-max_glyph_a'` +
    `:enable='gte(t,${line.from})*lt(t,${line.to})'${fade}`
  );
}

/**
 * The filtergraph for input 0 (background colour) and input 1 (progress bar colour).
 * `textFiles[i]` holds `lines[i].text`; drawtext reads files so no text needs escaping.
 */
export function filterGraph(
  lines: readonly DrawLine[],
  textFiles: readonly string[],
  faces: Record<Weight, Face>,
  total: number,
): string {
  const boxes = [
    `drawbox=x=0:y=0:w=${WIDTH}:h=76:color=0x050B1C:t=fill`,
    `drawbox=x=0:y=76:w=${WIDTH}:h=3:color=0xFFB300:t=fill`,
    `drawbox=x=64:y=646:w=${WIDTH - 128}:h=2:color=0x2A3B66:t=fill`,
    `drawbox=x=0:y=${BAR_Y}:w=${WIDTH}:h=${HEIGHT - BAR_Y}:color=0x1B2848:t=fill`,
  ];
  const texts = lines.map((line, i) => drawtext(line, textFiles[i] ?? '', faces[line.weight].file));
  return (
    `[0:v]${[...boxes, ...texts].join(',')}[base];` +
    `[base][1:v]overlay=x='W*t/${total}-w':y=${BAR_Y}:eof_action=pass,format=yuv420p[v]`
  );
}
