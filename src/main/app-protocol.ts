import { protocol } from 'electron';
import { APP_ORIGIN } from '../core/api/contract';
import { CONTENT_SECURITY_POLICY, withSecurityHeaders } from '../server/security/headers';
import { errorMessage } from '../core/result';

/**
 * The renderer and its media are served from app://kiosk/ by the same request handler as
 * the browser player. A privileged standard scheme gives the page a real origin (fetch,
 * SSE, same-origin checks) and `stream` lets <video> seek with Range requests.
 */
const appOrigin = new URL(APP_ORIGIN);
export const APP_SCHEME = appOrigin.protocol.replace(/:$/, '');
export const APP_HOST = appOrigin.host;
export const RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The browser player's policy, so both hosts enforce the same one. webRequest header hooks
 * do not run for custom schemes, so it is (re)set on every app:// response here, even for
 * answers that do not come from the server (404, 500).
 */
export const KIOSK_CSP = CONTENT_SECURITY_POLICY;

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export type Fetch = (req: Request) => Promise<Response> | Response;

/** Wraps the runtime's handler: only our host, security headers on every answer, never a throw. */
export function appRequestHandler(fetch: Fetch, onError: (message: string) => void): (req: Request) => Promise<Response> {
  return async (req) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return withSecurityHeaders(new Response('Bad request', { status: 400 }));
    }
    if (url.host !== APP_HOST) return withSecurityHeaders(new Response('Not found', { status: 404 }));
    try {
      return withSecurityHeaders(await fetch(req));
    } catch (error) {
      onError(`app:// ${url.pathname}: ${errorMessage(error)}`);
      return withSecurityHeaders(new Response('Internal error', { status: 500 }));
    }
  };
}

export { withSecurityHeaders };

export function installAppProtocol(fetch: Fetch, onError: (message: string) => void): void {
  protocol.handle(APP_SCHEME, appRequestHandler(fetch, onError));
}
