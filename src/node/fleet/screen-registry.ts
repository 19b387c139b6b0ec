import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScreenGrant } from '../../core/fleet/grants';
import { freeScreenId, ScreenRecord, ScreenRegistryFile } from '../../core/fleet/screen-registry';
import { formatIssues } from '../../core/model/issues';
import { createNotifier } from '../../core/notifier';
import { writeFileAtomic } from '../atomic-file';
import { mosquittoHash, newBrokerSecret, scryptHash, scryptVerify, secretDigest } from './broker-secret';

/** What joining hands the screen once (the console keeps only hashes of the secret). */
export interface NewScreen {
  readonly record: ScreenRecord;
  readonly brokerUser: string;
  readonly brokerSecret: string;
}

export interface ScreenRegistry {
  list(): readonly ScreenRecord[];
  get(screenId: string): ScreenRecord | undefined;
  /** A new screen with a fresh broker account; its id from the name when free. */
  add(o: { name?: string; group: string; publicKey: string; via: ScreenRecord['via'] }): Promise<NewScreen>;
  /** Revoked screens stay listed (their plays stay in the report) but can no longer sign in. */
  revoke(screenId: string): Promise<ScreenRecord | undefined>;
  /** The grant of a live account whose secret matches; undefined otherwise. */
  verify(user: string, secret: string): Promise<ScreenGrant | undefined>;
  onChange(listener: () => void): () => void;
}

export const REGISTRY_FILE = 'screens.json';

async function load(file: string): Promise<ScreenRecord[]> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  const parsed = ScreenRegistryFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(formatIssues(file, parsed.error).join('; '));
  return parsed.data.screens;
}

/** The screens registry in `<data>/screens.json`, written only by the console (atomically, one change at a time). */
export async function openScreenRegistry(dataDir: string, now: () => Date, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<ScreenRegistry> {
  const file = join(dataDir, REGISTRY_FILE);
  let screens = await load(file);
  const checked = new Map<string, string>();
  const changes = createNotifier((e: unknown) => log(`screens registry: a listener failed: ${String(e)}`));
  let queue = Promise.resolve();
  const save = async (next: ScreenRecord[]): Promise<void> => {
    const body: ScreenRegistryFile = { format: 'kiosk-screens/1', screens: next };
    await writeFileAtomic(file, JSON.stringify(body, null, 1), 0o600);
    screens = next;
    changes.notify();
  };
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.then(() => undefined, () => undefined);
    return result;
  };
  return {
    list: () => screens,
    get: (screenId) => screens.find((s) => s.screenId === screenId),
    add: (o) => serial(async () => {
      const brokerSecret = newBrokerSecret();
      const brokerUser = `screen.${randomBytes(8).toString('hex')}`;
      const screenId = freeScreenId(new Set(screens.map((s) => s.screenId)), o.group, o.name);
      const record = ScreenRecord.parse({
        screenId, name: (o.name ?? screenId).slice(0, 80), group: o.group, publicKey: o.publicKey, brokerUser,
        secretHash: await scryptHash(brokerSecret), mosquittoHash: await mosquittoHash(brokerSecret),
        createdAt: now().toISOString(), via: o.via, revokedAt: null,
      });
      await save([...screens, record]);
      return { record, brokerUser, brokerSecret };
    }),
    revoke: (screenId) => serial(async () => {
      const found = screens.find((s) => s.screenId === screenId);
      if (!found) return undefined;
      const revoked = { ...found, revokedAt: found.revokedAt ?? now().toISOString() };
      for (const key of [...checked.keys()]) if (checked.get(key) === found.brokerUser) checked.delete(key);
      await save(screens.map((s) => (s.screenId === screenId ? revoked : s)));
      return revoked;
    }),
    async verify(user, secret) {
      const record = screens.find((s) => s.brokerUser === user && s.revokedAt === null);
      if (!record) return undefined;
      const digest = secretDigest(user, secret);
      if (checked.get(digest) !== user) {
        if (!(await scryptVerify(secret, record.secretHash))) return undefined;
        checked.set(digest, user);
      }
      // Read again: a revocation may have landed while scrypt ran.
      return record.revokedAt === null && screens.includes(record) ? { screenId: record.screenId, groups: [record.group] } : undefined;
    },
    onChange: (listener) => changes.subscribe(listener),
  };
}
