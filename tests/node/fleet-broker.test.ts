import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetAlert, FleetCommand } from '../../src/core/fleet/signed-message';
import { FleetSettings } from '../../src/core/model/fleet-config';
import { startFleetAgent, type FleetAgent } from '../../src/node/fleet/agent';
import { startFleetConsole, type FleetConsole } from '../../src/node/fleet/console-fleet';
import { startEmbeddedBroker } from '../../src/node/fleet/embedded-broker';
import { sealMessage } from '../../src/node/fleet/envelope';
import { until } from '../helpers/until';
import { freePort, startMosquittoWith } from '../helpers/mosquitto';
import { screenAccounts } from '../helpers/screen-accounts';
import { mosquittoFiles } from '../../src/node/fleet/mosquitto-files';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
const SCREENS = ['hall-1', 'hall-2', 'canteen-1'] as const;
const CONSOLE_PASSWORD = 'console-secret';


interface Screen {
  readonly id: string;
  readonly shown: FleetAlert[][];
  readonly commands: FleetCommand[];
  agent: FleetAgent;
}

interface Broker {
  readonly url: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** Each screen's own account, made as joining makes it (the registry). */
  screenUser(id: string): string;
  screenSecret(id: string): string;
}

function settings(url: string, user: string, password: string): FleetSettings {
  return FleetSettings.parse({ broker: url, username: user, password, groups: ['school-a'], keepaliveSeconds: 5, heartbeatSeconds: 5 });
}

async function startScreen(broker: Broker, id: string, dataDir?: string): Promise<Screen> {
  const screen: Screen = { id, shown: [], commands: [], agent: undefined as never };
  screen.agent = await startFleetAgent({
    settings: settings(broker.url, broker.screenUser(id), broker.screenSecret(id)),
    screenId: id,
    publicKey,
    dataDir: dataDir ?? (await mkdtemp(join(tmpdir(), `screen-${id}-`))),
    status: () => ({ appVersion: '0.2.0', layout: 'landscape', currentItem: 'case-c01' }),
    applyAlerts: (alerts) => (screen.shown.push([...alerts]), alerts.map((a) => a.id)),
    runCommand: async (command) => (screen.commands.push(command), command === 'screenshot' ? { result: 'unsupported', detail: 'unsupported on this host' } : { result: 'done' }),
    now: () => new Date(),
    random: Math.random,
    log: () => undefined,
  });
  return screen;
}

const alert = (id: string, minutes: number): FleetAlert => ({
  id,
  text: '冒充公安的电话今天又出现了，请立即挂断',
  level: 'critical',
  start: new Date(Date.now() - 1000).toISOString(),
  expires: new Date(Date.now() + minutes * 60_000).toISOString(),
  target: { scope: 'all' },
});

