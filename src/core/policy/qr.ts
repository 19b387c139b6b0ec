/**
 * A QR code sends a phone straight to its payload, with no viewer reading it first. So it
 * may hold exactly one thing: an https link on an allowed host, or `tel:` an allowed number.
 */
import { linkProblem } from './link-check';
import { linksIn } from './links';
import { phoneKey } from './phones';
import { hasInvisible } from './invisible';
import { viewOf } from './viewer-text';

export interface QrRules {
  readonly allowedLinkHosts: readonly string[];
  readonly allowedPhoneKeys: ReadonlySet<string>;
}

const TEL = /^tel:(\+?\d[\d-]{1,24})$/i;
const HTTPS = /^https:\/\/[^\s]+$/i;

function quoted(payload: string): string {
  return JSON.stringify(payload.length > 80 ? `${payload.slice(0, 79)}…` : payload);
}

function checkTel(number: string, rules: QrRules): string | undefined {
  return rules.allowedPhoneKeys.has(phoneKey(number)) ? undefined : `QR code phone number "${number}" is not on allowedPhones`;
}

function checkHttps(payload: string, rules: QrRules): string | undefined {
  if ((payload.match(/[a-z][a-z0-9+.-]*:\/\//gi) ?? []).length > 1) return `QR code payload ${quoted(payload)} holds more than one link`;
  let url: URL;
  try {
    url = new URL(payload);
  } catch {
    return `QR code link ${quoted(payload)} cannot be read`;
  }
  if (url.username || url.password) return `QR code link ${quoted(payload)} carries a user name (the real host is ${url.hostname})`;
  const [link] = linksIn(viewOf(payload));
  const problem = link ? linkProblem(link, rules.allowedLinkHosts) : `link ${quoted(payload)} cannot be read`;
  return problem === undefined ? undefined : `QR code ${problem}`;
}

export function checkQr(raw: string, rules: QrRules): string | undefined {
  const payload = raw.trim();
  if (/\s/.test(payload) || hasInvisible(payload)) return `QR code payload ${quoted(payload)} is not one link or number (spaces or hidden characters)`;
  // A phone's scanner and the URL parser here may split a backslash or non-ASCII differently: only plain ASCII passes.
  if (!/^[\x21-\x7e]+$/.test(payload) || payload.includes('\\')) {
    return `QR code payload ${quoted(payload)} holds characters a phone may read differently (only printable ASCII, no backslash)`;
  }
  const tel = TEL.exec(payload);
  if (tel) return checkTel(tel[1] ?? '', rules);
  if (HTTPS.test(payload)) return checkHttps(payload, rules);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(payload)?.[1];
  if (scheme && /^tel$/i.test(scheme)) return `QR code payload ${quoted(payload)} is not a single tel: number`;
  if (scheme) return `QR code payload with scheme "${scheme}:" is refused: only an https link or a tel: number`;
  return `QR code payload ${quoted(payload)} is not an https link or a tel: number`;
}
