import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskRuntime, type KioskRuntime } from '../../src/app/runtime';
import { PlayerState } from '../../src/core/api/contract';
import { DeviceConfig } from '../../src/core/model/config';
import { until } from '../helpers/until';
import { accountClient, startConsoleFixture, type ConsoleClient, type ConsoleFixture } from '../helpers/console-client';


describe('the console runs the fleet: embedded broker, dashboard routes, roles', () => {
  let f: ConsoleFixture;
  let editor: ConsoleClient;
  let publisher: ConsoleClient;
  let screen: KioskRuntime;
  const state = async (): Promise<PlayerState> => PlayerState.parse(await (await screen.app.fetch(new Request('app://kiosk/api/state'))).json());

  beforeAll(async () => {
    f = await startConsoleFixture();
    editor = await accountClient(f, 'ed', ['editor']);
    publisher = await accountClient(f, 'pub', ['publisher']);
    const snippet = await f.admin.call('deviceConfig', { params: { id: 'default' } });
    expect(snippet.status).toBe(200);
    // The snippet is a device config the kiosk reads as it is, fleet section included.
    const config = DeviceConfig.parse(snippet.data.config);
    expect(config.fleet).toMatchObject({ broker: f.running.fleet?.brokerUrl, groups: ['default'] });
    // The snippet carries no broker account: each screen gets its own when it joins.
    expect(config.fleet?.password).toBeUndefined();
    const joined = await f.running.fleet!.registry.add({ name: 'default-01', group: 'default', publicKey: 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=', via: 'pairing' });
    const fleet = { ...config.fleet, username: joined.brokerUser, password: joined.brokerSecret };
    const dir = await mkdtemp(join(tmpdir(), 'console-fleet-screen-'));
    await writeFile(join(dir, 'config.json'), JSON.stringify({ ...(snippet.data.config as object), screenId: joined.record.screenId, fleet, playlist: join(process.cwd(), 'playlists/default.playlist.json') }));
    screen = await createKioskRuntime({ appRoot: process.cwd(), configPath: join(dir, 'config.json'), dataDir: join(dir, 'data'), log: () => undefined });
  }, 30_000);
  afterAll(async () => {
    await screen?.close();
    await f?.close();
  });

  it('lists the screen on the dashboard as online, for any signed-in role', async () => {
    const row = await until('the screen online', async () => (await editor.call('fleet', {})).data.screens.find((r) => r.screenId === 'default-01' && r.presence === 'online'));
    expect(row.status.groups).toEqual(['default']);
    expect((await editor.call('fleet', {})).data.enabled).toBe(true);
  });

  it('lets a publisher, not an editor, push an alert; the screen shows it and the dashboard sees the acknowledgement', async () => {
    const refused = await editor.call('fleetAlert', { body: { text: '冒充公安的电话又来了', level: 'critical', minutes: 30, target: { scope: 'all' } } });
    expect(refused.status).toBe(403);
    const sent = await publisher.call('fleetAlert', { body: { text: '冒充公安的电话又来了，请立即挂断', level: 'critical', minutes: 30, target: { scope: 'all' } } });
    expect(sent.status).toBe(200);
    const alert = await until('alert on screen', async () => (await state()).alerts.find((a) => a.text === '冒充公安的电话又来了，请立即挂断'));
    const view = await until('ack', async () => {
      const v = (await publisher.call('fleet', {})).data;
      return v.screens.find((r) => r.applied?.alertIds.includes(alert.id)) && v;
    });
    const id = view.alerts[0]!.id;
    expect((await editor.call('fleetClear', { params: { id }, body: {} })).status).toBe(403);
    expect((await publisher.call('fleetClear', { params: { id }, body: {} })).status).toBe(200);
    await until('alert gone', async () => !(await state()).alerts.some((a) => a.id === alert.id));
  });

  it('runs identify from the dashboard, and the audit log names who did it', async () => {
    expect((await editor.call('fleetCommand', { body: { command: 'identify', target: { scope: 'screen', screen: 'default-01' } } })).status).toBe(403);
    const sent = await publisher.call('fleetCommand', { body: { command: 'identify', target: { scope: 'screen', screen: 'default-01' } } });
    expect(sent.status).toBe(200);
    await until('identify on screen', async () => (await state()).directives?.identifyUntil ?? undefined);
    const audit = await f.admin.call('audit', { query: { limit: '20' } });
    expect(audit.data.map((e) => `${e.actor} ${e.action}`)).toEqual(expect.arrayContaining(['pub fleet-command', 'pub fleet-alert', 'pub fleet-clear']));
  });
});