function fleetScenario(name: string, makeBroker: () => Promise<Broker>): void {
  describe(`fleet over ${name}`, () => {
    let broker: Broker;
    let console_: FleetConsole;
    const screens: Screen[] = [];
    beforeAll(async () => {
      broker = await makeBroker();
      console_ = await startFleetConsole({
        settings: { ...settings(broker.url, 'console', CONSOLE_PASSWORD) },
        privateKey: () => privateKey,
        dataDir: await mkdtemp(join(tmpdir(), 'console-')),
        now: () => new Date(),
        log: () => undefined,
      });
      for (const id of SCREENS) screens.push(await startScreen(broker, id));
    }, 30_000);
    afterAll(async () => {
      await Promise.all(screens.map((s) => s.agent.close()));
      await console_?.close();
      await broker?.stop();
    });

    it('shows every screen online', async () => {
      const online = await until('three online screens', () => {
        const rows = console_.screens().filter((r) => r.presence === 'online');
        return rows.length === 3 && rows;
      });
      expect(online.map((r) => r.screenId).sort()).toEqual([...SCREENS].sort());
      expect(online[0]!.status.currentItem).toBe('case-c01');
    });

    // These screens have no feed: the broker is the only way an alert can reach them. How fast
    // it does is a figure for the bench, not a pass mark that a loaded machine would miss.
    it('puts a signed alert on all three screens through the broker and records each acknowledgement', async () => {
      const seq = await console_.raiseAlert(alert('scam-call', 30));
      await until('alert on all screens', () => screens.every((s) => s.shown.at(-1)?.some((a) => a.id === 'scam-call')), 20_000);
      await until('acks', () => console_.screens().every((r) => r.applied?.seq === seq && r.applied.alertIds.includes('scam-call')));
    });

    it('ignores an alert signed with another key, and a replayed older alert set', async () => {
      const before = screens.map((s) => s.shown.length);
      const intruder = await mqtt.connectAsync(broker.url, { username: 'console', password: CONSOLE_PASSWORD, clientId: 'intruder' });
      const forged = sealMessage({ seq: Date.now() + 10_000, issuedAt: new Date().toISOString(), expires: new Date(Date.now() + 60_000).toISOString(), body: { type: 'alerts', alerts: [alert('forged', 5)] } }, stranger.privateKey);
      await intruder.publishAsync('kiosk/alerts', forged, { qos: 1 });
      const replayed = sealMessage({ seq: 5, issuedAt: new Date().toISOString(), expires: new Date(Date.now() + 60_000).toISOString(), body: { type: 'alerts', alerts: [alert('old', 5)] } }, privateKey);
      await intruder.publishAsync('kiosk/alerts', replayed, { qos: 1 });
      await intruder.publishAsync('kiosk/alerts', JSON.stringify({ alerts: [alert('unsigned', 5)] }), { qos: 1 });
      // A barrier, not a pause: the broker handed the three on before this genuine set, in order.
      await console_.raiseAlert(alert('barrier', 5));
      await until('the barrier on all screens', () => screens.every((s) => s.shown.at(-1)?.some((a) => a.id === 'barrier')), 20_000);
      const since = screens.flatMap((s, i) => s.shown.slice(before[i]).flat().map((a) => a.id));
      expect(since.filter((id) => ['forged', 'old', 'unsigned'].includes(id))).toEqual([]);
      expect(screens.map((s, i) => s.shown.length - before[i]!)).toEqual([1, 1, 1]);
      await intruder.endAsync();
    });

    it('runs identify on one screen and answers a screenshot with "unsupported"', async () => {
      const seq = await console_.command('identify', { scope: 'screen', screen: 'hall-2' });
      await until('identify ack', () => console_.screens().find((r) => r.screenId === 'hall-2')?.acks[seq]?.result === 'done');
      expect(screens.map((s) => s.commands.includes('identify'))).toEqual([false, true, false]);
      const shot = await console_.command('screenshot', { scope: 'group', group: 'school-a' });
      await until('screenshot answers', () => console_.screens().every((r) => r.acks[shot]?.result === 'unsupported'));
    });

    it('a screen may not speak for another one', async () => {
      const impostor = await mqtt.connectAsync(broker.url, { username: broker.screenUser('hall-1'), password: broker.screenSecret('hall-1'), clientId: 'impostor', reconnectPeriod: 0 });
      // Brokers acknowledge a forbidden publish and drop it (Mosquitto) or drop the whole
      // connection (aedes): either answer means the broker has dealt with it.
      await new Promise<void>((handled) => {
        impostor.once('close', () => handled());
        impostor.publish('kiosk/screens/hall-3/status', JSON.stringify({ screenId: 'hall-3', online: true, at: new Date().toISOString() }), { qos: 1 }, () => handled());
      });
      // A barrier, not a pause: anything the broker passed on reached the console before this answer.
      const seq = await console_.command('identify', { scope: 'screen', screen: 'hall-1' });
      await until('identify ack', () => console_.screens().find((r) => r.screenId === 'hall-1')?.acks[seq]?.result === 'done', 20_000);
      expect(console_.screens().map((r) => r.screenId)).not.toContain('hall-3');
      await impostor.endAsync(true);
    });

    it('holds a screen to its own grants: no other screen\'s status, no `kiosk/#`, no commands, no alerts', async () => {
      const watcher = await mqtt.connectAsync(broker.url, { username: 'console', password: CONSOLE_PASSWORD, clientId: 'watcher', reconnectPeriod: 0 });
      const seen: string[] = [];
      watcher.on('message', (topic, payload) => seen.push(`${topic} ${payload.toString()}`));
      await watcher.subscribeAsync('kiosk/#', { qos: 1 });
      const asHall1 = () => mqtt.connectAsync(broker.url, { username: broker.screenUser('hall-1'), password: broker.screenSecret('hall-1'), clientId: `probe-${Math.random()}`, reconnectPeriod: 0 });
      // aedes refuses the subscription; Mosquitto grants it and then delivers nothing the ACL does not allow.
      const probe = await asHall1();
      const got: string[] = [];
      probe.on('message', (topic) => got.push(topic));
      // MQTT.js rejects a SUBACK with refusals (aedes); what the probe then receives is the test.
      await probe.subscribeAsync(['kiosk/#', 'kiosk/screens/hall-2/cmd', 'kiosk/groups/other/cmd', 'kiosk/screens/+/status', 'kiosk/screens/hall-1/cmd'], { qos: 1 }).catch(() => undefined);
      for (const topic of ['kiosk/screens/hall-2/cmd', 'kiosk/groups/other/cmd', 'kiosk/screens/hall-2/status', 'kiosk/screens/hall-1/cmd']) await watcher.publishAsync(topic, 'x', { qos: 1 });
      await until('its own command', () => got.includes('kiosk/screens/hall-1/cmd'));
      // The retained alert set is readable by every screen, through any filter that covers it.
      expect(got.filter((t) => t !== 'kiosk/alerts')).toEqual(['kiosk/screens/hall-1/cmd']);
      await probe.endAsync(true);
      seen.length = 0;
      const command = sealMessage({ seq: Date.now() + 60_000, issuedAt: new Date().toISOString(), expires: new Date(Date.now() + 60_000).toISOString(), body: { type: 'command', command: 'reload', target: { scope: 'screen', screen: 'hall-2' } } }, stranger.privateKey);
      const forbidden = ['kiosk/screens/hall-2/status', 'kiosk/screens/hall-2/cmd', 'kiosk/groups/school-a/cmd', 'kiosk/alerts', 'kiosk/screens/hall-2/plays-ack'];
      for (const topic of forbidden) {
        const c = await asHall1();
        // QoS 0: aedes closes the connection on a forbidden publish, Mosquitto drops it.
        c.publish(topic, topic.endsWith('status') ? JSON.stringify({ screenId: 'hall-2', online: false, at: new Date().toISOString() }) : command, { qos: 0 });
        await c.endAsync().catch(() => undefined);
      }
      // A fence: hall-1's own status, allowed, arrives after whatever the broker let through before it.
      const fence = await asHall1();
      await fence.publishAsync('kiosk/screens/hall-1/events', JSON.stringify({ type: 'ack', screenId: 'hall-1', at: new Date().toISOString(), seq: 1, result: 'done', detail: 'fence' }), { qos: 1 });
      await until('the fence', () => seen.some((m) => m.includes('fence')));
      await fence.endAsync(true);
      await watcher.endAsync(true);
      for (const topic of forbidden) expect(seen.filter((m) => m.startsWith(`${topic} `) && !m.includes('"online":true'))).toEqual([]);
      expect(screens[1]!.commands).not.toContain('reload');
    });

    it('reconnects every screen after a broker restart and keeps the alert on screen', async () => {
      const restartedAt = new Date().toISOString();
      const deliveries = screens.map((s) => s.shown.length);
      await broker.restart();
      // Each screen announces itself afresh on reconnect, and the alert set reaches it again.
      await until('every screen reconnected', () => {
        const rows = console_.screens();
        return SCREENS.every((id) => rows.some((r) => r.screenId === id && r.presence === 'online' && r.status.at > restartedAt));
      }, 20_000);
      await until('alert delivered again', () => screens.every((s, i) => s.shown.length > deliveries[i]!), 10_000);
      for (const s of screens) expect(s.shown.at(-1)?.map((a) => a.id)).toContain('scam-call');
    }, 30_000);

    it('shows a killed screen as offline within the keep-alive', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures/fleet-screen.ts'), broker.url, 'lab-1', broker.screenUser('lab-1'), broker.screenSecret('lab-1'), publicKey.export({ type: 'spki', format: 'pem' }).toString(), '5'], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => d.toString().includes('connected') && resolve());
        child.once('exit', (code) => reject(new Error(`screen process exited with ${code}`)));
      });
      await until('lab-1 online', () => console_.screens().find((r) => r.screenId === 'lab-1')?.presence === 'online');
      child.kill('SIGKILL');
      // A killed process says nothing more: only the broker's last will (after 1.5 × the 5 s
      // keep-alive) can mark it offline, so its arrival is the proof, not a stopwatch.
      await until('offline', () => console_.screens().find((r) => r.screenId === 'lab-1')?.presence === 'offline', 40_000);
    }, 60_000);
  });
}

fleetScenario('the embedded broker (aedes)', async () => {
  const port = await freePort();
  const accounts = await screenAccounts([...SCREENS, 'lab-1']);
  const make = () => startEmbeddedBroker({ host: '127.0.0.1', port, prefix: 'kiosk', consolePassword: CONSOLE_PASSWORD, screens: accounts.registry, log: () => undefined });
  let current = await make();
  return {
    url: current.url,
    screenUser: accounts.user,
    screenSecret: accounts.secret,
    restart: async () => {
      await current.close();
      current = await make();
    },
    stop: () => current.close(),
  };
});

fleetScenario('Mosquitto 2, on the password and ACL files the console writes', async () => {
  const accounts = await screenAccounts([...SCREENS, 'lab-1']);
  const files = await mosquittoFiles({ dir: accounts.dir, prefix: 'kiosk', consoleUser: 'console', consolePassword: CONSOLE_PASSWORD, log: () => undefined });
  await files.write(accounts.registry.list());
  const m = await startMosquittoWith(files.passwordFile, files.aclFile);
  return { url: m.url, screenUser: accounts.user, screenSecret: accounts.secret, restart: () => m.restart(), stop: () => m.stop() };
});
