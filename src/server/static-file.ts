import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.vtt': 'text/vtt; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
};

/**
 * The absolute path of `relPath` inside `root`, or undefined when it would escape it
 * (`..`, encoded separators, NUL, absolute paths).
 */
export function safeJoin(root: string, relPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  if (decoded.split('/').some((part) => part === '..')) return undefined;
  const base = resolve(root);
  const full = resolve(base, '.' + (decoded.startsWith('/') ? '' : '/') + decoded);
  return full === base || full.startsWith(base + sep) ? full : undefined;
}

function parseRange(header: string, size: number): { start: number; end: number } | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, a = '', b = ''] = match;
  if (a === '' && b === '') return undefined;
  const start = a === '' ? Math.max(0, size - Number(b)) : Number(a);
  const end = a === '' || b === '' ? size - 1 : Math.min(Number(b), size - 1);
  return start <= end && start < size ? { start, end } : undefined;
}

/** Serves a file, answering Range requests with 206 so `<video>` can seek. */
export async function fileResponse(
  file: string,
  request: Request,
  contentType?: string,
): Promise<Response> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return new Response('Not found', { status: 404 });
  const type = contentType ?? TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers = new Headers({ 'content-type': type, 'accept-ranges': 'bytes', 'cache-control': 'no-cache' });
  const rangeHeader = request.headers.get('range');
  const range = rangeHeader ? parseRange(rangeHeader, info.size) : undefined;
  if (rangeHeader && !range) {
    headers.set('content-range', `bytes */${info.size}`);
    return new Response(null, { status: 416, headers });
  }
  const { start, end } = range ?? { start: 0, end: info.size - 1 };
  headers.set('content-length', String(Math.max(0, end - start + 1)));
  if (range) headers.set('content-range', `bytes ${start}-${end}/${info.size}`);
  if (request.method === 'HEAD' || info.size === 0) {
    return new Response(null, { status: range ? 206 : 200, headers });
  }
  const stream = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(stream, { status: range ? 206 : 200, headers });
}
