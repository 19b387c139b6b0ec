import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mosquittoAcl } from '../../src/core/fleet/grants';

export const MOSQUITTO = '/usr/sbin/mosquitto';

/** A real Mosquitto 2 on a random loopback port, with a password file and the ACL from docs/fleet.md. */
export interface Mosquitto {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function waitForPort(port: number, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => (socket.end(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`mosquitto did not listen on 127.0.0.1:${port} within ${ms} ms`);
}

/**
 * Test accounts whose user name is a screen id, each granted what the console's ACL file would
 * grant that screen (src/core/fleet/grants.ts): its own topics and the given groups' commands.
 */
export function aclFor(prefix: string, users: readonly string[], groups: readonly string[]): string {
  return mosquittoAcl(prefix, 'console', users.filter((u) => u !== 'console').map((user) => ({ user, grant: { screenId: user, groups } })));
}

export async function startMosquitto(users: Readonly<Record<string, string>>, prefix = 'kiosk', groups: readonly string[] = ['school-a', 'default']): Promise<Mosquitto> {
  if (!existsSync(MOSQUITTO)) throw new Error(`${MOSQUITTO} is missing: apt-get install -y mosquitto (the fleet tests need a real broker)`);
  const dir = await mkdtemp(join(tmpdir(), 'mosq-'));
  const passwd = join(dir, 'passwd');
  // Plain "user:password" lines, hashed in place in one call (-U): fast for a thousand screens.
  await writeFile(passwd, Object.entries(users).map(([user, password]) => `${user}:${password}\n`).join(''));
  const r = spawnSync('mosquitto_passwd', ['-U', passwd]);
  if (r.status !== 0) throw new Error(`mosquitto_passwd failed: ${r.stderr.toString()}`);
  await writeFile(join(dir, 'acl'), aclFor(prefix, Object.keys(users), groups));
  return startMosquittoWith(passwd, join(dir, 'acl'));
}

/** A Mosquitto on the password and ACL files someone else writes (the console does); `reload` sends SIGHUP. */
export async function startMosquittoWith(passwordFile: string, aclFile: string): Promise<Mosquitto & { reload(): void; readonly pidFile: string }> {
  if (!existsSync(MOSQUITTO)) throw new Error(`${MOSQUITTO} is missing: apt-get install -y mosquitto (the fleet tests need a real broker)`);
  const dir = await mkdtemp(join(tmpdir(), 'mosq-'));
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  const pidFile = join(dir, 'mosquitto.pid');
  await writeFile(conf, [`listener ${port} 127.0.0.1`, 'allow_anonymous false', `password_file ${passwordFile}`, `acl_file ${aclFile}`, 'persistence false', 'user root', ''].join('\n'));
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    child = spawn(MOSQUITTO, ['-c', conf], { stdio: 'ignore' });
    await writeFile(pidFile, `${child.pid ?? ''}\n`);
    await waitForPort(port);
  };
  const stop = async (): Promise<void> => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((r) => (c.once('exit', () => r()), c.kill('SIGTERM')));
  };
  await start();
  return { url: `mqtt://127.0.0.1:${port}`, port, pidFile, stop, restart: async () => (await stop(), await start()), reload: () => void child?.kill('SIGHUP') };
}
