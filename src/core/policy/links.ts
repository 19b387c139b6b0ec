/**
 * Links a viewer could type or tap: URLs, bare domains on any real public suffix (tldts
 * holds the public-suffix list, so a new gTLD such as .help counts the day it exists),
 * e-mail addresses and IP addresses.
 */
import { parse } from 'tldts';
import { HAN, NAME_CHAR, NAME_LETTER, WORD_CHAR } from './char-class';
import { latinise } from './look-alike';
import type { ViewerText } from './viewer-text';

export type LinkKind = 'url' | 'domain' | 'email' | 'ip';

export interface FoundLink {
  readonly kind: LinkKind;
  /** As it appears in the viewer's reading of the text. */
  readonly text: string;
  /** Lower-case, punycode for international names; undefined when it cannot be read. */
  readonly host: string | undefined;
  /** The host as written (Unicode), for spotting look-alikes. */
  readonly written: string;
  readonly scheme: string;
  readonly isIp: boolean;
}

// Labels cannot contain dots, so each try is bounded; the last part may also be Han (.中国).
const LABEL = `[${NAME_CHAR}](?:[${NAME_CHAR}-]{0,61}[${NAME_CHAR}])?`;
const TLD = `(?:[${NAME_LETTER}]{2,63}|xn--[a-z0-9-]{1,59}|[${HAN}]{1,6}(?![${HAN}]))`;
const HOST = String.raw`(?:${LABEL}\.){1,10}${TLD}`;
const NOT_AFTER = `(?![${NAME_CHAR}-])`;
const URL_LIKE = new RegExp(String.raw`(?<![${WORD_CHAR}])(?:[a-z][a-z0-9+.-]{1,20}://|www\.)[^\s<>"'，。、）)】」』|]{1,2000}`, 'gi');
const DOMAIN_LIKE = new RegExp(String.raw`(?<![${NAME_CHAR}._@-])(${HOST})${NOT_AFTER}(?::\d{1,5})?(?:/[^\s<>"'，。、|]{0,2000})?`, 'gi');
const EMAIL = new RegExp(String.raw`(?<![\w.%+-])[\w.%+-]{1,64}@(${HOST})${NOT_AFTER}`, 'gi');
// A name in Chinese characters before a dot: "公安反诈.中国", "百度.com". Only an ASCII dot
// counts here, since 。 ends Chinese sentences.
const HAN_DOMAIN = new RegExp(String.raw`([${HAN}]{1,20})\.([${HAN}]{1,6}|[a-z]{2,24}(?![${NAME_CHAR}-]))`, 'gi');
const BARE_IP = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g;
const VERSION_BEFORE = /(?:\bv|version|ver\.?|版本)\s*$/i;

