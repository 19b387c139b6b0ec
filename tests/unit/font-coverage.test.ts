import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';

/**
 * Chinese must render on a bare Windows or Linux box, so every character the kiosk can
 * show from its own pack and UI must have a glyph in a font the renderer bundles.
 */
const require = createRequire(import.meta.url);

interface Face {
  readonly file: string;
  readonly ranges: readonly (readonly [number, number])[];
}

function parseRanges(value: string): [number, number][] {
  return value.split(',').map((part) => {
    const [a = '0', b] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(a, 16), parseInt(b ?? a, 16)];
  });
}

/** The @font-face rules of every @fontsource stylesheet the renderer imports. */
function bundledFaces(): Face[] {
  const entry = readFileSync('src/renderer/main.tsx', 'utf8');
  const sheets = [...entry.matchAll(/import '(@fontsource\/[^']+\.css)'/g)].map((m) => m[1] ?? '');
  expect(sheets.length).toBeGreaterThan(0);
  return sheets.flatMap((sheet) => {
    const path = require.resolve(sheet);
    const css = readFileSync(path, 'utf8');
    return [...css.matchAll(/@font-face\s*{([^}]*)}/g)].map((m) => {
      const body = m[1] ?? '';
      const url = /url\(([^)]+\.woff2)\)/.exec(body)?.[1] ?? '';
      const range = /unicode-range:\s*([^;]+);/.exec(body)?.[1] ?? 'U+0-10FFFF';
      return { file: join(dirname(path), url), ranges: parseRanges(range) };
    });
  });
}

function packText(): string {
  const dir = 'playlists/pack';
  const texts: string[] = [];
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string' && !['id', 'file', 'captions', 'poster', 'image', 'qr', '$schema'].includes(key)) texts.push(value);
    else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) walk(JSON.parse(readFileSync(join(dir, f), 'utf8')));
  return texts.join('');
}

function rendererText(): string {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/\.(ts|tsx)$/.test(e.name)) out.push(readFileSync(join(dir, e.name), 'utf8').replace(/[ -~\t\r\n]/g, ''));
    }
  };
  walk('src/renderer');
  return out.join('');
}

describe('bundled fonts', () => {
  it('cover every character of the content pack and the renderer’s own texts', () => {
    const faces = bundledFaces();
    const fonts = new Map<string, fontkit.Font>();
    const load = (file: string): fontkit.Font => {
      let font = fonts.get(file);
      if (!font) {
        font = fontkit.create(readFileSync(file)) as fontkit.Font;
        fonts.set(file, font);
      }
      return font;
    };
    const chars = new Set([...packText(), ...rendererText()].filter((c) => !/\s/.test(c)));
    expect(chars.size).toBeGreaterThan(1000); // the pack really is in Chinese
    const missing = [...chars].filter((c) => {
      const cp = c.codePointAt(0) ?? 0;
      return !faces.some((f) => f.ranges.some(([a, b]) => cp >= a && cp <= b) && load(f.file).hasGlyphForCodePoint(cp));
    });
    expect(missing.map((c) => `${c} U+${(c.codePointAt(0) ?? 0).toString(16)}`)).toEqual([]);
  });
});
