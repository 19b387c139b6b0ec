import { fill, type Strings } from './i18n';

type PolicyKey = 'policy_term' | 'policy_phone' | 'policy_link_host' | 'policy_link_scheme' | 'policy_qr_phone' | 'policy_qr_payload' | 'policy_qr_term';

/** The core policy's reasons (English sentences) matched to the console's own words. */
const PATTERNS: readonly (readonly [RegExp, PolicyKey])[] = [
  [/^blocked term "([^"]+)".* in QR code/, 'policy_qr_term'],
  [/^blocked term "([^"]+)"/, 'policy_term'],
  [/^phone number "(.+)" is not on allowedPhones$/, 'policy_phone'],
  [/^QR code phone number "(.+)" is not on allowedPhones$/, 'policy_qr_phone'],
  [/^QR code payload .* is not an https link or a tel: number$/, 'policy_qr_payload'],
  [/^(?:QR code )?(?:link|e-mail address) "(.+)" is not on allowedLinkHosts$/, 'policy_link_host'],
  [/^(?:QR code )?(?:link|e-mail address) "(.+)" is not a web link$/, 'policy_link_scheme'],
];

/** A reason in the page's language; one the console does not know is shown as the server wrote it. */
export function policyText(reason: string, t: Strings): string {
  for (const [pattern, key] of PATTERNS) {
    const match = pattern.exec(reason);
    if (match) return fill(t[key], { x: match[1] ?? '' });
  }
  return reason;
}
