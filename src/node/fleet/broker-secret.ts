import { createHash, pbkdf2, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;
const pbkdf2Async = promisify(pbkdf2);
/**
 * A broker secret is 144 random bits, not a password a person chose: no dictionary reaches it,
 * so stretching buys nothing and N = 16,384 only made every reconnection after a console
 * restart wait for its check (1,000 screens: over a minute on 2 cores, docs/performance.md).
 * N = 1,024 (1 MB, ~2 ms) keeps the format; hashes stored with another N verify with theirs.
 */
const SCRYPT = { N: 1024, r: 8, p: 1 } as const;
/** mosquitto_passwd's defaults for `$7$`: PBKDF2-HMAC-SHA512, 101 iterations, a 12-byte salt, a 64-byte hash. */
const MOSQUITTO_ITERATIONS = 101;

/** A fresh broker secret for one screen (144 bits). */
export const newBrokerSecret = (): string => randomBytes(18).toString('base64url');

export async function scryptHash(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function scryptVerify(secret: string, stored: string): Promise<boolean> {
  const [tag, n, r, p, saltText, hashText] = stored.split('$');
  if (tag !== 'scrypt' || !saltText || !hashText) return false;
  const expected = Buffer.from(hashText, 'base64');
  const got = await scryptAsync(secret, Buffer.from(saltText, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) }).catch(() => undefined);
  return got !== undefined && got.length === expected.length && timingSafeEqual(got, expected);
}

/** The line format of a Mosquitto 2 password file (`user:$7$…`), as `mosquitto_passwd` writes it. */
export async function mosquittoHash(secret: string): Promise<string> {
  const salt = randomBytes(12);
  const hash = await pbkdf2Async(secret, salt, MOSQUITTO_ITERATIONS, 64, 'sha512');
  return `$7$${MOSQUITTO_ITERATIONS}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** A digest to remember a secret already checked, so that reconnects do not each pay scrypt. */
export const secretDigest = (user: string, secret: string): string => createHash('sha256').update(`${user}\0${secret}`).digest('hex');
