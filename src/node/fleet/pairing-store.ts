import { randomInt } from 'node:crypto';
import { PAIR_ALPHABET, PAIR_CODE_LENGTH, PAIR_TTL_MS, type PairState } from '../../core/fleet/pairing';
import type { EnrolReply } from '../../core/fleet/enrolment';
import { err, ok, type Result } from '../../core/result';

interface Pending {
  readonly code: string;
  readonly publicKey: string;
  readonly expiresMs: number;
  reply?: EnrolReply;
  claimed: boolean;
}

export interface PairingStore {
  /** A code for this key (the same one again while it is valid: a screen that restarts keeps its code). */
  start(publicKey: string, address: string, nowMs: number): Result<{ code: string; expiresMs: number }>;
  /** The pending pairing of a code, for an admin to claim; guessing is limited per address. */
  take(code: string, address: string, nowMs: number): Result<{ publicKey: string }>;
  /** The claimed screen's config, waiting for the screen to fetch it. */
  fulfil(code: string, reply: EnrolReply): void;
  /** What the screen of this key gets now; a config is handed over once, then forgotten. */
  state(publicKey: string, nowMs: number): PairState | undefined;
}

const newCode = (): string => Array.from({ length: PAIR_CODE_LENGTH }, () => PAIR_ALPHABET[randomInt(PAIR_ALPHABET.length)]).join('');

/** A sliding window of attempts per address: `full` asks without counting, `hit` counts one. */
function limiter(max: number, windowMs: number): { full(address: string, nowMs: number): boolean; hit(address: string, nowMs: number): void } {
  const hits = new Map<string, number[]>();
  const recent = (address: string, nowMs: number): number[] => {
    const kept = (hits.get(address) ?? []).filter((t) => t > nowMs - windowMs);
    hits.set(address, kept);
    return kept;
  };
  return {
    full: (address, nowMs) => recent(address, nowMs).length >= max,
    hit: (address, nowMs) => void recent(address, nowMs).push(nowMs),
  };
}

/**
 * Pending pairings, in memory: a code lives 10 minutes and is used once. 31^8 ≈ 8.5·10^11
 * codes against 10 wrong guesses per address per 10 minutes makes guessing a live one
 * hopeless within its lifetime.
 */
export function createPairingStore(): PairingStore {
  const byCode = new Map<string, Pending>();
  const startLimit = limiter(30, PAIR_TTL_MS);
  const guessLimit = limiter(10, PAIR_TTL_MS);
  const sweep = (nowMs: number): void => {
    for (const [code, p] of byCode) if (p.expiresMs <= nowMs) byCode.delete(code);
  };
  const ofKey = (publicKey: string): Pending | undefined => [...byCode.values()].find((p) => p.publicKey === publicKey);
  return {
    start(publicKey, address, nowMs) {
      sweep(nowMs);
      const existing = ofKey(publicKey);
      if (existing && !existing.claimed) return ok({ code: existing.code, expiresMs: existing.expiresMs });
      if (startLimit.full(address, nowMs)) return err('too many pairing codes asked from this address; wait a few minutes');
      startLimit.hit(address, nowMs);
      let code = newCode();
      while (byCode.has(code)) code = newCode();
      byCode.set(code, { code, publicKey, expiresMs: nowMs + PAIR_TTL_MS, claimed: false });
      return ok({ code, expiresMs: nowMs + PAIR_TTL_MS });
    },
    take(code, address, nowMs) {
      sweep(nowMs);
      // Checked before the lookup: past the limit even the right code is refused, or guessing would go on.
      if (guessLimit.full(address, nowMs)) return err('too many wrong pairing codes from this address; wait 10 minutes');
      const pending = byCode.get(code);
      if (pending && !pending.claimed) {
        pending.claimed = true;
        return ok({ publicKey: pending.publicKey });
      }
      guessLimit.hit(address, nowMs);
      return err(pending ? 'this pairing code was already used' : 'no screen shows this pairing code (it may have expired after 10 minutes: the screen then shows a new one)');
    },
    fulfil(code, reply) {
      const pending = byCode.get(code);
      if (pending) pending.reply = reply;
    },
    state(publicKey, nowMs) {
      sweep(nowMs);
      const pending = ofKey(publicKey);
      if (!pending) return undefined;
      if (pending.reply) {
        byCode.delete(pending.code);
        return { state: 'joined', reply: pending.reply };
      }
      return { state: 'waiting', code: pending.code, expires: new Date(pending.expiresMs).toISOString() };
    },
  };
}
