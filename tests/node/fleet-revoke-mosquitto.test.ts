import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from '../../src/app/console';
import type { ScreenStatus } from '../../src/core/fleet/topics';
import { FleetSettings } from '../../src/core/model/fleet-config';
import { REFUSED, startFleetAgent, type FleetAgent } from '../../src/node/fleet/agent';
import { mosquittoFiles } from '../../src/node/fleet/mosquitto-files';
import { ConsoleClient, PASSWORD, REPO_ROOT } from '../helpers/console-client';
import { startMosquittoWith, type Mosquitto } from '../helpers/mosquitto';
import { until } from '../helpers/until';

const CONSOLE_PASSWORD = 'console-on-mosquitto-secret';
const spki = (key: KeyObject): string => key.export({ type: 'spki', format: 'der' }).toString('base64');

interface Account {
  readonly id: string;
  readonly user: string;
  readonly secret: string;
}

const status = (id: string): string => JSON.stringify({ screenId: id, online: true, at: new Date().toISOString() } satisfies ScreenStatus);

/**
 * Revocation on a live Mosquitto 2: the console (started with --mosquitto-dir and Mosquitto's
 * pid file) rewrites the password and ACL files without the screen and sends SIGHUP; Mosquitto
 * reloads them and closes every connection whose account is gone (docs/fleet.md, "Mosquitto").
 */
describe('revoking a screen on Mosquitto cuts it off and leaves the others connected', () => {
  let mosquitto: Mosquitto & { readonly pidFile: string };
  let running: RunningConsole;
  let admin: ConsoleClient;
  let screens: Account[];
  let agent: FleetAgent;
  const agentLog: string[] = [];
  const others = new Map<string, { client: MqttClient; closes: number }>();
  const dirs: string[] = [];

  beforeAll(async () => {
    const mosqDir = await mkdtemp(join(tmpdir(), 'revoke-mosq-'));
    const dataDir = await mkdtemp(join(tmpdir(), 'revoke-console-'));
    dirs.push(mosqDir, dataDir);
    // Mosquitto starts on the files the console keeps (only the console's account at first).
    const files = await mosquittoFiles({ dir: mosqDir, prefix: 'kiosk', consoleUser: 'console', consolePassword: CONSOLE_PASSWORD, log: () => undefined });
    await files.write([]);
    mosquitto = await startMosquittoWith(files.passwordFile, files.aclFile);
    running = await startConsole({
      appRoot: REPO_ROOT, dataDir, port: 0, log: () => undefined,
      fleet: { broker: mosquitto.url, username: 'console', password: CONSOLE_PASSWORD, mosquittoDir: mosqDir, mosquittoPidFile: mosquitto.pidFile },
    });
    admin = new ConsoleClient(new URL(running.url).origin);
    const token = new URL(running.setupUrl ?? '').searchParams.get('token') ?? '';
    expect((await admin.call('setup', { body: { token, username: 'admin', password: PASSWORD } })).status).toBe(200);
    screens = [];
    for (const id of ['hall-1', 'hall-2', 'canteen-1']) {
      const joined = await running.fleet!.registry.add({ name: id, group: 'default', publicKey: spki(generateKeyPairSync('ed25519').publicKey), via: 'token' });
      screens.push({ id, user: joined.brokerUser, secret: joined.brokerSecret });
    }
    const [hall1, ...rest] = screens as [Account, ...Account[]];
    const agentDir = await mkdtemp(join(tmpdir(), 'revoke-agent-'));
    dirs.push(agentDir);
    // The files reach Mosquitto after each join (a rewrite and SIGHUP): the screens retry until then.
    agent = await startFleetAgent({
      settings: FleetSettings.parse({ broker: mosquitto.url, username: hall1.user, password: hall1.secret, keepaliveSeconds: 5, heartbeatSeconds: 5, groups: ['default'] }),
      screenId: hall1.id, publicKey: generateKeyPairSync('ed25519').publicKey, dataDir: agentDir,
      status: () => ({}), applyAlerts: () => [], runCommand: async () => ({ result: 'done' }), now: () => new Date(), log: (l) => agentLog.push(l),
    });
    for (const s of rest) {
      const client = await until(`${s.id} on Mosquitto`, () => mqtt.connectAsync(mosquitto.url, { username: s.user, password: s.secret, clientId: `screen-${s.id}`, reconnectPeriod: 0 }).catch(() => undefined), 20_000);
      const entry = { client, closes: 0 };
      client.on('close', () => void (entry.closes += 1));
      others.set(s.id, entry);
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all([...others.values()].map((o) => o.client.endAsync(true)));
    await agent?.close();
    await running?.close();
    await mosquitto?.stop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('disconnects the revoked screen within 5 s; it cannot come back or publish; the others stay on', async () => {
    await until('hall-1 online at the console', () => running.fleet!.fleet.screens().find((r) => r.screenId === 'hall-1')?.presence === 'online', 20_000);
    expect(agent.connected()).toBe(true);

    const revoked = await admin.call('revokeScreen', { params: { id: 'hall-1' }, body: {} });
    expect(revoked.status).toBe(200);
    // The promise is the deadline of this wait, not a speed measured here.
    await until('hall-1 off the broker', () => !agent.connected(), 5000);

    // Its own retries are refused, and so is anyone holding its account.
    await until('the agent told it was refused', () => agentLog.includes(`fleet: ${REFUSED}`), 20_000);
    const hall1 = screens[0]!;
    await expect(mqtt.connectAsync(mosquitto.url, { username: hall1.user, password: hall1.secret, clientId: 'hall-1-again', reconnectPeriod: 0 })).rejects.toThrow(/Not authorized|Bad user name or password/);
    expect(agent.connected()).toBe(false);
    expect(running.fleet!.fleet.screens().find((r) => r.screenId === 'hall-1')?.presence).toBe('offline');

    // The other screens never lost their connection and still publish their status.
    for (const [id, o] of others) {
      expect(o.closes, `${id} disconnected`).toBe(0);
      expect(o.client.connected).toBe(true);
      await o.client.publishAsync(`kiosk/screens/${id}/status`, status(id), { qos: 1, retain: true });
    }
    await until('the others online at the console', () => [...others.keys()].every((id) => running.fleet!.fleet.screens().find((r) => r.screenId === id)?.presence === 'online'));
  }, 60_000);
});
