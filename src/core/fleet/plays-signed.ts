import { z } from 'zod';
import { PlaysChunk, type PlaysAck } from './plays';

/**
 * A signed play upload (docs/fleet.md, "Proof of play"): the batch travels as its exact JSON
 * text, signed by the screen's own Ed25519 key (the one registered when it joined). The
 * console checks the signature over those bytes with the key it holds for the screen the
 * topic names, then the batch number and the hash chain, before a record is stored.
 */
export const PlaysBatch = PlaysChunk.extend({
  /** Numbered per screen, rising with each upload: one the console already took is a replay. */
  batch: z.number().int().nonnegative(),
});
export type PlaysBatch = z.infer<typeof PlaysBatch>;

export const SignedPlays = z.strictObject({
  /** The batch's JSON text, exactly as signed. */
  batch: z.string().min(2).max(400_000),
  /** Base64 Ed25519 signature over the UTF-8 bytes of `batch`. */
  sig: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'a base64 Ed25519 signature'),
});
export type SignedPlays = z.infer<typeof SignedPlays>;

/** Why a whole upload was refused; each is counted per screen and shown on the dashboard. */
export const PlaysRefusal = z.enum(['malformed', 'unknown-screen', 'revoked', 'forged', 'replayed', 'broken-chain']);
export type PlaysRefusal = z.infer<typeof PlaysRefusal>;

export type PlaysVerdict =
  | { readonly kind: 'accept'; readonly batch: PlaysBatch }
  | { readonly kind: 'refuse'; readonly reason: PlaysRefusal; readonly message: string };

const clip = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}…` : text);
const refuse = (reason: PlaysRefusal, message: string): PlaysVerdict => ({ kind: 'refuse', reason, message });

/** The envelope as it came off the wire, read without trusting it. */
export function readSignedPlays(text: string): { ok: true; value: SignedPlays } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON (${clip(error instanceof Error ? error.message : String(error))})` };
  }
  const parsed = SignedPlays.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `not a signed batch of play records: ${clip(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`)}` };
}

function readBatch(text: string): PlaysBatch | string {
  try {
    const parsed = PlaysBatch.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    return `not a batch of play records: ${clip(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`)}`;
  } catch {
    return 'the signed batch is not JSON';
  }
}

export interface PlaysCheck {
  /** The screen the topic names (the broker account that published it may have been stolen). */
  readonly screen: string;
  /** What the console's registry holds for that screen; undefined when it never joined. */
  readonly registered: { readonly revoked: boolean } | undefined;
  /** Whether `sig` verifies over the batch's bytes with that screen's registered key. */
  readonly signatureValid: boolean;
  readonly batchText: string;
  /** The console's chain for the screen, with the last batch number it took. */
  readonly chain: PlaysAck;
}

/** Whether the batch continues the stored chain: its first new record must link to the last stored one. */
function linkProblem(batch: PlaysBatch, chain: PlaysAck): string | undefined {
  const first = batch.records.find((r) => r.seq > chain.seq);
  if (!first || first.seq !== chain.seq + 1 || first.prev === chain.hash) return undefined;
  return `record ${first.seq} does not follow the console's record ${chain.seq} of ${batch.screenId} (chain broken)`;
}

/** The console's decision on one signed upload: every check in order, the first failure names the reason. */
export function judgePlays(c: PlaysCheck): PlaysVerdict {
  if (!c.registered) return refuse('unknown-screen', `no screen "${c.screen}" joined this console`);
  if (c.registered.revoked) return refuse('revoked', `screen "${c.screen}" was revoked`);
  if (!c.signatureValid) return refuse('forged', `the signature does not match the key screen "${c.screen}" joined with`);
  const batch = readBatch(c.batchText);
  if (typeof batch === 'string') return refuse('malformed', batch);
  if (batch.screenId !== c.screen) return refuse('forged', `names screen "${clip(batch.screenId)}" but came on the topic of "${c.screen}"`);
  const last = c.chain.batch ?? -1;
  if (batch.batch <= last) return refuse('replayed', `batch ${batch.batch} was already taken (the console is at batch ${last})`);
  const broken = linkProblem(batch, c.chain);
  if (broken) return refuse('broken-chain', broken);
  return { kind: 'accept', batch };
}

/** The batch text a screen signs: its chunk and its number. */
export const batchText = (chunk: PlaysChunk, batch: number): string => JSON.stringify({ ...chunk, batch } satisfies PlaysBatch);

/** "2 forged, 1 replayed": the counts in a fixed order, zeros left out. */
export function refusalSummary(counts: Partial<Record<PlaysRefusal, number>>, words: (reason: PlaysRefusal) => string = (r) => r): string {
  return PlaysRefusal.options.flatMap((r) => ((counts[r] ?? 0) > 0 ? [`${counts[r]} ${words(r)}`] : [])).join(', ');
}
