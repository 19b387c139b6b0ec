import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CSRF_HEADER, consoleRoutes, fillPath, type ConsoleResponse, type ConsoleRouteName } from '../../src/core/console/contract';
import { startConsole, type RunningConsole } from '../../src/app/console';
import { Agent, fetch as undiciFetch } from 'undici';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/**
 * fetch, tried a second time when a kept-alive socket was closed by the server just as it
 * was reused (ECONNRESET before any reply: the request never reached a handler).
 */
async function fetchOnce(url: string, init: RequestInit, from?: Agent): Promise<Response> {
  const once = (): Promise<Response> => (from ? (undiciFetch(url, { ...init, dispatcher: from } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>) : fetch(url, init));
  try {
    return await once();
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    return once();
  }
}

/**
 * Connections from another loopback address (127.0.0.2 …): the console counts sign-in
 * failures per client address, so a test's attacker and its real user must differ.
 */
export const fromAddress = (localAddress: string): Agent => new Agent({ localAddress });

/** A signed-in HTTP client for one console account: cookie and CSRF token kept like a browser would. */
export class ConsoleClient {
  cookie = '';
  csrf = '';
  constructor(readonly origin: string, readonly from?: Agent) {}

  /** `data` is the reply parsed by the route's response schema (2xx), `error` the refusal's sentence. */
  async call<N extends ConsoleRouteName>(
    name: N,
    options: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; data: ConsoleResponse<N>; error: string; json: unknown }> {
    const declared = consoleRoutes[name];
    const qs = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
    const write = declared.method !== 'GET';
    const response = await fetchOnce(`${this.origin}${fillPath(declared.path, options.params)}${qs}`, {
      method: declared.method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(write ? { 'content-type': 'application/json', [CSRF_HEADER]: this.csrf, origin: this.origin } : {}),
        ...options.headers,
      },
      ...(write ? { body: JSON.stringify(options.body ?? {}) } : {}),
    }, this.from);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const json: unknown = await response.json().catch(() => null);
    const csrf = (json as { csrf?: unknown } | null)?.csrf;
    if (typeof csrf === 'string') this.csrf = csrf;
    const data = response.ok ? (declared.response.parse(json) as ConsoleResponse<N>) : (undefined as never);
    const error = response.ok ? '' : String((json as { error?: unknown } | null)?.error ?? '');
    return { status: response.status, data, error, json };
  }

  async login(username: string, password: string): Promise<void> {
    const r = await this.call('login', { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.error}`);
  }
}

export interface ConsoleFixture {
  readonly running: RunningConsole;
  readonly origin: string;
  readonly dataDir: string;
  readonly admin: ConsoleClient;
  close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery';

/** A console on a free port with a fresh data folder, the first admin set up through the link. */
export async function startConsoleFixture(now?: () => Date, usbDirs?: readonly string[]): Promise<ConsoleFixture> {
  const dataDir = await mkdtemp(join(tmpdir(), 'console-'));
  const running = await startConsole({ appRoot: REPO_ROOT, dataDir, port: 0, fleet: { mqttPort: 0 }, log: () => undefined, ...(now ? { now } : {}), ...(usbDirs ? { usbDirs } : {}) });
  const origin = new URL(running.url).origin;
  const admin = new ConsoleClient(origin);
  const token = new URL(running.setupUrl ?? '').searchParams.get('token') ?? '';
  const setup = await admin.call('setup', { body: { token, username: 'admin', password: PASSWORD } });
  if (setup.status !== 200) throw new Error(`setup: ${setup.status} ${setup.error}`);
  return {
    running, origin, dataDir, admin,
    async close() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates an account with the given roles and returns a client signed in as it. */
export async function accountClient(f: ConsoleFixture, username: string, roles: string[]): Promise<ConsoleClient> {
  const created = await f.admin.call('createAccount', { body: { username, password: PASSWORD, roles } });
  if (created.status !== 200) throw new Error(`createAccount: ${created.status} ${created.error}`);
  const client = new ConsoleClient(f.origin);
  await client.login(username, PASSWORD);
  return client;
}
