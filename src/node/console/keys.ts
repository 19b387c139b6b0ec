import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { generateEd25519, parsePrivateKey } from '../signing/ed25519';
import { writeFileAtomic } from '../atomic-file';

export interface SigningKeys {
  readonly privateKey: KeyObject;
  /** Base64 SPKI: what a screen's `feeds.publicKey` holds. */
  readonly publicKeyBase64: string;
}

const PRIVATE = 'publisher.key';
const PUBLIC = 'publisher.pub';

const publicOf = (privateKey: KeyObject): string =>
  createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');

const refusal = (file: string, why: string): Error =>
  new Error(`${file}: ${why}. The console will not replace a signing key it cannot read: restore the file from a backup, `
    + 'or move it away to make a new key (every screen then needs the new public key).');

/**
 * The publisher's Ed25519 key pair in `<data>/keys`, made on first use; the private key is 0600.
 * The private key is the truth: `publisher.pub` is derived from it and rewritten when it is
 * missing or does not match (a kill between the two writes of a rotation). A private key that
 * exists but cannot be read or parsed stops the start, naming the file, and is left as it is.
 */
export async function loadOrCreateKeys(dir: string): Promise<SigningKeys> {
  const file = join(dir, PRIVATE);
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return writePair(dir, generateEd25519().privateKeyPem);
    throw refusal(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const privateKey = parsePrivateKey(pem);
  if (!privateKey.ok) throw refusal(file, privateKey.error);
  const publicKeyBase64 = publicOf(privateKey.value);
  const pub = (await readFile(join(dir, PUBLIC), 'utf8').catch(() => '')).trim();
  if (pub !== publicKeyBase64) await writeFileAtomic(join(dir, PUBLIC), `${publicKeyBase64}\n`);
  return { privateKey: privateKey.value, publicKeyBase64 };
}

/** Private first, then the public key derived from it: the private file is the one atomic switch. */
async function writePair(dir: string, privateKeyPem: string): Promise<SigningKeys> {
  const privateKey = parsePrivateKey(privateKeyPem);
  if (!privateKey.ok) throw new Error(privateKey.error);
  const publicKeyBase64 = publicOf(privateKey.value);
  await writeFileAtomic(join(dir, PRIVATE), privateKeyPem, 0o600);
  await writeFileAtomic(join(dir, PUBLIC), `${publicKeyBase64}\n`);
  return { privateKey: privateKey.value, publicKeyBase64 };
}

/** `<name>.<stamp>[-n].old`, never the name of an archive that exists (two rotations in one millisecond). */
async function archiveSuffix(dir: string, stamp: string): Promise<string> {
  const base = stamp.replace(/[^0-9A-Za-z]/g, '');
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? base : `${base}-${n}`;
    const taken = await stat(join(dir, `${PRIVATE}.${suffix}.old`)).then(() => true, () => false);
    if (!taken) return suffix;
  }
}

/**
 * A new pair; the current one is archived beside it first (copies, each written atomically)
 * so an operator can still check what it signed. The caller runs rotations one at a time.
 * A kill at any point leaves a current pair that matches (the public key is re-derived at
 * start) and archives that each hold a matching pair.
 */
export async function rotateKeys(dir: string, stamp: string, current: SigningKeys): Promise<SigningKeys> {
  const suffix = await archiveSuffix(dir, stamp);
  const oldPem = current.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await writeFileAtomic(join(dir, `${PRIVATE}.${suffix}.old`), oldPem, 0o600);
  await writeFileAtomic(join(dir, `${PUBLIC}.${suffix}.old`), `${current.publicKeyBase64}\n`);
  return writePair(dir, generateEd25519().privateKeyPem);
}
