import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createKioskRuntime, type KioskRuntime, type RuntimeOptions } from './runtime';

export interface BrowserPlayerOptions extends Partial<Omit<RuntimeOptions, 'appRoot'>> {
  readonly appRoot: string;
  /** Defaults to the config's server.host (127.0.0.1): loopback unless told otherwise. */
  readonly host?: string;
  /** 0 picks a free port. Defaults to the config's server.port. */
  readonly port?: number;
}

export interface BrowserPlayer {
  readonly url: string;
  readonly runtime: KioskRuntime;
  close(): Promise<void>;
}

export const defaultDataDir = (cwd: string, env: Readonly<Record<string, string | undefined>>): string =>
  resolve(cwd, env.KIOSK_DATA_DIR ?? '.kiosk-data');

/** The same request handler as the Electron shell, served over HTTP for browsers and tests. */
export async function startBrowserPlayer(opts: BrowserPlayerOptions): Promise<BrowserPlayer> {
  const runtime = await createKioskRuntime({
    ...opts,
    dataDir: opts.dataDir ?? defaultDataDir(opts.appRoot, process.env),
  });
  const host = opts.host ?? runtime.config.server.host;
  const port = opts.port ?? runtime.config.server.port;
  const server = await new Promise<ServerType>((resolvePromise, reject) => {
    const s = serve({ fetch: runtime.app.fetch, hostname: host, port }, () => resolvePromise(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  runtime.allowHttp(host, address.port);
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    runtime,
    async close() {
      await runtime.close();
      // SSE streams stay open until closed; end them so close() resolves.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
