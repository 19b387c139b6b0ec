import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openScreenRegistry, type ScreenRegistry } from '../../src/node/fleet/screen-registry';

/** Screens joined to a registry in a temp folder, each with its own key and broker account, as joining makes them. */
export interface ScreenAccounts {
  readonly registry: ScreenRegistry;
  readonly dir: string;
  user(screenId: string): string;
  secret(screenId: string): string;
  /** The screen's own private key (the registry holds its public half): it signs the screen's play uploads. */
  key(screenId: string): KeyObject;
  /** What the console's registry says of a screen, as the console passes it to the play intake. */
  registered(screenId: string): { publicKey: string; revoked: boolean } | undefined;
}

export async function screenAccounts(ids: readonly string[], group: string | ((screenId: string) => string) = 'school-a'): Promise<ScreenAccounts> {
  const dir = await mkdtemp(join(tmpdir(), 'screens-'));
  const registry = await openScreenRegistry(dir, () => new Date());
  const made = new Map<string, { user: string; secret: string; key: KeyObject }>();
  for (const id of ids) {
    const pair = generateKeyPairSync('ed25519');
    const publicKey = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const joined = await registry.add({ name: id, group: typeof group === 'string' ? group : group(id), publicKey, via: 'token' });
    if (joined.record.screenId !== id) throw new Error(`screen id ${joined.record.screenId}, wanted ${id}`);
    made.set(id, { user: joined.brokerUser, secret: joined.brokerSecret, key: pair.privateKey });
  }
  const of = (id: string): { user: string; secret: string; key: KeyObject } => {
    const found = made.get(id);
    if (!found) throw new Error(`no test account for ${id}`);
    return found;
  };
  const registered = (id: string): { publicKey: string; revoked: boolean } | undefined => {
    const record = registry.get(id);
    return record ? { publicKey: record.publicKey, revoked: record.revokedAt !== null } : undefined;
  };
  return { registry, dir, user: (id) => of(id).user, secret: (id) => of(id).secret, key: (id) => of(id).key, registered };
}
