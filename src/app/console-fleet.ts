import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FleetSettings } from '../core/model/fleet-config';
import { writeFileAtomic } from '../node/atomic-file';
import type { SigningKeys } from '../node/console/keys';
import { startFleetConsole, type FleetConsole } from '../node/fleet/console-fleet';
import { startEmbeddedBroker, type EmbeddedBroker } from '../node/fleet/embedded-broker';
import { mosquittoFiles } from '../node/fleet/mosquitto-files';
import { openPlayIntake, type PlayIntake } from '../node/fleet/play-intake';
import { openScreenRegistry, type ScreenRegistry } from '../node/fleet/screen-registry';
import { openTokenStore, type TokenStore } from '../node/fleet/enrol-tokens';

export interface ConsoleFleetOptions {
  readonly dataDir: string;
  readonly keys: () => SigningKeys;
  /** An existing broker (Mosquitto, EMQX); without it the embedded one starts. */
  readonly broker?: string;
  /** The console's own broker account there (user `console` unless given). */
  readonly username?: string;
  readonly password?: string;
  readonly mqttHost: string;
  readonly mqttPort: number;
  readonly prefix: string;
  /** On an external Mosquitto: write its password and ACL files here, and SIGHUP the pid in this file after each change. */
  readonly mosquittoDir?: string;
  readonly mosquittoPidFile?: string;
  readonly now: () => Date;
  readonly log: (line: string) => void;
}

export interface ConsoleFleet {
  readonly fleet: FleetConsole;
  /** The address screens are given in their device config. */
  readonly brokerUrl: string;
  readonly prefix: string;
  /** Play records from screens (over the broker, or from USB returns). */
  readonly intake: PlayIntake;
  /** Every screen that joined, each with its own key and broker account. */
  readonly registry: ScreenRegistry;
  /** Bulk enrolment tokens (written by `kiosk enrol`, redeemed here). */
  readonly tokens: TokenStore;
  /** Revokes a screen: its account stops working and its connections close. */
  revoke(screenId: string): Promise<boolean>;
  close(): Promise<void>;
}

const Secrets = z.strictObject({ consolePassword: z.string().min(16) });
/** Consoles before per-screen identities kept one password for every screen beside their own. */
const FormerSecrets = z.strictObject({ consolePassword: z.string().min(16), screenPassword: z.string() });

export const JOIN_PASSWORD_GONE =
  'the shared screen join password is gone: every screen now has its own key and broker account. ' +
  'Screens configured with it are refused by the broker; join each one again with a pairing code or `kiosk enrol` (docs/fleet.md, "Joining screens").';

/** The console's random broker password, made once and kept in a 0600 file in the data folder. */
async function secrets(dataDir: string, log: (line: string) => void): Promise<z.infer<typeof Secrets>> {
  const file = join(dataDir, 'fleet-secrets.json');
  const json: unknown = await readFile(file, 'utf8').then((t) => JSON.parse(t) as unknown, () => undefined);
  const parsed = Secrets.safeParse(json);
  if (parsed.success) return parsed.data;
  const former = FormerSecrets.safeParse(json);
  if (former.success) log(`fleet: ${JOIN_PASSWORD_GONE}`);
  const made = { consolePassword: former.success ? former.data.consolePassword : randomBytes(18).toString('base64url') };
  await writeFileAtomic(file, JSON.stringify(made), 0o600);
  return made;
}

/** The console's fleet side: a broker (embedded unless one is given), the fleet service, the play-record intake. */
export async function startConsoleFleet(o: ConsoleFleetOptions): Promise<ConsoleFleet> {
  const own = await secrets(o.dataDir, o.log);
  const registry = await openScreenRegistry(o.dataDir, o.now, o.log);
  let embedded: EmbeddedBroker | undefined;
  if (!o.broker) {
    embedded = await startEmbeddedBroker({ host: o.mqttHost, port: o.mqttPort, prefix: o.prefix, consolePassword: own.consolePassword, screens: registry, log: o.log });
  }
  const files = o.broker && o.mosquittoDir
    ? await mosquittoFiles({ dir: o.mosquittoDir, prefix: o.prefix, consoleUser: o.username ?? 'console', consolePassword: o.password, log: o.log, ...(o.mosquittoPidFile ? { pidFile: o.mosquittoPidFile } : {}) })
    : undefined;
  // One write at a time, each from the registry as it is then: the newest change is always the last written.
  let writing = Promise.resolve();
  const writeFiles = (): Promise<void> => {
    if (!files) return Promise.resolve();
    writing = writing.then(() => files.write(registry.list())).catch((e: unknown) => o.log(`fleet: Mosquitto files: ${String(e)}`));
    return writing;
  };
  void writeFiles();
  const unsubscribe = registry.onChange(() => void writeFiles());
  const brokerUrl = o.broker ?? embedded!.url;
  const intake = await openPlayIntake(o.dataDir);
  const fleet = await startFleetConsole({
    settings: FleetSettings.parse({ broker: brokerUrl, prefix: o.prefix, username: o.username ?? 'console', password: o.broker ? o.password : own.consolePassword }),
    privateKey: () => o.keys().privateKey,
    dataDir: o.dataDir,
    intake,
    screenKey: (screenId) => {
      const record = registry.get(screenId);
      return record ? { publicKey: record.publicKey, revoked: record.revokedAt !== null } : undefined;
    },
    now: o.now,
    log: o.log,
  });
  return {
    fleet,
    brokerUrl,
    prefix: o.prefix,
    intake,
    registry,
    tokens: openTokenStore(o.dataDir),
    async revoke(screenId) {
      const revoked = await registry.revoke(screenId);
      if (!revoked) return false;
      const closed = embedded?.disconnect(revoked.brokerUser) ?? 0;
      // Mosquitto 2 reloads the files on SIGHUP and closes every connection whose account is gone.
      await writeFiles();
      await fleet.markOffline(screenId).catch((e: unknown) => o.log(`fleet: ${String(e)}`));
      const how = embedded ? `, ${closed} connection(s) closed` : files && o.mosquittoPidFile ? ', Mosquitto reloaded (it closes the screen\'s connections)' : '';
      o.log(`fleet: screen ${screenId} revoked${how}`);
      return true;
    },
    async close() {
      unsubscribe();
      await fleet.close();
      await embedded?.close();
    },
  };
}
