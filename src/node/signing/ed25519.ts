import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { err, ok, type Result, errorMessage } from '../../core/result';

export interface KeyPair {
  readonly publicKeyPem: string;
  readonly privateKeyPem: string;
  /** The public key as base64 SPKI DER: one line, fits in the config's `publicKey`. */
  readonly publicKeyBase64: string;
}

export function generateEd25519(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyBase64: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

/** A public key from the config: PEM, or base64 of the SPKI DER bytes. Only Ed25519. */
export function parsePublicKey(text: string): Result<KeyObject> {
  try {
    const trimmed = text.trim();
    const key = trimmed.includes('-----BEGIN')
      ? createPublicKey(trimmed)
      : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return err(`publicKey is a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
    return ok(key);
  } catch (error) {
    return err(`publicKey is not a readable Ed25519 key (${errorMessage(error)})`);
  }
}

export function parsePrivateKey(pem: string): Result<KeyObject> {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') return err(`the private key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`);
    return ok(key);
  } catch (error) {
    return err(`not a readable private key (${errorMessage(error)})`);
  }
}

/** Ed25519 signature over the exact bytes, base64. */
export const signBytes = (data: Uint8Array, privateKey: KeyObject): string =>
  sign(null, data, privateKey).toString('base64');

export function verifyBytes(data: Uint8Array, signatureBase64: string, publicKey: KeyObject): boolean {
  const trimmed = signatureBase64.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return false;
  const signature = Buffer.from(trimmed, 'base64');
  if (signature.length !== 64) return false;
  try {
    return verify(null, data, publicKey, signature);
  } catch {
    return false;
  }
}
