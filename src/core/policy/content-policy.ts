import type { ContentItem } from '../model/content';
import { assertNever } from '../assert-never';
import { err, ok, type Result } from '../result';
import { DEFAULT_BLOCKED_TERMS, findBlockedTerm } from './blocked-terms';
import { DEFAULT_ALLOWED_PHONES, findLinks, findPhones, hostAllowed, normalisePhone } from './contacts';

export interface PolicyConfig {
  readonly blockedTerms: readonly string[];
  readonly allowedPhones: readonly string[];
  readonly allowedLinkHosts: readonly string[];
}

export const policyConfig = (extra: {
  blockedTerms: readonly string[];
  allowedPhones: readonly string[];
  allowedLinkHosts: readonly string[];
}): PolicyConfig => ({
  blockedTerms: [...DEFAULT_BLOCKED_TERMS, ...extra.blockedTerms],
  allowedPhones: [...DEFAULT_ALLOWED_PHONES, ...extra.allowedPhones].map(normalisePhone),
  allowedLinkHosts: extra.allowedLinkHosts,
});

/** The text a viewer reads, field by field; QR payloads are checked separately. */
export function visibleText(item: ContentItem): readonly string[] {
  switch (item.kind) {
    case 'slogan':
      return [item.text];
    case 'case':
      return [item.title, item.story, item.lesson, item.source];
    case 'video':
      return [item.title];
    case 'notice':
      return [item.title, item.text];
    case 'alert':
      return [item.text];
    default:
      return assertNever(item, 'content kind');
  }
}

function checkQr(payload: string, config: PolicyConfig): string | undefined {
  const tel = /^tel:(.+)$/i.exec(payload.trim());
  if (tel) {
    const phone = normalisePhone(tel[1] ?? '');
    return config.allowedPhones.includes(phone) ? undefined : `QR code phone ${phone} is not allowed`;
  }
  const links = findLinks(payload);
  if (links.length === 0) return `QR code payload is not a link or phone number`;
  return checkLinks(payload, config)?.replace(/^link/, 'QR code link');
}

function checkLinks(text: string, config: PolicyConfig): string | undefined {
  for (const link of findLinks(text)) {
    if (link.scheme !== 'https' && link.scheme !== 'http') return `link ${link.text} is not a web link`;
    if (!link.host || !hostAllowed(link.host, config.allowedLinkHosts)) {
      return `link to ${link.host ?? link.text} is not in allowedLinkHosts`;
    }
  }
  return undefined;
}

/**
 * Decides whether an item may reach the screen. A reason comes back when it may not; the
 * operator sees the reason, the public never sees the item.
 */
export function checkItem(item: ContentItem, config: PolicyConfig): Result<ContentItem> {
  const texts = visibleText(item);
  const all = texts.join('\n');
  const term = findBlockedTerm(all, config.blockedTerms);
  if (term) return err(`blocked term "${term}"`);
  for (const phone of texts.flatMap(findPhones)) {
    if (!config.allowedPhones.includes(phone)) return err(`phone number ${phone} is not in allowedPhones`);
  }
  const linkProblem = checkLinks(all, config);
  if (linkProblem) return err(linkProblem);
  if (item.kind === 'notice' && item.qr !== undefined) {
    const qrTerm = findBlockedTerm(item.qr, config.blockedTerms);
    if (qrTerm) return err(`blocked term "${qrTerm}" in QR code`);
    const qrProblem = checkQr(item.qr, config);
    if (qrProblem) return err(qrProblem);
  }
  return ok(item);
}
