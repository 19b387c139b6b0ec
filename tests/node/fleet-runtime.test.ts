import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskRuntime, type KioskRuntime } from '../../src/app/runtime';
import { PlayerState } from '../../src/core/api/contract';
import { FleetSettings } from '../../src/core/model/fleet-config';
import { startFleetConsole, type FleetConsole } from '../../src/node/fleet/console-fleet';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/node/fleet/embedded-broker';
import { until } from '../helpers/until';
import { freePort } from '../helpers/mosquitto';
import { screenAccounts } from '../helpers/screen-accounts';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicKeyBase64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');


describe('a kiosk runtime on the fleet channel', () => {
  let broker: EmbeddedBroker;
  let fleet: FleetConsole;
  let runtime: KioskRuntime;
  const state = async (): Promise<PlayerState> => PlayerState.parse(await (await runtime.app.fetch(new Request('app://kiosk/api/state'))).json());

  beforeAll(async () => {
    const accounts = await screenAccounts(['hall-1']);
    broker = await startEmbeddedBroker({ host: '127.0.0.1', port: await freePort(), prefix: 'kiosk', consolePassword: 'c', screens: accounts.registry, log: () => undefined });
    fleet = await startFleetConsole({ settings: FleetSettings.parse({ broker: broker.url, password: 'c' }), privateKey: () => privateKey, dataDir: await mkdtemp(join(tmpdir(), 'fleet-console-')), now: () => new Date(), log: () => undefined });
    const dir = await mkdtemp(join(tmpdir(), 'fleet-runtime-'));
    const configPath = join(dir, 'config.json');
    await writeFile(configPath, JSON.stringify({
      screenId: 'hall-1', playlist: resolve('playlists/default.playlist.json'),
      fleet: { broker: broker.url, username: accounts.user('hall-1'), password: accounts.secret('hall-1'), groups: ['school-a'], publicKey: publicKeyBase64 },
    }));
    runtime = await createKioskRuntime({ appRoot: process.cwd(), configPath, dataDir: join(dir, 'data'), log: () => undefined });
    await until('the screen online', async () => fleet.screens().find((r) => r.screenId === 'hall-1' && r.presence === 'online'));
  }, 30_000);
  afterAll(async () => {
    await runtime?.close();
    await fleet?.close();
    await broker?.close();
  });

  it('reports its status: version, layout and no fleet warning', async () => {
    const row = fleet.screens().find((r) => r.screenId === 'hall-1');
    expect(row?.status).toMatchObject({ online: true, layout: 'landscape', groups: ['school-a'] });
    expect((await state()).directives).toEqual({ identifyUntil: null, motionPaused: false, reload: 0 });
  });

  it('shows a signed fleet alert in its state, and leaves out one the content policy refuses', async () => {
    const base = { level: 'critical' as const, start: new Date(Date.now() - 1000).toISOString(), expires: new Date(Date.now() + 600_000).toISOString(), target: { scope: 'all' as const } };
    await fleet.raiseAlert({ id: 'scam-call', text: '冒充公安的电话今天又出现了，请立即挂断', ...base });
    await fleet.raiseAlert({ id: 'bad', text: '中奖请拨打 13800138000 领取', ...base });
    const alerts = await until('the alert in state', async () => {
      const s = await state();
      return s.alerts.some((a) => a.id === 'fleet-scam-call') && s.alerts;
    });
    expect(alerts.map((a) => a.id)).not.toContain('fleet-bad');
    await fleet.clearAlert('scam-call');
    await until('the alert gone', async () => !(await state()).alerts.some((a) => a.id === 'fleet-scam-call'));
  });

  it('runs identify, pause-motion and reload as directives, and answers screenshot as unsupported in the browser player', async () => {
    const sentAt = Date.now();
    const seq = await fleet.command('identify', { scope: 'screen', screen: 'hall-1' });
    const s = await until('identify', async () => (await state()).directives?.identifyUntil ? await state() : undefined);
    // Measured from the command, not from whenever this line runs on a loaded machine.
    expect(Date.parse(s.directives!.identifyUntil!) - sentAt).toBeGreaterThan(5000);
    await until('ack', async () => fleet.screens().find((r) => r.screenId === 'hall-1')?.acks[seq]?.result === 'done');
    await fleet.command('pause-motion', { scope: 'group', group: 'school-a' });
    await until('paused', async () => (await state()).directives?.motionPaused === true);
    await fleet.command('reload', { scope: 'all' });
    await until('reload', async () => (await state()).directives?.reload === 1);
    const shot = await fleet.command('screenshot', { scope: 'screen', screen: 'hall-1' });
    const ack = await until('screenshot ack', async () => fleet.screens().find((r) => r.screenId === 'hall-1')?.acks[shot]);
    expect(ack).toMatchObject({ result: 'unsupported', detail: 'unsupported on this host (browser player)' });
  });
});
