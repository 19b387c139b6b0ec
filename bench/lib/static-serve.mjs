// The start-up bench's floor: a Node process that serves one folder over HTTP and prints its
// URL, as `kiosk serve` does, with nothing else to load. Plain JavaScript, so it starts as a
// bare `node` does.  Usage: node static-serve.mjs DIR PAGE PORT
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const [dir = '.', page = 'index.html', port = '0'] = process.argv.slice(2);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff' };

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
  const file = join(dir, path);
  if (!file.startsWith(dir)) return void res.writeHead(403).end();
  try {
    const size = statSync(file).size;
    // Hashed assets may be cached, the page revalidated: a warm cache as the player's server gives.
    const cache = extname(file) === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable';
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': size, 'cache-control': cache });
    createReadStream(file).pipe(res);
  } catch {
    res.writeHead(404).end();
  }
});
server.listen(Number(port), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`Browser player: http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/${page}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
