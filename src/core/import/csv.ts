/**
 * The CSV files official lists come as, read strictly: UTF-8 only (a Big5 or GBK file is
 * refused with a message, not guessed), a size and row cap, and no cell a spreadsheet would
 * run as a formula. A bad file is refused whole, so nothing half-imported reaches a slide.
 */
import { err, ok, type Result } from '../result';

export const MAX_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 20_000;

/** The code point of a well-formed UTF-8 sequence at `i` and its length, or undefined. */
function codePointAt(bytes: Uint8Array, i: number): [number, number] | undefined {
  const b = bytes[i] ?? 0;
  const size = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (size === 0 || i + size > bytes.length) return undefined;
  let cp = size === 1 ? b : b & (0xff >> (size + 1));
  for (let k = 1; k < size; k++) {
    const next = bytes[i + k] ?? 0;
    if ((next & 0xc0) !== 0x80) return undefined;
    cp = (cp << 6) | (next & 0x3f);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  const min = [0, 0, 0x80, 0x800, 0x10000][size] ?? 0;
  return cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ? undefined : [cp, size];
}

/**
 * Where position `end` lies in CSV text, as "row R, column C" (both from 1): rows end at line
 * breaks outside quotes, columns at commas outside quotes. `unit(i)` is the byte or UTF-16
 * code unit at i: the ASCII marks CSV is made of read the same in both.
 */
export function csvPosition(unit: (i: number) => number, end: number): string {
  let [row, column, quoted] = [1, 1, false];
  for (let i = 0; i < end; i++) {
    const c = unit(i);
    if (c === 0x22) quoted = !quoted;
    else if (!quoted && c === 0x2c) column++;
    else if (!quoted && (c === 0x0a || (c === 0x0d && unit(i + 1) !== 0x0a))) [row, column] = [row + 1, 1];
  }
  return `row ${row}, column ${column}`;
}

/** Strict UTF-8: a Big5, GBK or Latin-1 file fails (with the offset of its first bad byte) instead of turning into mojibake. */
function strictUtf8(bytes: Uint8Array): string | { readonly badAt: number } {
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const got = codePointAt(bytes, i);
    if (!got) return { badAt: i };
    chunk.push(got[0]);
    i += got[1];
    if (chunk.length >= 4096) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

/** UTF-8 text without a leading byte-order mark; anything else is refused with the reason. */
export function decodeUtf8(bytes: Uint8Array): Result<string> {
  if (bytes.length > MAX_BYTES) return err(`the file is ${bytes.length} bytes; the limit is ${MAX_BYTES}`);
  const text = strictUtf8(bytes);
  if (typeof text !== 'string') {
    const at = csvPosition((i) => bytes[i] ?? 0, text.badAt);
    return err(`${at}: the file is not UTF-8 text (Big5 or GBK?): open it and save it as "CSV UTF-8"`);
  }
  // One byte-order mark at the start is how spreadsheets mark UTF-8; one anywhere else means two files glued together.
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const stray = body.indexOf('\ufeff');
  if (stray >= 0) {
    const at = csvPosition((i) => body.charCodeAt(i), stray);
    return err(`${at}: a byte-order mark (U+FEFF) in the middle of the file: files were joined; export the list again`);
  }
  return ok(body);
}

/** RFC 4180 rows: quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): Result<string[][]> {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = (): void => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endCell();
      rows.push(row);
      row = [];
      if (rows.length > MAX_ROWS + 2) return err(`more than ${MAX_ROWS} rows (row ${rows.length} is past the limit): split the list into smaller files`);
    } else cell += c;
  }
  if (quoted) return err('a quoted cell is never closed: the file is cut off or broken');
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return ok(rows.filter((r) => r.some((c) => c.trim() !== '')));
}

// What spreadsheets run: =, +, @, a tab or CR first, or a minus followed by more than digits (-cmd|…).
const FORMULA = /^[\t\r]|^\s*[=+@]|^\s*-(?![\d\s.]*$)/;

/**
 * The first cell a spreadsheet would execute, as "row R, column C", or undefined. `allowed`
 * names cells that only look like one: a LINE official account's ID is `@` and a name.
 */
export function formulaCell(rows: readonly (readonly string[])[], allowed?: RegExp): string | undefined {
  for (const [r, row] of rows.entries()) {
    const c = row.findIndex((cell) => FORMULA.test(cell) && !allowed?.test(cell));
    if (c >= 0) return `row ${r + 1}, column ${c + 1} starts like a spreadsheet formula (${JSON.stringify(row[c]?.slice(0, 30))})`;
  }
  return undefined;
}
