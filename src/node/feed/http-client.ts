import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { err, ok, type Result } from '../../core/result';
import { addressRefusal, checkRedirect, checkUrl, type UrlRules } from '../../core/feed/url-policy';

export interface GetOptions {
  readonly rules: UrlRules;
  readonly maxRedirects: number;
  /** The whole exchange: connect, headers, every redirect and the body. */
  readonly timeoutMs: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface OpenResponse {
  readonly status: number;
  readonly url: URL;
  readonly header: (name: string) => string | undefined;
  readonly body: AsyncIterable<Uint8Array>;
}

export interface HttpClient {
  /** Opens the URL, follows allowed redirects, and hands the final response to `consume`. */
  get<T>(url: string, options: GetOptions, consume: (res: OpenResponse) => Promise<Result<T>>): Promise<Result<T>>;
  close(): Promise<void>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function headerReader(headers: Dispatcher.ResponseData['headers']): (name: string) => string | undefined {
  return (name) => {
    const v = headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  };
}

/** Undici's error codes in words an operator understands. */
export function describeNetworkError(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `timed out after ${timeoutMs} ms`;
  const code = (error as { code?: string } | undefined)?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connect timed out';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `connection reset (${message})`;
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'the server stopped sending';
    case 'EPRIVATEADDRESS':
      return message;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found (${message})`;
    default:
      return code ? `${code}: ${message}` : message;
  }
}

async function follow(
  dispatcher: Dispatcher, start: URL, options: GetOptions, signal: AbortSignal,
): Promise<Result<{ url: URL; data: Dispatcher.ResponseData }>> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const data = await request(url, { dispatcher, method: 'GET', headers: { 'user-agent': 'anti-fraud-kiosk', ...options.headers }, signal });
    const location = headerReader(data.headers)('location');
    if (!REDIRECTS.has(data.statusCode) || !location) return ok({ url, data });
    await data.body.dump().catch(() => undefined);
    if (hop >= options.maxRedirects) return err(`more than ${options.maxRedirects} redirects`);
    const next = checkRedirect(url, location, options.rules);
    if (!next.ok) return next;
    url = next.value;
  }
}

/**
 * DNS for direct connections, refusing names that resolve to non-public addresses. The
 * socket connects to exactly the addresses checked here, so a name that changes its answer
 * between a check and the connect (DNS rebinding) gains nothing. Through a proxy, the proxy
 * resolves names; literal addresses are still refused by checkUrl.
 */
export function guardedLookup(privateHosts: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.map((a) => addressRefusal(hostname, a.address, privateHosts)).find(Boolean);
      if (refused) return callback(Object.assign(new Error(refused), { code: 'EPRIVATEADDRESS' }), '', 0);
      const first = addresses[0];
      if (options.all) callback(null, addresses);
      else callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}

export function createHttpClient(settings: { connectTimeoutMs: number; privateHosts: readonly string[] }): HttpClient {
  const { privateHosts } = settings;
  const dispatcher = new EnvHttpProxyAgent({
    connect: { timeout: settings.connectTimeoutMs, lookup: guardedLookup(privateHosts) },
    // Plain http through a proxy is forwarded, as most school and bank proxies expect;
    // https always tunnels with CONNECT.
    proxyTunnel: false,
  });
  return {
    async get(raw, given, consume) {
      const options = { ...given, rules: { ...given.rules, privateHosts } };
      const start = checkUrl(raw, options.rules);
      if (!start.ok) return start;
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      // Some stages (a proxy's CONNECT) do not heed the abort signal: the race guarantees the deadline.
      const deadline = new Promise<Result<never>>((resolve) => {
        timer = setTimeout(() => {
          controller.abort(new Error('timeout'));
          resolve(err(describeNetworkError(undefined, true, options.timeoutMs)));
        }, options.timeoutMs);
      });
      const work = (async (): Promise<Result<Awaited<ReturnType<typeof consume>> extends Result<infer T> ? T : never>> => {
        const opened = await follow(dispatcher, start.value, options, controller.signal);
        if (!opened.ok) return opened;
        const { url, data } = opened.value;
        try {
          return await consume({ status: data.statusCode, url, header: headerReader(data.headers), body: data.body });
        } finally {
          // An unread rest is dropped; destroying emits an error nobody else listens to.
          if (!data.body.destroyed) data.body.on('error', () => undefined).destroy();
        }
      })().catch((error: unknown) => err(describeNetworkError(error, controller.signal.aborted, options.timeoutMs)));
      try {
        return await Promise.race([work, deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => dispatcher.close(),
  };
}

/** Reads a body into memory, aborting as soon as it grows past the cap. */
export async function readCapped(res: OpenResponse, maxBytes: number): Promise<Result<Buffer>> {
  const declared = Number(res.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    return err(`body of ${declared} bytes is over the cap of ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body) {
    total += chunk.byteLength;
    if (total > maxBytes) return err(`body is over the cap of ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  if (Number.isFinite(declared) && res.header('content-length') !== undefined && total < declared) {
    return err(`body ended after ${total} of ${declared} bytes`);
  }
  return ok(Buffer.concat(chunks));
}
