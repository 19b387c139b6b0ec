import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { isIP } from 'node:net';

/** `::ffff:10.0.0.5` (an IPv4 client on a dual-stack socket) is `10.0.0.5`. */
const plain = (address: string): string => {
  const trimmed = address.trim().replace(/^\[|\]$/g, '');
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed.toLowerCase();
};

/** The socket's peer: the one address a client cannot choose. `unknown` outside a Node server (app.fetch in a test). */
export function peerAddress(c: Context): string {
  try {
    const address = getConnInfo(c).remote.address;
    return address ? plain(address) : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The client's address for limits and logs. `X-Forwarded-For` counts only when the peer is
 * one of `trustedProxies` (a reverse proxy the operator listed); then the right-most entry
 * that is not itself a trusted proxy is the client, since every entry left of it could have
 * been written by the client. Anyone else's header is ignored: a client that forges a new
 * value per request still has one socket address.
 */
export function clientAddress(c: Context, trustedProxies: readonly string[]): string {
  const peer = peerAddress(c);
  const trusted = new Set(trustedProxies.map(plain));
  if (!trusted.has(peer)) return peer;
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map(plain).filter((h) => h !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? '';
    if (isIP(hop) === 0) return peer;
    if (!trusted.has(hop)) return hop;
  }
  return peer;
}
