import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolCommand } from '../../src/cli/commands/enrol';
import { createKioskRuntime } from '../../src/app/runtime';
import { CONSOLE_API } from '../../src/core/console/contract';
import { enrolSigned } from '../../src/core/fleet/enrolment';
import { DeviceConfig } from '../../src/core/model/config';
import { issueTokens } from '../../src/node/fleet/enrol-tokens';
import { decodeEnrol, encodeEnrol } from '../../src/node/fleet/enrol-value';
import { joinWithToken } from '../../src/node/fleet/join';
import { signBytes } from '../../src/node/signing/ed25519';
import { startConsoleFixture, type ConsoleFixture } from '../helpers/console-client';
import { until } from '../helpers/until';

const io = (lines: string[]) => ({ out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), cwd: process.cwd(), env: {} });

describe('bulk enrolment: kiosk enrol, then kiosk serve --enrol', () => {
  let f: ConsoleFixture;
  let out: string;
  let rows: string[][];
  const screenDirs: string[] = [];

  beforeAll(async () => {
    f = await startConsoleFixture();
    out = await mkdtemp(join(tmpdir(), 'enrol-out-'));
    const lines: string[] = [];
    const code = await enrolCommand.run(['--data', f.dataDir, '--group', 'default', '--count', '200', '--out', join(out, 'tokens.csv')], io(lines));
    expect(code, lines.join('\n')).toBe(0);
    rows = (await readFile(join(out, 'tokens.csv'), 'utf8')).trim().split('\n').map((l) => l.split(','));
  }, 60_000);
  afterAll(async () => f?.close());

  it('writes a CSV with a header and an "enrol" column, and a sheet with one QR code per token', async () => {
    expect(rows[0]).toEqual(['enrol', 'group', 'expires']);
    expect(rows).toHaveLength(201);
    const value = decodeEnrol(rows[1]![0]!);
    expect(value.ok && new URL(value.value.url).origin).toBe(f.origin);
    const sheet = await readFile(join(out, 'tokens.html'), 'utf8');
    expect(sheet.match(/<svg/g)).toHaveLength(200);
    expect(sheet.match(/class="card"/g)).toHaveLength(200);
    // Only hashes are kept: no token appears in the console's folder.
    const kept = await readFile(join(f.dataDir, 'enrol-tokens.jsonl'), 'utf8');
    expect(value.ok && kept.includes(value.value.token)).toBe(false);
  });

  it('lets 200 screens join, each with its own account, and refuses a reused token', async () => {
    for (let i = 0; i < 200; i += 25) {
      const batch = rows.slice(1 + i, 1 + i + 25);
      const joined = await Promise.all(batch.map(async (row) => {
        const dir = await mkdtemp(join(tmpdir(), 'enrol-screen-'));
        screenDirs.push(dir);
        return joinWithToken(row[0]!, dir);
      }));
      for (const j of joined) expect(j.ok, j.ok ? '' : j.error).toBe(true);
    }
    const screens = f.running.fleet!.registry.list();
    expect(screens).toHaveLength(200);
    expect(new Set(screens.map((s) => s.brokerUser)).size).toBe(200);
    expect(new Set(screens.map((s) => s.publicKey)).size).toBe(200);
    const config = DeviceConfig.parse(JSON.parse(await readFile(join(screenDirs[0]!, 'joined-config.json'), 'utf8')));
    expect(config.fleet).toMatchObject({ groups: ['default'], username: expect.stringMatching(/^screen\./) });
    expect((await stat(join(screenDirs[0]!, 'joined-config.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(screenDirs[0]!, 'identity.json'))).mode & 0o777).toBe(0o600);

    const again = await joinWithToken(rows[1]![0]!, await mkdtemp(join(tmpdir(), 'enrol-reuse-')));
    expect(again.ok ? '' : again.error).toMatch(/already used/);
    expect(f.running.fleet!.registry.list()).toHaveLength(200);
  }, 240_000);

  it('refuses unknown and expired tokens and a request not signed by its key; no screen is created', async () => {
    const value = decodeEnrol(rows[1]![0]!);
    if (!value.ok) throw new Error(value.error);
    const unknown = encodeEnrol({ ...value.value, token: 'x'.repeat(32) });
    const refusedUnknown = await joinWithToken(unknown, await mkdtemp(join(tmpdir(), 'enrol-unknown-')));
    expect(refusedUnknown.ok ? '' : refusedUnknown.error).toMatch(/unknown/);
    const [old] = await issueTokens(f.dataDir, 'default', 1, new Date(Date.now() - 1000), new Date(Date.now() - 86_400_000));
    const refusedOld = await joinWithToken(encodeEnrol({ ...value.value, token: old! }), await mkdtemp(join(tmpdir(), 'enrol-old-')));
    expect(refusedOld.ok ? '' : refusedOld.error).toMatch(/expired/);
    const [fresh] = await issueTokens(f.dataDir, 'default', 1, new Date(Date.now() + 60_000), new Date());
    const mine = generateKeyPairSync('ed25519');
    const theirs = generateKeyPairSync('ed25519');
    const publicKey = mine.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const forged = await fetch(`${f.origin}${CONSOLE_API}/enrol`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: fresh, publicKey, signature: signBytes(Buffer.from(enrolSigned(fresh!, publicKey)), theirs.privateKey) }),
    });
    expect(forged.status).toBe(403);
    expect(f.running.fleet!.registry.list()).toHaveLength(200);
  });

  it('a joined screen comes online on the broker, and again after a restart without the token', async () => {
    const configPath = join(screenDirs[0]!, 'joined-config.json');
    const screenId = DeviceConfig.parse(JSON.parse(await readFile(configPath, 'utf8'))).screenId;
    for (let round = 0; round < 2; round++) {
      const startedAt = new Date().toISOString();
      const runtime = await createKioskRuntime({ appRoot: process.cwd(), configPath, dataDir: screenDirs[0]!, log: () => undefined });
      await until(`${screenId} online`, () => f.running.fleet!.fleet.screens().find((r) => r.screenId === screenId && r.presence === 'online' && r.status.at >= startedAt), 20_000);
      await runtime.close();
    }
  }, 60_000);
});
