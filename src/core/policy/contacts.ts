/**
 * Finding the phone numbers, chat ids and links a viewer could act on, in the viewer's
 * reading of the text (see viewer-text.ts). The finders live in their own modules.
 */
import { linksIn, type FoundLink } from './links';
import { phoneKey } from './phones';
import { viewOf } from './viewer-text';

export { DEFAULT_ALLOWED_PHONES, findPhones, phoneKey } from './phones';
export { hostAllowed, type FoundLink } from './links';

/** Kept for callers that compare numbers: the same key `phoneKey` gives. */
export function normalisePhone(raw: string): string {
  return phoneKey(raw);
}

export function findLinks(text: string): FoundLink[] {
  return linksIn(viewOf(text));
}
