import { generateKeyPairSync } from 'node:crypto';
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
}

export async function screenAccounts(ids: readonly string[], group: string | ((screenId: string) => string) = 'school-a'): Promise<ScreenAccounts> {
  const dir = await mkdtemp(join(tmpdir(), 'screens-'));
  const registry = await openScreenRegistry(dir, () => new Date());
  const made = new Map<string, { user: string; secret: string }>();
  for (const id of ids) {
    const publicKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const joined = await registry.add({ name: id, group: typeof group === 'string' ? group : group(id), publicKey, via: 'token' });
    if (joined.record.screenId !== id) throw new Error(`screen id ${joined.record.screenId}, wanted ${id}`);
    made.set(id, { user: joined.brokerUser, secret: joined.brokerSecret });
  }
  const of = (id: string): { user: string; secret: string } => {
    const found = made.get(id);
    if (!found) throw new Error(`no test account for ${id}`);
    return found;
  };
  return { registry, dir, user: (id) => of(id).user, secret: (id) => of(id).secret };
}
