import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceConfig } from '../../src/core/model/config';
import { PAIR_ALPHABET } from '../../src/core/fleet/pairing';
import { askCode, pollPairing } from '../../src/node/fleet/pair-client';
import { loadOrCreateIdentity } from '../../src/node/fleet/screen-identity';
import { accountClient, startConsoleFixture, type ConsoleClient, type ConsoleFixture } from '../helpers/console-client';

describe('pairing: a code on the screen, claimed in the console by an admin', () => {
  let f: ConsoleFixture;
  let publisher: ConsoleClient;
  beforeAll(async () => {
    f = await startConsoleFixture();
    publisher = await accountClient(f, 'pub', ['publisher']);
  }, 30_000);
  afterAll(async () => f?.close());

  it('hands the config only to the screen holding the key, once, after an admin claims the code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pair-screen-'));
    const identity = await loadOrCreateIdentity(dir);
    const started = await askCode(f.origin, identity, new Date());
    if (!started.ok) throw new Error(started.error);
    expect(started.value.code).toMatch(new RegExp(`^[${PAIR_ALPHABET}]{8}$`));
    expect(started.value.code).not.toMatch(/[01OIl]/);
    expect(Date.parse(started.value.expires) - Date.now()).toBeGreaterThan(9 * 60_000);
    const waiting = await pollPairing(f.origin, identity, dir, new Date());
    expect(waiting.ok && waiting.value.state).toBe('waiting');

    const body = { code: started.value.code.toLowerCase().replace(/^(.{4})/, '$1 '), name: 'Lobby 2', group: 'default' };
    expect((await publisher.call('pairClaim', { body })).status).toBe(403);
    const claimed = await f.admin.call('pairClaim', { body });
    expect(claimed.status).toBe(200);
    expect(claimed.data.screenId).toBe('Lobby-2');
    expect((await f.admin.call('pairClaim', { body })).error).toMatch(/already used|no screen shows/);

    const joined = await pollPairing(f.origin, identity, dir, new Date(Date.now() + 1));
    if (!joined.ok || joined.value.state !== 'joined') throw new Error('not joined');
    const config = DeviceConfig.parse(joined.value.reply.config);
    expect(config).toMatchObject({ screenId: 'Lobby-2', fleet: { groups: ['default'] } });
    // The config went out once: asking again finds nothing.
    const again = await pollPairing(f.origin, identity, dir, new Date(Date.now() + 2));
    expect(again.ok).toBe(false);
    // The account it got works on the broker.
    const client = await mqtt.connectAsync(config.fleet!.broker, { username: config.fleet!.username!, password: config.fleet!.password!, reconnectPeriod: 0 });
    await client.publishAsync('kiosk/screens/Lobby-2/status', JSON.stringify({ screenId: 'Lobby-2', online: true, at: new Date().toISOString() }), { qos: 1 });
    await client.endAsync();
  });

  it('refuses a replayed request, and limits wrong guesses per address', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pair-guess-'));
    const identity = await loadOrCreateIdentity(dir);
    const at = new Date();
    const first = await askCode(f.origin, identity, at);
    expect(first.ok).toBe(true);
    const replay = await askCode(f.origin, identity, at);
    expect(replay.ok ? '' : replay.error).toMatch(/replayed/);
    const wrong = [...PAIR_ALPHABET].slice(0, 12).map((c) => c.repeat(8));
    const answers: string[] = [];
    for (const code of wrong) answers.push((await f.admin.call('pairClaim', { body: { code, name: 'x', group: 'default' } })).error ?? '');
    expect(answers.at(-1)).toMatch(/too many wrong pairing codes/);
    // Past the limit even the right code is refused from that address.
    const right = await f.admin.call('pairClaim', { body: { code: first.ok ? first.value.code : '', name: 'y', group: 'default' } });
    expect(right.error).toMatch(/too many/);
  });
});