/** Lower-case ASCII (punycode) host, or undefined when it is not a host at all. */
function asciiHost(host: string): string | undefined {
  try {
    return new URL(`https://${host}`).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

function urlLink(text: string): FoundLink {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase() ?? 'https';
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let host: string | undefined;
  try {
    host = new URL(withScheme).hostname.toLowerCase().replace(/^\[|\]$/g, '') || undefined;
  } catch {
    host = undefined;
  }
  const written = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#]*@)?([^/:?#]*)/i.exec(text)?.[1]?.toLowerCase() ?? '';
  return { kind: 'url', text, host, written, scheme, isIp: host !== undefined && parse(host).isIp === true };
}

// "evil.соm" with a Cyrillic о reads as evil.com: judge the suffix by its Latin shape too.
// tldts reads Unicode names itself, so the costly punycode conversion waits for a real domain.
function onPublicSuffix(written: string): boolean {
  const lower = written.toLowerCase();
  const shapes = /^[ -~]*$/.test(lower) ? [lower] : [lower, latinise(written)];
  return shapes.some((h) => {
    const parsed = parse(h, { allowPrivateDomains: false });
    return parsed.isIcann === true && parsed.domain !== null && parsed.domain !== '';
  });
}

/** A domain only when its suffix is on the public-suffix list and a name sits in front of it. */
function hostLink(kind: 'domain' | 'email', text: string, written: string): FoundLink | undefined {
  if (!onPublicSuffix(written)) return undefined;
  const host = asciiHost(written);
  if (!host) return undefined;
  return { kind, text, host, written: written.toLowerCase(), scheme: kind === 'email' ? 'mailto' : 'https', isIp: false };
}

/** Chinese text has no spaces, so a Chinese suffix is tried from its longest reading down. */
function hanDomains(matches: readonly RegExpMatchArray[]): FoundLink[] {
  const found: FoundLink[] = [];
  for (const m of matches) {
    const [, name = '', suffix = ''] = m;
    const readings = /^[a-z]/i.test(suffix) ? [suffix] : Array.from({ length: suffix.length }, (_, i) => suffix.slice(0, suffix.length - i));
    const link = readings.map((tld) => hostLink('domain', `${name}.${tld}`, `${name}.${tld}`)).find((l) => l !== undefined);
    if (link) found.push(link);
  }
  return found;
}

/** `whole` is the full text: the word before a dotted quad ("Version 2.3.4.5") may have been filtered out. */
function bareIps(matches: readonly RegExpMatchArray[], whole: string): FoundLink[] {
  const found: FoundLink[] = [];
  for (const m of matches) {
    if (m[0].split('.').some((octet) => Number(octet) > 255)) continue;
    const at = whole.indexOf(m[0]);
    if (VERSION_BEFORE.test(whole.slice(Math.max(0, at - 10), at))) continue;
    found.push({ kind: 'ip', text: m[0], host: m[0], written: m[0], scheme: 'https', isIp: true });
  }
  return found;
}

// Only words where a dot meets a letter, or holding @, :// or a dotted quad, can be links.
const MAY_BE_LINK = new RegExp(String.raw`\.[${NAME_LETTER}${HAN}]|[${NAME_CHAR}${HAN}]\.(?:xn--)|@|://|\d\.\d{1,3}\.\d{1,3}\.\d`, 'i');

/** Ordinary text holds a handful of link-like words; a flood of them is refused unread, since each costs a lookup. */
export const MAX_LINK_CANDIDATES = 64;

export type LinkScan =
  | { readonly kind: 'links'; readonly links: readonly FoundLink[] }
  | { readonly kind: 'too-many'; readonly count: number };

export function scanLinks(view: ViewerText): LinkScan {
  if (!MAY_BE_LINK.test(view.links)) return { kind: 'links', links: [] };
  const text = view.links.split(/\s+/).filter((word) => MAY_BE_LINK.test(word)).join(' ');
  const urls = [...text.matchAll(URL_LIKE)];
  // What a URL or an address already covers is not looked at again as a bare domain.
  const rest = text.replace(URL_LIKE, ' ');
  const emails = [...rest.matchAll(EMAIL)];
  const restNoEmail = rest.replace(EMAIL, ' ');
  const domains = [...restNoEmail.matchAll(DOMAIN_LIKE)];
  const han = [...restNoEmail.matchAll(HAN_DOMAIN)];
  const ips = [...restNoEmail.matchAll(BARE_IP)];
  const count = urls.length + emails.length + domains.length + han.length + ips.length;
  if (count > MAX_LINK_CANDIDATES) return { kind: 'too-many', count };
  const links = [
    ...urls.map((m) => urlLink(m[0].replace(/[.,;:!?]+$/, ''))),
    ...emails.flatMap((m) => hostLink('email', m[0], m[1] ?? '') ?? []),
    ...domains.flatMap((m) => hostLink('domain', m[0], m[1] ?? '') ?? []),
    ...hanDomains(han),
    ...bareIps(ips, view.links),
  ];
  return { kind: 'links', links };
}

/** The links in the text; none when there are too many to look at (the policy refuses those). */
export function linksIn(view: ViewerText): FoundLink[] {
  const scan = scanLinks(view);
  return scan.kind === 'links' ? [...scan.links] : [];
}

export { hostAllowed } from './host-allowed';
