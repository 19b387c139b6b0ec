import { serve, type ServerType } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { removableRoots } from '../core/bundle/mount-roots';
import { SETUP_PAGE } from '../core/console/contract';
import { openConsoleData, type ConsoleData } from '../node/console/console-data';
import { importPack } from '../node/console/import-pack';
import { lockDataDir } from '../node/console/data-lock';
import { writeFileAtomic } from '../node/atomic-file';
import { startConsoleFleet, type ConsoleFleet } from './console-fleet';
import { createConsoleApp } from './console-server/app';
import { openSessionFile } from '../node/console/session-file';
import { hostsFor } from '../server/security/console-guards';

export interface ConsoleOptions {
  /** The folder holding package.json, playlists/ and out/. */
  readonly appRoot: string;
  readonly dataDir: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
  /** The pack imported on first run (default: appRoot/playlists/default.playlist.json). */
  readonly packPlaylist?: string;
  /** Folders that count as USB sticks besides those under the removable-media mount points (`--usb DIR`). */
  readonly usbDirs?: readonly string[];
  /** The fleet channel: an external broker URL, or the embedded broker's address; `false` runs none. */
  readonly fleet?: false | { readonly broker?: string; readonly username?: string; readonly password?: string; readonly mqttHost?: string; readonly mqttPort?: number; readonly prefix?: string; readonly mosquittoDir?: string; readonly mosquittoPidFile?: string };
}

export interface RunningConsole {
  readonly url: string;
  /** Present until the first admin exists. */
  readonly setupUrl: string | undefined;
  readonly data: ConsoleData;
  readonly fleet: ConsoleFleet | undefined;
  close(): Promise<void>;
}

async function appVersion(appRoot: string): Promise<string> {
  const text = await readFile(join(appRoot, 'package.json'), 'utf8').catch(() => '{}');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}

/** First run: the pack becomes the library and the playlist the first screen group. */
async function firstRun(data: ConsoleData, packPlaylist: string, now: Date, log: (l: string) => void): Promise<void> {
  if (data.library.list().length > 0 || data.settings.groups().length > 0) return;
  const imported = await importPack(packPlaylist, data.media, now);
  for (const w of imported.warnings) log(`import: ${w}`);
  await data.library.putAll(imported.entries);
  if (imported.group) await data.settings.saveGroup(imported.group, true);
  const current = data.settings.settings();
  const allowedLinkHosts = [...new Set([...current.policy.allowedLinkHosts, ...imported.linkHosts])];
  await data.settings.saveSettings({ ...current, policy: { ...current.policy, allowedLinkHosts } });
  await data.audit.append({ actor: 'import', action: 'import', target: packPlaylist, detail: `${imported.entries.length} items` });
  log(`imported ${imported.entries.length} items from ${packPlaylist}`);
}

/** A one-time token in a 0600 file; the link carrying it creates the first admin, then it is deleted. */
async function setupToken(path: string, needed: boolean): Promise<string | undefined> {
  if (!needed) {
    await rm(path, { force: true });
    return undefined;
  }
  const existing = (await readFile(path, 'utf8').catch(() => '')).trim();
  if (existing.length >= 32) return existing;
  const token = randomBytes(24).toString('base64url');
  await writeFileAtomic(path, token, 0o600);
  return token;
}

export async function startConsole(o: ConsoleOptions): Promise<RunningConsole> {
  const now = o.now ?? (() => new Date());
  const log = o.log ?? ((line: string) => console.log(`[console] ${line}`));
  await mkdir(o.dataDir, { recursive: true });
  const lock = await lockDataDir(o.dataDir);
  if (!lock.ok) throw new Error(lock.error);
  const data = await openConsoleData(o.dataDir, now);
  for (const w of data.library.warnings) log(`library: ${w}`);
  await firstRun(data, o.packPlaylist ?? join(o.appRoot, 'playlists', 'default.playlist.json'), now(), log);
  let token = await setupToken(data.paths.setupToken, data.accounts.isEmpty());
  const swept = (ids: string[]): void => void (ids.length > 0 && log(`uploads: removed ${ids.length} abandoned upload(s)`));
  swept(await data.uploads.sweep());
  const sweeper = setInterval(() => void data.uploads.sweep().then(swept, (e: unknown) => log(`uploads: ${String(e)}`)), 3600_000);
  sweeper.unref();
  const host = o.host ?? '127.0.0.1';
  const fleet = o.fleet === false ? undefined : await startConsoleFleet({
    dataDir: o.dataDir, keys: () => data.keys(), now, log, prefix: o.fleet?.prefix ?? 'kiosk',
    mqttHost: o.fleet?.mqttHost ?? host, mqttPort: o.fleet?.mqttPort ?? 1883,
    ...(o.fleet?.broker ? { broker: o.fleet.broker } : {}), ...(o.fleet?.username ? { username: o.fleet.username } : {}), ...(o.fleet?.password ? { password: o.fleet.password } : {}),
    ...(o.fleet?.mosquittoDir ? { mosquittoDir: o.fleet.mosquittoDir } : {}), ...(o.fleet?.mosquittoPidFile ? { mosquittoPidFile: o.fleet.mosquittoPidFile } : {}),
  });
  let hosts: string[] = [];
  const sessions = await openSessionFile(data.paths.sessions, now, log);
  const app = createConsoleApp({
    data, now, sessions, get hosts() { return hosts; }, uiRoot: join(o.appRoot, 'out', 'console'), rendererRoot: join(o.appRoot, 'out', 'renderer'),
    appVersion: await appVersion(o.appRoot),
    ...(fleet ? { fleet } : {}),
    usb: { removable: removableRoots(process.platform, userInfo().username), explicit: o.usbDirs ?? [] },
    setup: {
      token: () => token,
      consume: async () => {
        token = undefined;
        await rm(data.paths.setupToken, { force: true });
      },
    },
  });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: o.port ?? 8790 }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  hosts = hostsFor(host, port);
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${shown}:${port}`;
  // `kiosk enrol` reads it: tokens name the address screens redeem them at.
  await writeFileAtomic(join(o.dataDir, 'console-url'), `${url}\n`);
  if (!data.settings.exists) await data.settings.saveSettings({ ...data.settings.settings(), publicUrl: `${url}/feed` });
  return {
    url: `${url}/console/`,
    setupUrl: token ? `${url}${SETUP_PAGE}?token=${token}` : undefined,
    data,
    fleet,
    async close() {
      clearInterval(sweeper);
      await fleet?.close();
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((r) => server.close(() => r()));
      await sessions.flush();
      await lock.value();
    },
  };
}
