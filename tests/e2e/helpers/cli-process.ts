import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { APP_ROOT } from './player';

export interface CliProcess {
  /** Everything printed on stdout so far. */
  output(): string;
  /** Everything printed on stderr so far (the logs). */
  errors(): string;
  /** Resolves with the first match of `pattern` in stdout, or fails with what was printed. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
  /** SIGKILL: a crash, with no chance to say goodbye. */
  kill(): Promise<void>;
}

/**
 * Runs `kiosk <args>` as a user would (bin/kiosk.js, its own process) and reads what it
 * prints. The environment drops proxies: everything here is on loopback.
 */
export function runKiosk(args: readonly string[], cwd = APP_ROOT): CliProcess {
  const child: ChildProcess = spawn(process.execPath, [join(APP_ROOT, 'bin/kiosk.js'), ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' },
  });
  let out = '';
  let err = '';
  let exited: number | null | undefined;
  child.stdout?.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => void (err += d.toString()));
  child.once('exit', (code) => void (exited = code));
  return {
    output: () => out,
    errors: () => err,
    async waitFor(pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(out);
        if (match) return match;
        if (exited !== undefined || Date.now() > deadline) {
          throw new Error(`kiosk ${args.join(' ')} printed no ${pattern} (exit ${exited}):\n${out}\n${err.slice(-2000)}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async kill() {
      if (exited !== undefined) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    },
    async stop() {
      if (exited !== undefined) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
