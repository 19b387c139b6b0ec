import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleRoutes } from '../../src/core/console/contract';
import { startClockSync, timeUrlOf } from '../../src/node/sync/clock-sync';
import { startConsoleFixture } from '../helpers/console-client';

/** A stand-in console whose clock is 5 s ahead of this machine's, answering the contract's time route. */
function fakeConsole(aheadMs: number): Promise<{ server: Server; url: string; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(req.url ?? '');
    const received = Date.now() + aheadMs;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ received, sent: Date.now() + aheadMs }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    resolve({ server, url: `http://127.0.0.1:${port}/published`, asked });
  }));
}

describe('a screen follows the console\'s clock', () => {
  const stop = new AbortController();
  let server: Server | undefined;
  afterEach(() => {
    stop.abort();
    server?.close();
  });

  it('asks the console\'s public time route (from the publisher URL) and reads its time base after the first burst', async () => {
    const console = await fakeConsole(5000);
    server = console.server;
    expect(timeUrlOf(console.url)).toBe(`${new URL(console.url).origin}${consoleRoutes.time.path}`);
    const clock = startClockSync({ consoleUrl: console.url, signal: stop.signal });
    await clock.ready;
    expect(console.asked).toHaveLength(8);
    expect(new Set(console.asked)).toEqual(new Set([consoleRoutes.time.path]));
    // The screen's own clock is 5 s behind the console's; the estimate is within its reported bound (+1 ms of reading).
    const estimate = clock.estimate();
    expect(estimate).toBeDefined();
    expect(Math.abs(clock.now() - (Date.now() + 5000))).toBeLessThanOrEqual((estimate?.boundMs ?? 0) + 2);
  });
});

describe('the console is the time base of its sync groups', () => {
  it('answers its public time route with its own clock, which a screen then reads', async () => {
    // A console whose clock is an hour ahead of this machine's: the screen must take the console's.
    const f = await startConsoleFixture(() => new Date(Date.now() + 3_600_000));
    const stop = new AbortController();
    try {
      const clock = startClockSync({ consoleUrl: `${f.origin}/published`, signal: stop.signal });
      await clock.ready;
      const bound = clock.estimate()?.boundMs ?? Number.NaN;
      // The console answers in whole milliseconds: 2 ms of rounding on top of the exchange's bound.
      expect(Math.abs(clock.now() - (Date.now() + 3_600_000))).toBeLessThanOrEqual(bound + 2);
    } finally {
      stop.abort();
      await f.close();
    }
  });
});
