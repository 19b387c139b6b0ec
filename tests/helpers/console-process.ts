import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { REPO_ROOT } from './console-client';

export interface ConsoleProcess {
  readonly child: ChildProcess;
  readonly origin: string;
  readonly setupToken: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * A console in a process of its own (tests/node/fixtures/console-child.ts, bundled once so it
 * starts as plain node): what the suite measures is that process, not the test runner.
 * With `fleet`, it runs the embedded broker too (on a free port), so screens can join it.
 */
export async function startConsoleProcess(o: { readonly fleet?: boolean } = {}): Promise<ConsoleProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'console-hostile-'));
  const bundle = join(dataDir, 'console-child.mjs');
  await build({
    entryPoints: [join(REPO_ROOT, 'tests/node/fixtures/console-child.ts')], bundle: true, platform: 'node', format: 'esm',
    outfile: bundle, logLevel: 'error',
    // Bundled CommonJS packages require Node's built-ins at run time.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  const child = spawn(process.execPath, [bundle, REPO_ROOT, join(dataDir, 'data'), ...(o.fleet ? ['fleet'] : [])], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the console exited (${String(code)}) before it listened`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  const started = JSON.parse(first) as { url: string; setupUrl: string };
  return {
    child, dataDir: join(dataDir, 'data'),
    origin: new URL(started.url).origin,
    setupToken: new URL(started.setupUrl).searchParams.get('token') ?? '',
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident memory of a process in bytes, from Linux's /proc. */
export function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  const kb = Number(/(\d+)/.exec(line ?? '')?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return kb * 1024;
}

/**
 * POSTs up to `totalBytes` as a chunked body (no Content-Length), made of one reused block,
 * so the sender never holds more than a megabyte. Stops sending once the server answers.
 * `sample` runs after every `sampleEvery` bytes sent (the caller reads the server's memory).
 */
export function sendChunkedBody(
  url: string, headers: Record<string, string>, totalBytes: number, sample: () => void, sampleEvery = 8 * 1024 * 1024,
): Promise<{ status: number; body: string; sent: number }> {
  const target = new URL(url);
  const block = Buffer.alloc(1024 * 1024, 0x20);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
      answered = true;
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    // The server closes the connection after its 413: a write that fails then is expected.
    req.on('error', (e) => (answered ? undefined : reject(e)));
    const pump = (): void => {
      while (!answered && sent < totalBytes) {
        sent += block.length;
        if (sent % sampleEvery < block.length) sample();
        if (!req.write(block)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    req.write('{"username":"x","password":"');
    pump();
  });
}
