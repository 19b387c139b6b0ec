import { describe, expect, it } from 'vitest';
import { longFunctions, MAX_LINES, scanSources } from '../../scripts/check-functions';

const body = (n: number): string => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');

describe('functions over ~40 lines (npm run check:functions)', () => {
  it('finds a long function, counts nested functions for themselves, and honours a stated reason', () => {
    const text = [
      `export function tooLong() {\n${body(MAX_LINES)}\n}`,
      `export function factory() {\n  return {\n    a() {\n${body(30)}\n    },\n    b() {\n${body(30)}\n    },\n  };\n}`,
      `/** Long because the table reads best in one place. */\nexport const explained = () => {\n${body(MAX_LINES)}\n};`,
    ].join('\n');
    const found = longFunctions('src/x.ts', text);
    expect(found.map((f) => [f.name, f.lines, f.reason])).toEqual([
      ['tooLong', MAX_LINES + 2, undefined],
      ['explained', MAX_LINES + 2, 'Long because the table reads best in one place. '],
    ]);
  });

  it('src has no long function without a reason', () => {
    const long = scanSources();
    if (long.length > 0) console.info(long.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines) — ${f.reason ?? 'NO REASON'}`).join('\n'));
    expect(long.filter((f) => !f.reason)).toEqual([]);
  });
});
