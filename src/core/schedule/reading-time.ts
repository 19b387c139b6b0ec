/**
 * How long a passer-by needs to read a case card, at the group's reading pace (the same
 * characters per second the ticker uses). A Han character counts one; an English word
 * counts two, since a word takes about as long to read as two characters.
 */
import type { CaseItem } from '../model/content';

const HAN_OR_KANA = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;
const LATIN_WORD = /[A-Za-z0-9][A-Za-z0-9'’.,-]*/g;
/** Time to find the card's start after the slide appears. */
const SETTLE_SECONDS = 2;

export function readingUnits(text: string): number {
  const han = text.match(HAN_OR_KANA)?.length ?? 0;
  const words = text.match(LATIN_WORD)?.length ?? 0;
  return han + 2 * words;
}

/** Seconds to show a case: the entry's seconds, or longer when its text needs more at this pace. */
export function caseSeconds(item: CaseItem, minimum: number, charsPerSecond: number): number {
  const units = readingUnits(`${item.title} ${item.story} ${item.lesson}`);
  return Math.max(minimum, Math.ceil(units / Math.max(1, charsPerSecond) + SETTLE_SECONDS));
}
