import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { INITIAL_PIN_STATE, PinGuardState, PinHashFile } from '../core/operator/pin-guard';
import { writeFileAtomic } from './atomic-file';
import { readJsonAs } from './json-file';

export const pinHashFile = (dataDir: string): string => join(dataDir, 'operator-pin.json');
export const pinLockFile = (dataDir: string): string => join(dataDir, 'operator-lock.json');

// 2^14 costs about 16 MB and a few tens of milliseconds: cheap for one operator, dear for a guesser.
const COST = 16_384;

function derive(pin: string, salt: string, cost: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, Buffer.from(salt, 'hex'), 32, { N: cost, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

async function matches(stored: PinHashFile, attempt: string): Promise<boolean> {
  const key = await derive(attempt, stored.salt, stored.cost);
  return timingSafeEqual(key, Buffer.from(stored.hash, 'hex'));
}

/**
 * Keeps the operator PIN as a salted scrypt hash in a 0600 file and returns a checker
 * that only knows the hash. The config's PIN is the source: a changed PIN is re-hashed.
 */
export async function preparePinCheck(dataDir: string, pin: string): Promise<(attempt: string) => Promise<boolean>> {
  const file = pinHashFile(dataDir);
  const existing = await readJsonAs(file, PinHashFile);
  let stored: PinHashFile;
  if (existing.ok && (await matches(existing.value, pin))) {
    stored = existing.value;
  } else {
    const salt = randomBytes(16).toString('hex');
    stored = { algorithm: 'scrypt', salt, hash: (await derive(pin, salt, COST)).toString('hex'), cost: COST };
    await writeFileAtomic(file, JSON.stringify(stored, null, 2), 0o600);
  }
  return (attempt) => matches(stored, attempt);
}

/** The lockout state as left by the last run, so a restart does not grant fresh attempts. */
export async function loadPinState(dataDir: string): Promise<PinGuardState> {
  const loaded = await readJsonAs(pinLockFile(dataDir), PinGuardState);
  return loaded.ok ? loaded.value : INITIAL_PIN_STATE;
}

export function savePinState(dataDir: string, state: PinGuardState): Promise<void> {
  return writeFileAtomic(pinLockFile(dataDir), JSON.stringify(state), 0o600);
}
