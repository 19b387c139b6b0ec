import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { generateEd25519, parsePrivateKey, parsePublicKey } from '../signing/ed25519';
import { writeFileAtomic } from '../atomic-file';

export interface SigningKeys {
  readonly privateKey: KeyObject;
  /** Base64 SPKI: what a screen's `feeds.publicKey` holds. */
  readonly publicKeyBase64: string;
}

const PRIVATE = 'publisher.key';
const PUBLIC = 'publisher.pub';

/** The publisher's Ed25519 key pair in `<data>/keys`, made on first use; the private key is 0600. */
export async function loadOrCreateKeys(dir: string): Promise<SigningKeys> {
  const pem = await readFile(join(dir, PRIVATE), 'utf8').catch(() => undefined);
  const pub = await readFile(join(dir, PUBLIC), 'utf8').catch(() => undefined);
  if (pem && pub) {
    const privateKey = parsePrivateKey(pem);
    const publicKey = parsePublicKey(pub);
    if (!privateKey.ok) throw new Error(`${join(dir, PRIVATE)}: ${privateKey.error}`);
    if (!publicKey.ok) throw new Error(`${join(dir, PUBLIC)}: ${publicKey.error}`);
    return { privateKey: privateKey.value, publicKeyBase64: pub.trim() };
  }
  return createKeys(dir);
}

async function createKeys(dir: string): Promise<SigningKeys> {
  const pair = generateEd25519();
  // Private first: a kill between the two writes leaves no public key, so the next start makes a fresh pair.
  await writeFileAtomic(join(dir, PRIVATE), pair.privateKeyPem, 0o600);
  await writeFileAtomic(join(dir, PUBLIC), `${pair.publicKeyBase64}\n`);
  const privateKey = parsePrivateKey(pair.privateKeyPem);
  if (!privateKey.ok) throw new Error(privateKey.error);
  return { privateKey: privateKey.value, publicKeyBase64: pair.publicKeyBase64 };
}

/** A new pair; the old one is kept beside it (renamed) so an operator can still read what it signed. */
export async function rotateKeys(dir: string, stamp: string): Promise<SigningKeys> {
  const suffix = stamp.replace(/[^0-9A-Za-z]/g, '');
  await rename(join(dir, PRIVATE), join(dir, `${PRIVATE}.${suffix}.old`)).catch(() => undefined);
  await rename(join(dir, PUBLIC), join(dir, `${PUBLIC}.${suffix}.old`)).catch(() => undefined);
  return createKeys(dir);
}
