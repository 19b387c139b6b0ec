import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SESSION_META } from '../core/api/contract';

/**
 * The player page with this launch's secret in a meta tag. Only a page of our own origin
 * can read it (the Host guard turns rebinding names away, CORS keeps other origins out),
 * and it works the same over app:// where cookies for custom schemes are unreliable.
 */
export async function pageResponse(rendererDir: string, secret: string): Promise<Response> {
  const html = await readFile(join(rendererDir, 'index.html'), 'utf8').catch(() => undefined);
  if (html === undefined) return new Response('Not found', { status: 404 });
  const meta = `<meta name="${SESSION_META}" content="${secret}" />`;
  const body = html.includes('</head>') ? html.replace('</head>', `${meta}</head>`) : meta + html;
  return new Response(body, {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}
