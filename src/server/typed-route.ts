import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { formatIssues } from '../core/model/issues';
import type { RouteName, Routes } from '../core/api/contract';
import { routes } from '../core/api/contract';

type Body<N extends RouteName> = Routes[N] extends { body: z.ZodType } ? z.infer<Routes[N]['body']> : undefined;
type Reply<N extends RouteName> = z.infer<Routes[N]['response']>;
/** A handler answers with the route's reply, or with a Response for a refusal (422, say). */
type Handler<N extends RouteName> = (body: Body<N>, c: Context) => Reply<N> | Response | Promise<Reply<N> | Response>;

/**
 * Registers a handler for a route of the contract: method and path come from the one
 * declaration, the body is validated with its schema, and the reply type is checked.
 * Write routes require a JSON content type, which a cross-site page cannot send without
 * a CORS preflight that this server never approves.
 */
export function handle<N extends RouteName>(
  app: Hono,
  name: N,
  handler: Handler<N>,
  guard?: (c: Context) => Response | undefined,
): void {
  const route = routes[name];
  app.on(route.method, route.path, async (c) => {
    const denied = guard?.(c);
    if (denied) return denied;
    let body: unknown = undefined;
    if ('body' in route) {
      if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
        return c.json({ ok: false, error: 'content-type must be application/json' }, 415);
      }
      const parsed = route.body.safeParse(await c.req.json().catch(() => undefined));
      if (!parsed.success) {
        return c.json({ ok: false, error: formatIssues('request body', parsed.error) }, 400);
      }
      body = parsed.data;
    }
    const reply = await handler(body as Body<N>, c);
    return reply instanceof Response ? reply : c.json(reply);
  });
}
