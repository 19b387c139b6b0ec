import { createServer, type AddressInfo, type Server } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { Aedes, type Client } from 'aedes';
import { mayPublish, maySubscribe, type ScreenGrant } from '../../core/fleet/grants';
import { capPacketSizes, MAX_PACKET_BYTES } from './packet-size';

/**
 * The small deployment's broker: aedes in the console's process. Two kinds of account:
 * the console (its own password, any topic under the prefix) and screens, each with its own
 * account from the screens registry, allowed exactly its grants (src/core/fleet/grants.ts).
 */
export interface EmbeddedBrokerOptions {
  readonly host: string;
  readonly port: number;
  readonly prefix: string;
  readonly consolePassword: string;
  /** The grant of a live screen account whose secret matches (the registry's `verify`). */
  readonly screens: { verify(user: string, secret: string): Promise<ScreenGrant | undefined> };
  readonly log: (line: string) => void;
}

export interface EmbeddedBroker {
  readonly url: string;
  /** Connections accepted so far (the bench reads the connect rate from it). */
  connectionsAccepted(): number;
  /** Closes every connection of a screen account (revocation); resolves to how many. */
  disconnect(user: string): number;
  close(): Promise<void>;
}

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

type Who = { readonly role: 'console' } | { readonly role: 'screen'; readonly user: string; readonly grant: ScreenGrant };
const accounts = new WeakMap<Client, Who>();

function publishAllowed(prefix: string, who: Who | undefined, topic: string, cut: ReadonlySet<string>): boolean {
  if (!who || (who.role === 'screen' && cut.has(who.user))) return false;
  if (who.role === 'console') return topic.startsWith(`${prefix}/`);
  return mayPublish(prefix, who.grant, topic);
}

function subscribeAllowed(prefix: string, who: Who | undefined, filter: string): boolean {
  if (!who) return false;
  if (who.role === 'console') return filter.startsWith(`${prefix}/`);
  return maySubscribe(prefix, who.grant, filter);
}

async function identify(opts: EmbeddedBrokerOptions, user: string, secret: string): Promise<Who | undefined> {
  if (user === 'console') return same(secret, opts.consolePassword) ? { role: 'console' } : undefined;
  const grant = await opts.screens.verify(user, secret);
  return grant ? { role: 'screen', user, grant } : undefined;
}

export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const live = new Map<string, Set<Client>>();
  // Accounts cut off by revocation: a packet already in flight from them is refused too.
  const cut = new Set<string>();
  const aedes = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      identify(opts, username ?? '', password ? password.toString() : '').then((who) => {
        if (who?.role === 'screen') cut.delete(who.user);
        if (who) accounts.set(client, who);
        if (who?.role === 'screen') live.set(who.user, (live.get(who.user) ?? new Set()).add(client));
        done(null, who !== undefined);
      }, (e: unknown) => {
        opts.log(`fleet: could not check a screen account: ${String(e)}`);
        done(null, false);
      });
    },
    authorizePublish: (client, packet, done) =>
      done(client && publishAllowed(opts.prefix, accounts.get(client), packet.topic, cut) ? null : new Error(`publish to ${packet.topic} not allowed`)),
    authorizeSubscribe: (client, sub, done) =>
      done(null, client && subscribeAllowed(opts.prefix, accounts.get(client), sub.topic) ? sub : null),
  });
  let accepted = 0;
  aedes.on('client', () => accepted++);
  aedes.on('clientDisconnect', (client) => {
    const who = accounts.get(client);
    if (who?.role === 'screen') live.get(who.user)?.delete(client);
  });
  const server: Server = createServer((socket) => {
    capPacketSizes(socket, MAX_PACKET_BYTES, opts.log);
    aedes.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  opts.log(`fleet: embedded MQTT broker on mqtt://${host}:${address.port}`);
  return {
    url: `mqtt://${host}:${address.port}`,
    connectionsAccepted: () => accepted,
    disconnect(user) {
      const clients = [...(live.get(user) ?? [])];
      live.delete(user);
      cut.add(user);
      for (const client of clients) client.close();
      return clients.length;
    },
    async close() {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
