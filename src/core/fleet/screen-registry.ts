import { z } from 'zod';
import { BrokerUser } from './grants';
import { TopicId } from './topics';

/**
 * One screen the console knows (docs/fleet.md, "Joining screens"). The console keeps only
 * what cannot act as the screen: the public half of its Ed25519 key and hashes of its broker
 * secret (scrypt for the embedded broker, PBKDF2-SHA512 `$7$` for a Mosquitto password file).
 */
export const ScreenRecord = z.strictObject({
  screenId: TopicId,
  name: z.string().min(1).max(80),
  group: TopicId,
  /** Base64 SPKI (DER) of the screen's Ed25519 key, created on the screen. */
  publicKey: z.string().min(40).max(200),
  brokerUser: BrokerUser,
  /** `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>`. */
  secretHash: z.string().startsWith('scrypt$').max(300),
  /** mosquitto_passwd-compatible `$7$<iterations>$<salt b64>$<hash b64>`. */
  mosquittoHash: z.string().startsWith('$7$').max(300),
  createdAt: z.iso.datetime({ offset: true }),
  /** How it joined: a bulk enrolment token or a pairing code. */
  via: z.enum(['token', 'pairing']),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ScreenRecord = z.infer<typeof ScreenRecord>;

export const ScreenRegistryFile = z.strictObject({
  format: z.literal('kiosk-screens/1'),
  screens: z.array(ScreenRecord),
});
export type ScreenRegistryFile = z.infer<typeof ScreenRegistryFile>;

/** A free screen id from a name or a group: the name's safe letters, else `<group>-NN`. */
export function freeScreenId(taken: ReadonlySet<string>, group: string, name?: string): string {
  const base = (name ?? '').normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-._]+|[-._]+$/g, '').slice(0, 48) || group.slice(0, 48);
  if (name && !taken.has(base) && TopicId.safeParse(base).success) return base;
  for (let n = 1; ; n++) {
    const id = `${base}-${String(n).padStart(2, '0')}`;
    if (!taken.has(id)) return id;
  }
}
