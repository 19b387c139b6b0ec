import { z } from 'zod';
import { TopicId } from './topics';

/**
 * Bulk enrolment (docs/fleet.md, "Joining screens"). `kiosk enrol` writes single-use tokens;
 * each travels as one value that holds everything a screen needs to find and trust the
 * console: `kiosk-enrol:v1:<base64url of EnrolValue's JSON>`.
 */
export const ENROL_PREFIX = 'kiosk-enrol:v1:';

export const EnrolToken = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, 'an enrolment token (32–64 letters, digits, "-" or "_")');

export const EnrolValue = z.strictObject({
  /** The console's origin, where the screen redeems the token. */
  url: z.url({ protocol: /^https?$/ }),
  token: EnrolToken,
  /** base64url SHA-256 of the console's public key (SPKI DER): the screen trusts only that key. */
  fp: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a key fingerprint (43 base64url characters)'),
});
export type EnrolValue = z.infer<typeof EnrolValue>;

/** What the screen proves: it holds the private half of `publicKey` (a signature over `enrolSigned`). */
export const EnrolRequest = z.strictObject({
  token: EnrolToken,
  publicKey: z.string().min(40).max(200),
  signature: z.string().min(80).max(100),
  name: z.string().min(1).max(80).optional(),
});
export type EnrolRequest = z.infer<typeof EnrolRequest>;

/** The exact bytes a joining screen signs: the token (or pairing code) bound to its key. */
export const enrolSigned = (secret: string, publicKey: string): string => `kiosk-enrol/1\n${secret}\n${publicKey}`;

/** The console's answer: the screen's id and its whole device config (fleet account included). */
export const EnrolReply = z.strictObject({ screenId: TopicId, config: z.record(z.string(), z.unknown()) });
export type EnrolReply = z.infer<typeof EnrolReply>;

/** One line of the append-only token file: a token issued (only its hash), or one used. */
export const TokenLine = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('issued'), hash: z.string().regex(/^[0-9a-f]{64}$/), group: TopicId, expires: z.iso.datetime({ offset: true }), at: z.iso.datetime({ offset: true }) }),
  z.strictObject({ kind: z.literal('used'), hash: z.string().regex(/^[0-9a-f]{64}$/), screenId: TopicId, at: z.iso.datetime({ offset: true }) }),
]);
export type TokenLine = z.infer<typeof TokenLine>;

export type TokenCheck =
  | { readonly state: 'valid'; readonly group: string }
  | { readonly state: 'unknown' | 'used' | 'expired'; readonly message: string };

/** What a token's hash is worth now, from the file's lines. */
export function checkToken(lines: readonly TokenLine[], hash: string, nowMs: number): TokenCheck {
  const issued = lines.find((l) => l.kind === 'issued' && l.hash === hash);
  if (!issued || issued.kind !== 'issued') return { state: 'unknown', message: 'this enrolment token is unknown to the console (mistyped, or from another console)' };
  const used = lines.find((l) => l.kind === 'used' && l.hash === hash);
  if (used && used.kind === 'used') return { state: 'used', message: `this enrolment token was already used (by screen "${used.screenId}" at ${used.at}); each token joins one screen` };
  if (Date.parse(issued.expires) <= nowMs) return { state: 'expired', message: `this enrolment token expired at ${issued.expires}; make new ones with kiosk enrol` };
  return { state: 'valid', group: issued.group };
}
