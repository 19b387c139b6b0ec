import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { requestOrigin } from './request-guard';

const WILDCARDS = new Set(['', '0.0.0.0', '::', '[::]']);

const authority = (host: string): string => (isIP(host) === 6 ? `[${host}]` : host);

/** The addresses of this machine's interfaces, for a server bound to every interface. */
export function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
}

/**
 * The origins a browser may use to reach the player bound at `host:port`: loopback by
 * address and by name, the bound address itself (every interface address when bound to
 * all), and the names the config lists. Anything else is a name the operator never gave
 * out, which is what a DNS-rebinding page uses.
 */
export function httpOrigins(
  host: string,
  port: number,
  configured: readonly string[],
  interfaces: () => readonly string[] = interfaceAddresses,
): ReadonlySet<string> {
  const hosts = ['127.0.0.1', 'localhost', '::1', ...(WILDCARDS.has(host) ? interfaces() : [host])];
  const origins = hosts.map((h) => requestOrigin(`http://${authority(h)}:${port}/`));
  for (const entry of configured) {
    origins.push(requestOrigin(/:\d+$/.test(entry) && !entry.endsWith(']') ? `http://${entry}/` : `http://${entry}:${port}/`));
  }
  return new Set(origins.filter((o): o is string => o !== undefined));
}
