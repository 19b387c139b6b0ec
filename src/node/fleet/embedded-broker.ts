import { createServer, type AddressInfo, type Server } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { Aedes, type Client } from 'aedes';
import { parseTopic } from '../../core/fleet/topics';
import { capPacketSizes, MAX_PACKET_BYTES } from './packet-size';

/**
 * The small deployment's broker: aedes in the console's process. Two kinds of account:
 * the console (any topic under the prefix) and screens, which share the join password and
 * may publish only their own status and events (the same rules as docs/fleet.md's Mosquitto ACL).
 */
export interface EmbeddedBrokerOptions {
  readonly host: string;
  readonly port: number;
  readonly prefix: string;
  readonly consolePassword: string;
  readonly screenPassword: string;
  readonly log: (line: string) => void;
}

export interface EmbeddedBroker {
  readonly url: string;
  /** Connections accepted so far (the bench reads the connect rate from it). */
  connectionsAccepted(): number;
  close(): Promise<void>;
}

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

type Role = 'console' | 'screen';
const roles = new WeakMap<Client, { role: Role; user: string }>();

function mayPublish(prefix: string, who: { role: Role; user: string } | undefined, topic: string): boolean {
  if (!who) return false;
  const parsed = parseTopic(prefix, topic);
  if (!parsed) return false;
  if (who.role === 'console') return true;
  return (parsed.name === 'status' || parsed.name === 'events' || parsed.name === 'plays') && parsed.screen === who.user;
}

function maySubscribe(prefix: string, who: { role: Role; user: string } | undefined, filter: string): boolean {
  if (!who) return false;
  if (who.role === 'console') return filter.startsWith(`${prefix}/`);
  const parsed = parseTopic(prefix, filter);
  if (!parsed) return false;
  const own = (parsed.name === 'screenCmd' || parsed.name === 'playsAck') && parsed.screen === who.user;
  return own || parsed.name === 'alerts' || parsed.name === 'groupCmd';
}

export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const user = username ?? '';
      const pass = password ? password.toString() : '';
      const role: Role | undefined =
        user === 'console' ? (same(pass, opts.consolePassword) ? 'console' : undefined) : same(pass, opts.screenPassword) ? 'screen' : undefined;
      if (role) roles.set(client, { role, user });
      done(null, role !== undefined);
    },
    authorizePublish: (client, packet, done) =>
      done(client && mayPublish(opts.prefix, roles.get(client), packet.topic) ? null : new Error(`publish to ${packet.topic} not allowed`)),
    authorizeSubscribe: (client, sub, done) =>
      done(null, client && maySubscribe(opts.prefix, roles.get(client), sub.topic) ? sub : null),
  });
  let accepted = 0;
  aedes.on('client', () => accepted++);
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
    async close() {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
