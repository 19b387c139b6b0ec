import type { z } from 'zod';
import { err, ok, type Result } from '../../core/result';

/** The shape every console route has in the contract; the client needs nothing more. */
export interface RouteShape {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
}

export type ApiErrorKind = 'unauthenticated' | 'forbidden' | 'conflict' | 'invalid' | 'rate-limited' | 'network' | 'server';

/** What went wrong, with the server's own message when it sent one. */
export interface ApiError {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly message: string;
}

export type BodyOf<R extends RouteShape> = R['body'] extends z.ZodType ? z.input<R['body']> : undefined;
export type ResponseOf<R extends RouteShape> = z.infer<R['response']>;

let csrfToken = '';
let csrfHeader = 'x-csrf-token';
let onUnauthenticated: () => void = () => {};

/** The session's CSRF token, sent with every write; the server refuses writes without it. */
export function setCsrf(token: string, header?: string): void {
  csrfToken = token;
  if (header) csrfHeader = header;
}

export function onSessionLost(handler: () => void): void {
  onUnauthenticated = handler;
}

/** '/api/items/:id' with { id: 'a b' } → 'api/items/a%20b', relative to the page. */
export function buildPath(path: string, params: Readonly<Record<string, string>> = {}): string {
  return path
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))
    .replace(/^\/+/, '');
}

function errorKind(status: number): ApiErrorKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 400 || status === 413 || status === 415 || status === 422) return 'invalid';
  return 'server';
}

async function readError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let message = text.slice(0, 500);
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object') {
      const record = json as Record<string, unknown>;
      const found = [record.error, record.message, record.reason].find((v) => typeof v === 'string');
      if (typeof found === 'string') message = found;
    }
  } catch {
    // A plain-text error body is the message itself.
  }
  return { kind: errorKind(response.status), status: response.status, message: message || `HTTP ${response.status}` };
}

export interface CallOptions<R extends RouteShape> {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: BodyOf<R>;
}

/** Calls one contract route: JSON in, the response checked against the contract's schema. */
export async function call<R extends RouteShape>(route: R, options: CallOptions<R> = {}): Promise<Result<ResponseOf<R>, ApiError>> {
  const search = options.query ? `?${new URLSearchParams(options.query as Record<string, string>).toString()}` : '';
  const write = route.method !== 'GET';
  const headers: Record<string, string> = {};
  if (write) headers[csrfHeader] = csrfToken;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(buildPath(route.path, options.params) + search, {
      method: route.method,
      cache: 'no-store',
      credentials: 'same-origin',
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch (error) {
    return err({ kind: 'network', status: 0, message: String(error) });
  }
  if (!response.ok) {
    const problem = await readError(response);
    if (problem.kind === 'unauthenticated') onUnauthenticated();
    return err(problem);
  }
  const parsed = route.response.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) return err({ kind: 'server', status: response.status, message: `unexpected response from ${route.path}` });
  return ok(parsed.data as ResponseOf<R>);
}
