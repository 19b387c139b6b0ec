import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { allows, consoleRoutes, CSRF_HEADER, SESSION_COOKIE, type ConsoleRouteName, type ConsoleRoutes } from '../../core/console/contract';
import type { Account } from '../../core/console/formats';
import { formatIssues } from '../../core/model/issues';
import type { Result } from '../../core/result';
import { assertNever } from '../../core/assert-never';
import type { Failure } from '../../core/console/workflow';
import type { Session, Sessions } from '../../node/console/sessions';
import { sameSecret } from '../../node/console/sessions';
import { foreignHost, foreignOrigin, readCookie, type GuardOptions } from './guards';

type Route<N extends ConsoleRouteName> = ConsoleRoutes[N];
type Parsed<N extends ConsoleRouteName, K extends string> = Route<N> extends Record<K, z.ZodType> ? z.infer<Route<N>[K]> : undefined;

export interface Input<N extends ConsoleRouteName> {
  readonly body: Parsed<N, 'body'>;
  readonly query: Parsed<N, 'query'>;
  readonly params: Readonly<Record<string, string>>;
  /** The raw body of byte routes (uploads). */
  readonly raw: Uint8Array | undefined;
  readonly session: Session | undefined;
  readonly account: Route<N>['access'] extends 'public' ? Account | undefined : Account;
  readonly c: Context;
}

export type Reply<N extends ConsoleRouteName> = z.infer<Route<N>['response']>;
export type Handler<N extends ConsoleRouteName> = (input: Input<N>) => Promise<Result<Reply<N>, Failure>>;

export interface RouteDeps {
  readonly guard: GuardOptions;
  readonly sessions: Sessions;
  readonly account: (username: string) => Account | undefined;
  readonly maxJsonBytes: number;
  readonly maxRawBytes: number;
}

const STATUS = { forbidden: 403, conflict: 409, 'not-found': 404, invalid: 422 } as const;

export function failureResponse(c: Context, failure: Failure): Response {
  switch (failure.code) {
    case 'invalid':
      return c.json({ ok: false, error: failure.message, ...(failure.reasons ? { reasons: failure.reasons } : {}) }, STATUS.invalid);
    case 'forbidden':
    case 'conflict':
    case 'not-found':
      return c.json({ ok: false, error: failure.message }, STATUS[failure.code]);
    default:
      return assertNever(failure, 'failure');
  }
}

const refuse = (c: Context, status: 400 | 401 | 403 | 413 | 415 | 421, error: string): Response => c.json({ ok: false, error }, status);

/** Host, session, role and (on writes) Origin and CSRF: every check on the server, for every route. */
function admit(c: Context, access: string, deps: RouteDeps): { session?: Session; account?: Account } | Response {
  const host = foreignHost(c, deps.guard);
  if (host) return refuse(c, 421, host);
  const write = c.req.method !== 'GET' && c.req.method !== 'HEAD';
  const origin = write ? foreignOrigin(c, deps.guard) : undefined;
  if (origin) return refuse(c, 403, origin);
  const session = deps.sessions.get(readCookie(c, SESSION_COOKIE));
  const account = session ? deps.account(session.username) : undefined;
  if (access === 'public') return { ...(session ? { session } : {}), ...(account ? { account } : {}) };
  if (!session || !account || account.disabled) return refuse(c, 401, 'sign in first');
  if (write && !sameSecret(c.req.header(CSRF_HEADER) ?? '', session.csrf)) return refuse(c, 403, `missing or wrong ${CSRF_HEADER} header`);
  if (!allows(access as Parameters<typeof allows>[0], account.roles)) return refuse(c, 403, `this needs the ${access} role`);
  return { session, account };
}

async function parseInput(c: Context, route: ConsoleRoutes[ConsoleRouteName], deps: RouteDeps): Promise<Response | { body: unknown; query: unknown; raw?: Uint8Array }> {
  let query: unknown = undefined;
  if ('query' in route) {
    const parsed = route.query.safeParse(c.req.query());
    if (!parsed.success) return refuse(c, 400, formatIssues('query', parsed.error).join('; '));
    query = parsed.data;
  }
  if ('raw' in route) {
    if (Number(c.req.header('content-length') ?? Infinity) > deps.maxRawBytes) return refuse(c, 413, `send at most ${deps.maxRawBytes} bytes per chunk`);
    return { body: undefined, query, raw: new Uint8Array(await c.req.arrayBuffer()) };
  }
  if (!('body' in route)) return { body: undefined, query };
  if (!(c.req.header('content-type') ?? '').startsWith('application/json')) return refuse(c, 415, 'content-type must be application/json');
  if (Number(c.req.header('content-length') ?? 0) > deps.maxJsonBytes) return refuse(c, 413, 'request too large');
  const parsed = route.body.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) return refuse(c, 400, formatIssues('request body', parsed.error).join('; '));
  return { body: parsed.data, query };
}

/** Registers one route of the contract: method and path from the declaration, access enforced, input parsed. */
export function route<N extends ConsoleRouteName>(app: Hono, deps: RouteDeps, name: N, handler: Handler<N>): void {
  const declared: ConsoleRoutes[ConsoleRouteName] = consoleRoutes[name];
  app.on(declared.method, declared.path, async (c) => {
    const admitted = admit(c, declared.access, deps);
    if (admitted instanceof Response) return admitted;
    const input = await parseInput(c, declared, deps);
    if (input instanceof Response) return input;
    const result = await handler({ ...input, raw: input.raw, params: c.req.param() as Record<string, string>, ...admitted, c } as Input<N>);
    return result.ok ? c.json(result.value) : failureResponse(c, result.error);
  });
}
