import { z } from 'zod';
import { EnrolReply } from './enrolment';
import { TopicId } from './topics';

/**
 * Pairing (docs/fleet.md, "Joining screens"): an unconfigured screen shows a short code; an
 * admin types it into the console's "Add screen" page; the screen, polling with requests
 * signed by its own key, then receives its config. Knowing the code alone gets nothing.
 */

/** No 0/O, 1/I/L: a code read off a TV across a room is typed without doubt. */
export const PAIR_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PAIR_CODE_LENGTH = 8;
export const PAIR_TTL_MS = 10 * 60_000;
/** The console's "Add screen" page; the join card's QR code opens it with `?code=`. */
export const ADD_SCREEN_PAGE = '/console/#/add-screen';

export const PairCode = z.string().regex(new RegExp(`^[${PAIR_ALPHABET}]{${PAIR_CODE_LENGTH}}$`), `${PAIR_CODE_LENGTH} characters from ${PAIR_ALPHABET}`);

/** What people type: any case, with spaces or dashes; undefined when it cannot be a code. */
export function normalizeCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]+/g, '');
  return PairCode.safeParse(code).success ? code : undefined;
}

/** `ABCD EFGH`: two groups of four, easier to read aloud. */
export const showCode = (code: string): string => `${code.slice(0, 4)} ${code.slice(4)}`;

/** The bytes a screen signs for each pairing request: purpose, time and its key. */
export const pairSigned = (purpose: 'start' | 'exchange', at: string, publicKey: string): string => `kiosk-pair/1\n${purpose}\n${at}\n${publicKey}`;

export const PairRequest = z.strictObject({
  publicKey: z.string().min(40).max(200),
  at: z.iso.datetime({ offset: true }),
  signature: z.string().min(80).max(100),
});
export type PairRequest = z.infer<typeof PairRequest>;

export const PairStarted = z.strictObject({ code: PairCode, expires: z.iso.datetime({ offset: true }) });

export const PairState = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('waiting'), code: PairCode, expires: z.iso.datetime({ offset: true }) }),
  z.strictObject({ state: z.literal('joined'), reply: EnrolReply }),
]);
export type PairState = z.infer<typeof PairState>;

export const PairClaim = z.strictObject({ code: z.string().min(1).max(20), name: z.string().min(1).max(80), group: TopicId });
export const PairClaimed = z.strictObject({ screenId: TopicId });

/** A signed request is fresh within two minutes of the console's clock. */
export const PAIR_SKEW_MS = 2 * 60_000;
