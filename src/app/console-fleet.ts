import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FleetSettings } from '../core/model/fleet-config';
import { writeFileAtomic } from '../node/atomic-file';
import type { SigningKeys } from '../node/console/keys';
import { startFleetConsole, type FleetConsole } from '../node/fleet/console-fleet';
import { startEmbeddedBroker, type EmbeddedBroker } from '../node/fleet/embedded-broker';
import { openPlayIntake, type PlayIntake } from '../node/fleet/play-intake';

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
  readonly now: () => Date;
  readonly log: (line: string) => void;
}

export interface ConsoleFleet {
  readonly fleet: FleetConsole;
  /** The address screens are given in their device config. */
  readonly brokerUrl: string;
  readonly prefix: string;
  /** The embedded broker's screen password; undefined on an external broker (one account per screen). */
  readonly joinPassword: string | undefined;
  /** Play records from screens (over the broker, or from USB returns). */
  readonly intake: PlayIntake;
  close(): Promise<void>;
}

const Secrets = z.strictObject({ consolePassword: z.string().min(16), screenPassword: z.string().min(16) });

/** Random broker passwords, made once and kept in a 0600 file in the data folder. */
async function secrets(dataDir: string): Promise<z.infer<typeof Secrets>> {
  const file = join(dataDir, 'fleet-secrets.json');
  const parsed = await readFile(file, 'utf8').then((t) => Secrets.safeParse(JSON.parse(t)), () => undefined);
  if (parsed?.success) return parsed.data;
  const made = { consolePassword: randomBytes(18).toString('base64url'), screenPassword: randomBytes(18).toString('base64url') };
  await writeFileAtomic(file, JSON.stringify(made), 0o600);
  return made;
}

/** The console's fleet side: a broker (embedded unless one is given), the fleet service, the play-record intake. */
export async function startConsoleFleet(o: ConsoleFleetOptions): Promise<ConsoleFleet> {
  const own = await secrets(o.dataDir);
  let embedded: EmbeddedBroker | undefined;
  if (!o.broker) {
    embedded = await startEmbeddedBroker({ host: o.mqttHost, port: o.mqttPort, prefix: o.prefix, consolePassword: own.consolePassword, screenPassword: own.screenPassword, log: o.log });
  }
  const brokerUrl = o.broker ?? embedded!.url;
  const intake = await openPlayIntake(o.dataDir);
  const fleet = await startFleetConsole({
    settings: FleetSettings.parse({ broker: brokerUrl, prefix: o.prefix, username: o.username ?? 'console', password: o.broker ? o.password : own.consolePassword }),
    privateKey: () => o.keys().privateKey,
    dataDir: o.dataDir,
    intake,
    now: o.now,
    log: o.log,
  });
  return {
    fleet,
    brokerUrl,
    prefix: o.prefix,
    joinPassword: embedded ? own.screenPassword : undefined,
    intake,
    async close() {
      await fleet.close();
      await embedded?.close();
    },
  };
}
