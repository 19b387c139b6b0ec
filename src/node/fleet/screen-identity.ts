import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-file';
import { generateEd25519, parsePrivateKey } from '../signing/ed25519';

/** The screen's own Ed25519 key pair, made on the screen when it first joins; the private half never leaves it. */
export interface ScreenIdentity {
  readonly privateKey: KeyObject;
  /** Base64 SPKI DER, as the console's registry keeps it. */
  readonly publicKeyBase64: string;
}

export const IDENTITY_FILE = 'identity.json';
/** The device config the console returned when the screen joined (0600: it holds the broker secret). */
export const JOINED_CONFIG_FILE = 'joined-config.json';

const IdentityFile = z.strictObject({ format: z.literal('kiosk-screen-identity/1'), privateKeyPem: z.string(), publicKey: z.string() });

export async function loadIdentity(dataDir: string): Promise<ScreenIdentity | undefined> {
  const text = await readFile(join(dataDir, IDENTITY_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = IdentityFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${join(dataDir, IDENTITY_FILE)} is not a screen identity: move it away to join again`);
  const key = parsePrivateKey(parsed.data.privateKeyPem);
  if (!key.ok) throw new Error(`${join(dataDir, IDENTITY_FILE)}: ${key.error}`);
  return { privateKey: key.value, publicKeyBase64: parsed.data.publicKey };
}

export async function loadOrCreateIdentity(dataDir: string): Promise<ScreenIdentity> {
  const existing = await loadIdentity(dataDir);
  if (existing) return existing;
  const pair = generateEd25519();
  const file: z.infer<typeof IdentityFile> = { format: 'kiosk-screen-identity/1', privateKeyPem: pair.privateKeyPem, publicKey: pair.publicKeyBase64 };
  await writeFileAtomic(join(dataDir, IDENTITY_FILE), JSON.stringify(file), 0o600);
  const key = parsePrivateKey(pair.privateKeyPem);
  if (!key.ok) throw new Error(key.error);
  return { privateKey: key.value, publicKeyBase64: pair.publicKeyBase64 };
}
