import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { errorMessage } from '../core/result';
import { askCode, pollPairing } from '../node/fleet/pair-client';
import { loadOrCreateIdentity } from '../node/fleet/screen-identity';
import { SECURITY_HEADERS } from '../server/security/headers';
import { hostsFor } from '../server/security/console-guards';
import { CARD_SCRIPT, cardKey, joinCardHtml, type CardState } from './join-card';
import { createKioskRuntime, type KioskRuntime } from './runtime';

export interface PairingPlayerOptions {
  readonly appRoot: string;
  readonly dataDir: string;
  readonly consoleUrl: string;
  readonly host?: string;
  readonly port?: number;
  readonly pollMs?: number;
  readonly log: (line: string) => void;
}

export interface PairingPlayer {
  readonly url: string;
  /** Resolves with the screen id once the console sent the config and the player runs on it. */
  readonly joined: Promise<string>;
  close(): Promise<void>;
}

function cardApp(card: () => CardState, consoleUrl: string, hosts: () => readonly string[]): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    if (!hosts().includes((c.req.header('host') ?? '').toLowerCase())) return c.text('unknown host', 421);
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
    c.res.headers.set('cache-control', 'no-store');
    return undefined;
  });
  app.get('/join/state', (c) => c.json(card()));
  app.get('/join/key', (c) => c.text(cardKey(card())));
  app.get('/join/card.js', (c) => c.body(CARD_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('*', async (c) => c.html(await joinCardHtml(card(), consoleUrl)));
  return app;
}

/**
 * An unconfigured screen (`kiosk serve --console URL`): the join card until an admin claims
 * its code, then the player on the config it received, at the same address.
 */
export async function startPairingPlayer(o: PairingPlayerOptions): Promise<PairingPlayer> {
  const identity = await loadOrCreateIdentity(o.dataDir);
  let card: CardState = { state: 'asking' };
  let runtime: KioskRuntime | undefined;
  let hosts: string[] = [];
  const card$ = cardApp(() => card, o.consoleUrl, () => hosts);
  let handler: (request: Request) => Response | Promise<Response> = (r) => card$.fetch(r);
  const host = o.host ?? '127.0.0.1';
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: (r) => handler(r), hostname: host, port: o.port ?? 8787 }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  hosts = hostsFor(host, address.port);
  let stopped = false;
  const joined = new Promise<string>((resolve) => {
    const step = async (): Promise<void> => {
      if (stopped) return;
      const next = await pairStep(o, identity, card);
      card = next.card;
      if (next.configPath && next.screenId) {
        runtime = await createKioskRuntime({ appRoot: o.appRoot, configPath: next.configPath, dataDir: o.dataDir, log: o.log });
        runtime.allowHttp(host, address.port);
        handler = (r) => runtime!.app.fetch(r);
        o.log(`joined the console as screen "${next.screenId}"`);
        return resolve(next.screenId);
      }
      setTimeout(() => void step().catch((e: unknown) => o.log(`pairing: ${errorMessage(e)}`)), o.pollMs ?? 2000).unref?.();
    };
    void step();
  });
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}/`,
    joined,
    async close() {
      stopped = true;
      await runtime?.close();
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** One round: ask for a code (again after it expired), or ask whether it was claimed. */
async function pairStep(o: PairingPlayerOptions, identity: Awaited<ReturnType<typeof loadOrCreateIdentity>>, card: CardState): Promise<{ card: CardState; configPath?: string; screenId?: string }> {
  if (card.state !== 'code') {
    const started = await askCode(o.consoleUrl, identity, new Date());
    if (!started.ok) o.log(`pairing: ${started.error}`);
    return { card: started.ok ? { state: 'code', code: started.value.code, expires: started.value.expires } : { state: 'problem', message: started.error } };
  }
  const state = await pollPairing(o.consoleUrl, identity, o.dataDir, new Date());
  if (!state.ok) return { card: { state: 'asking' } };
  if (state.value.state === 'waiting') return { card: { state: 'code', code: state.value.code, expires: state.value.expires } };
  return { card: { state: 'joined', screenId: state.value.reply.screenId }, configPath: state.value.configPath ?? '', screenId: state.value.reply.screenId };
}
