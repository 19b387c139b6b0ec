import { routes, SESSION_HEADER, SESSION_META, type RouteBody, type RouteName, type RouteResponse } from '../../core/api/contract';
import { err, ok, type Result } from '../../core/result';

/**
 * A tiny typed client over the routes declared in the contract. URLs are relative to the
 * page, so the renderer only ever talks to its own origin (app:// in Electron, the
 * browser player's 127.0.0.1 address otherwise).
 */
export async function callRoute<N extends RouteName>(
  name: N,
  ...body: RouteBody<N> extends never ? [] : [RouteBody<N>]
): Promise<Result<RouteResponse<N>>> {
  const route = routes[name];
  try {
    const response = await fetch(relative(route.path), {
      method: route.method,
      cache: 'no-store',
      ...(body.length > 0
        ? { headers: { 'content-type': 'application/json', [SESSION_HEADER]: sessionSecret() }, body: JSON.stringify(body[0]) }
        : {}),
    });
    if (!response.ok) return err(`${route.method} ${route.path}: HTTP ${response.status}`);
    const parsed = route.response.safeParse(await response.json());
    if (!parsed.success) return err(`${route.path}: unexpected response (${parsed.error.message})`);
    return ok(parsed.data as RouteResponse<N>);
  } catch (error) {
    return err(`${route.method} ${route.path}: ${String(error)}`);
  }
}

/** '/api/state' → 'api/state': resolved against the page, never an absolute origin. */
export function relative(path: string): string {
  return path.replace(/^\/+/, '');
}

/**
 * This launch's secret, which the server put in the page; every write carries it back.
 * Read at each call, so a reloaded page uses the new launch's value.
 */
export function sessionSecret(): string {
  if (typeof document === 'undefined') return '';
  return document.querySelector<HTMLMetaElement>(`meta[name="${SESSION_META}"]`)?.content ?? '';
}
