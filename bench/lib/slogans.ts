import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PackFile } from '../../src/core/model/pack';
import type { SloganItem } from '../../src/core/model/content';

export const SEPARATOR = '　◆　';
/** Slogans per language in the bench line: long enough to loop, short enough for any peer. */
const PER_LOCALE = 6;

export interface BenchText {
  readonly slogans: readonly SloganItem[];
  /** The line every ticker scrolls: zh-CN and en alternating, as the player interleaves locales. */
  readonly line: string;
}

async function slogansOf(appRoot: string, file: string): Promise<SloganItem[]> {
  const pack = PackFile.parse(JSON.parse(await readFile(resolve(appRoot, 'playlists/pack', file), 'utf8')));
  return pack.items.filter((i): i is SloganItem => i.kind === 'slogan').slice(0, PER_LOCALE);
}

export async function benchText(appRoot: string): Promise<BenchText> {
  const zh = await slogansOf(appRoot, 'slogans.zh-CN.json');
  const en = await slogansOf(appRoot, 'slogans.en.json');
  const interleaved = zh.flatMap((z, i) => (en[i] ? [z, en[i]] : [z]));
  return { slogans: interleaved, line: interleaved.map((s) => s.text).join(SEPARATOR) + SEPARATOR };
}
