import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createLoginLimiter, LOGIN_LIMITS } from '../../src/node/console/sessions';
import { clientAddress } from '../../src/server/security/client-address';
import { connect } from 'node:net';
import { MAX_PACKET_BYTES, packetSizes } from '../../src/node/fleet/packet-size';
import { startEmbeddedBroker } from '../../src/node/fleet/embedded-broker';

const clock = (start = Date.parse('2026-12-01T08:00:00Z')) => {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
};

describe('sign-in limits, on a fake clock', () => {
  it('counts an attempt when it is reserved, before the password is checked', () => {
    const c = clock();
    const limiter = createLoginLimiter(c.now);
    // Forty at once: none has finished its password check when the next one arrives.
    const replies = Array.from({ length: 40 }, () => limiter.reserve('198.51.100.7', 'admin'));
    expect(replies.filter((r) => 'ticket' in r)).toHaveLength(LOGIN_LIMITS.freePerAccount);
    expect(replies.filter((r) => 'waitMs' in r)).toHaveLength(40 - LOGIN_LIMITS.freePerAccount);
  });

  it('limits an address across accounts, for the window', () => {
    const c = clock();
    const limiter = createLoginLimiter(c.now);
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) expect('ticket' in limiter.reserve('198.51.100.7', `user${i}`)).toBe(true);
    expect(limiter.reserve('198.51.100.7', 'another')).toEqual({ waitMs: LOGIN_LIMITS.windowMs });
    c.advance(LOGIN_LIMITS.windowMs);
    expect('ticket' in limiter.reserve('198.51.100.7', 'another')).toBe(true);
  });

  it('slows an attacked account with a doubling delay, never a lock: its user gets in from their own address', () => {
    const c = clock();
    const limiter = createLoginLimiter(c.now);
    const waits: number[] = [];
    // Each guess from a new address; a refused one is waited out and sent again.
    for (let i = 0; i < 20; i++) {
      const r = limiter.reserve(`203.0.113.${i}`, 'victim');
      if ('waitMs' in r) {
        waits.push(r.waitMs);
        c.advance(r.waitMs);
        expect('ticket' in limiter.reserve(`203.0.113.${i}`, 'victim')).toBe(true);
      }
    }
    // After 5 free failures: 1 s, 2 s, 4 s … before each further guess.
    expect(waits.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(Math.max(...waits)).toBeLessThanOrEqual(LOGIN_LIMITS.maxDelayMs);
    const userTry = limiter.reserve('192.0.2.10', 'victim');
    expect('waitMs' in userTry).toBe(true);
    c.advance('waitMs' in userTry ? userTry.waitMs : 0);
    const ticket = limiter.reserve('192.0.2.10', 'victim');
    expect('ticket' in ticket).toBe(true);
    if ('ticket' in ticket) ticket.ticket.succeeded();
    // A right password clears the account's count.
    expect('ticket' in limiter.reserve('192.0.2.10', 'victim')).toBe(true);
  });
});

describe('the client address', () => {
  const app = (trusted: string[]) => {
    const a = new Hono();
    a.get('/', (c) => c.text(clientAddress(c, trusted)));
    return a;
  };
  const from = (peer: string) => ({ incoming: { socket: { remoteAddress: peer, remotePort: 5000, remoteFamily: peer.includes(':') ? 'IPv6' : 'IPv4' } } });
  const ask = async (trusted: string[], peer: string, xff?: string) =>
    (await app(trusted).request('/', { headers: xff ? { 'x-forwarded-for': xff } : {} }, from(peer))).text();

  it('is the socket peer, whatever X-Forwarded-For a client sends', async () => {
    expect(await ask([], '192.0.2.10', '203.0.113.1')).toBe('192.0.2.10');
    expect(await ask([], '::ffff:192.0.2.10')).toBe('192.0.2.10');
    expect(await ask(['10.0.0.1'], '192.0.2.10', '203.0.113.1')).toBe('192.0.2.10');
  });

  it('is the right-most untrusted hop when the peer is a listed proxy', async () => {
    expect(await ask(['10.0.0.1'], '10.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
    // The client wrote the left entry itself; the proxy appended the address it saw.
    expect(await ask(['10.0.0.1'], '10.0.0.1', '1.2.3.4, 203.0.113.9')).toBe('203.0.113.9');
    expect(await ask(['10.0.0.1', '10.0.0.2'], '10.0.0.1', '203.0.113.9, 10.0.0.2')).toBe('203.0.113.9');
    expect(await ask(['10.0.0.1'], '10.0.0.1', 'not-an-address')).toBe('10.0.0.1');
    expect(await ask(['10.0.0.1'], '10.0.0.1')).toBe('10.0.0.1');
  });
});

describe('MQTT packet sizes, read from fixed headers as they stream', () => {
  const header = (remaining: number): number[] => {
    const out = [0x30];
    do {
      let byte = remaining % 128;
      remaining = Math.floor(remaining / 128);
      if (remaining > 0) byte |= 0x80;
      out.push(byte);
    } while (remaining > 0);
    return out;
  };

  it('lets packets up to the limit through, split anywhere, and names the first one over it', () => {
    const sizes = packetSizes(1000);
    const stream = Buffer.from([...header(1000), ...Array(1000).fill(1), ...header(0), ...header(200), ...Array(200).fill(2), ...header(200_000_000)]);
    const results: (number | undefined)[] = [];
    for (let at = 0; at < stream.length; at += 7) results.push(sizes.feed(stream.subarray(at, at + 7)));
    expect(results.slice(0, -1).every((r) => r === undefined)).toBe(true);
    expect(results.at(-1)).toBe(200_000_000);
  });

  it('the embedded broker drops a connection that announces a packet over the limit, before any sign-in', async () => {
    const lines: string[] = [];
    const broker = await startEmbeddedBroker({ host: '127.0.0.1', port: 0, prefix: 'kiosk', consolePassword: 'c'.repeat(20), screens: { verify: async () => undefined }, log: (l) => lines.push(l) });
    try {
      const url = new URL(broker.url);
      const socket = connect(Number(url.port), url.hostname);
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.on('error', () => undefined);
      socket.write(Buffer.from([...header(200_000_000), ...Buffer.alloc(64 * 1024)]));
      await closed;
      expect(lines.some((l) => l.includes(`announcing a 200000000-byte packet (limit ${MAX_PACKET_BYTES})`))).toBe(true);
    } finally {
      await broker.close();
    }
  });
});
