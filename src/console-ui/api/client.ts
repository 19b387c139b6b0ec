import {
  ApiError as ApiErrorBody,
  consoleRoutes,
  CSRF_HEADER,
  fillPath,
  type ConsoleBody,
  type ConsoleQuery,
  type ConsoleResponse,
  type ConsoleRouteName,
} from '../../core/console/contract';
import type { Blocker } from '../../core/console/formats';
import { err, ok, type Result } from '../../core/result';

export type ApiErrorKind = 'unauthenticated' | 'forbidden' | 'conflict' | 'invalid' | 'rate-limited' | 'network' | 'server';

/** What went wrong, with the server's own sentence and, for saves and publishes, the per-item reasons. */
export interface ApiError {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly message: string;
  readonly reasons: readonly Blocker[];
}

let csrfToken = '';
let sessionLost: () => void = () => {};

/** The session's CSRF token, sent with every write; the server refuses writes without it. */
export function setCsrf(token: string | null): void {
  csrfToken = token ?? '';
}

export function onSessionLost(handler: () => void): void {
  sessionLost = handler;
}

function errorKind(status: number): ApiErrorKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 400 && status < 500) return 'invalid';
  return 'server';
}

export async function readError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  const kind = errorKind(response.status);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const body = ApiErrorBody.safeParse(parsed);
  const problem: ApiError = body.success
    ? { kind, status: response.status, message: body.data.error, reasons: body.data.reasons ?? [] }
    : { kind, status: response.status, message: text.slice(0, 300) || `HTTP ${response.status}`, reasons: [] };
  if (kind === 'unauthenticated') sessionLost();
  return problem;
}

type Params = Readonly<Record<string, string>>;

export interface CallOptions<N extends ConsoleRouteName> {
  readonly params?: Params;
  readonly query?: ConsoleQuery<N>;
  readonly body?: ConsoleBody<N>;
}

export function routeUrl(path: string, params?: Params, query?: object): string {
  const entries = Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== '');
  const search = entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
  return fillPath(path, params) + search;
}

export function writeHeaders(json: boolean): Record<string, string> {
  return { [CSRF_HEADER]: csrfToken, ...(json ? { 'content-type': 'application/json' } : {}) };
}

/** Calls one route of the contract: JSON in, the reply checked against the contract's schema. */
export async function call<N extends ConsoleRouteName>(name: N, options: CallOptions<N> = {}): Promise<Result<ConsoleResponse<N>, ApiError>> {
  const route = consoleRoutes[name];
  const write = route.method !== 'GET';
  let response: Response;
  try {
    response = await fetch(routeUrl(route.path, options.params, options.query ?? undefined), {
      method: route.method,
      cache: 'no-store',
      credentials: 'same-origin',
      ...(write ? { headers: writeHeaders(true), body: JSON.stringify(options.body ?? {}) } : {}),
    });
  } catch (error) {
    return err({ kind: 'network', status: 0, message: String(error), reasons: [] });
  }
  if (!response.ok) return err(await readError(response));
  const parsed = route.response.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) return err({ kind: 'server', status: response.status, message: `unexpected reply from ${route.path}`, reasons: [] });
  return ok(parsed.data as ConsoleResponse<N>);
}

/** A sentence for people: known kinds in the page's language, others with the server's words. */
export function describeError(error: ApiError, t: { conflict: string; forbidden: string; sessionExpired: string; errorPrefix: string }): string {
  switch (error.kind) {
    case 'conflict':
      return t.conflict;
    case 'forbidden':
      return `${t.forbidden} (${error.message})`;
    case 'unauthenticated':
      return t.sessionExpired;
    case 'invalid':
    case 'rate-limited':
    case 'network':
    case 'server':
      return t.errorPrefix + error.message;
  }
}
