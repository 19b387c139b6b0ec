import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mosquittoHash, newBrokerSecret, scryptHash } from '../../src/node/fleet/broker-secret';
import { REGISTRY_FILE } from '../../src/node/fleet/screen-registry';
import { ScreenRecord, ScreenRegistryFile } from '../../src/core/fleet/screen-registry';

/** One simulated screen's account: what joining hands the screen once. */
export interface BenchAccount {
  readonly screenId: string;
  readonly group: string;
  readonly user: string;
  readonly secret: string;
}

/**
 * Per-screen broker accounts made exactly as joining makes them (src/node/fleet/screen-registry.ts:
 * a fresh 144-bit secret, `screen.<hex>` user, scrypt and `$7$` hashes, the screen's own Ed25519
 * public key), written straight into the console's `screens.json` instead of one enrolment at a
 * time: a thousand token redemptions over HTTP would measure the enrolment, not the restart.
 */
export async function writeBenchAccounts(dataDir: string, ids: readonly string[], groupOf: (i: number) => string, now: Date): Promise<BenchAccount[]> {
  const made = await Promise.all(ids.map(async (screenId, i) => {
    const secret = newBrokerSecret();
    const user = `screen.${randomBytes(8).toString('hex')}`;
    const publicKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const record = ScreenRecord.parse({
      screenId, name: screenId, group: groupOf(i), publicKey, brokerUser: user,
      secretHash: await scryptHash(secret), mosquittoHash: await mosquittoHash(secret),
      createdAt: now.toISOString(), via: 'token', revokedAt: null,
    });
    return { record, account: { screenId, group: record.group, user, secret } };
  }));
  const file: ScreenRegistryFile = { format: 'kiosk-screens/1', screens: made.map((m) => m.record) };
  await writeFile(join(dataDir, REGISTRY_FILE), JSON.stringify(ScreenRegistryFile.parse(file), null, 1), { mode: 0o600 });
  return made.map((m) => m.account);
}
