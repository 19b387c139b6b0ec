import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AlertRequest } from '../core/api/contract';
import { formatIssues } from '../core/model/issues';
import { errorMessage, type Result } from '../core/result';

export const inboxDir = (dataDir: string): string => join(dataDir, 'alerts-inbox');

/** Parses a dropped alert file: JSON ({text, level?, minutes?}) or plain text (a critical alert for 30 minutes). */
export function parseAlertFile(name: string, text: string): { ok: true; value: AlertRequest } | { ok: false; error: string } {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  let raw: unknown = { text: trimmed };
  if (name.endsWith('.json')) {
    try {
      raw = JSON.parse(trimmed);
    } catch (e) {
      return { ok: false, error: `${name}: not valid JSON (${errorMessage(e)})` };
    }
  }
  const parsed = AlertRequest.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: formatIssues(name, parsed.error).join('; ') };
}

/**
 * Watches a folder only this user can write to: an operator (or `kiosk alert`) drops a
 * file there and the alert is raised within a second. No port is opened for it.
 */
export async function watchAlertInbox(opts: {
  readonly dataDir: string;
  readonly raise: (request: AlertRequest) => Promise<Result<unknown>>;
  readonly clear: () => Promise<void>;
  readonly log: (line: string) => void;
  readonly intervalMs?: number;
}): Promise<{ close(): void; scan(): Promise<void> }> {
  const dir = inboxDir(opts.dataDir);
  const rejected = join(dir, 'rejected');
  await mkdir(rejected, { recursive: true, mode: 0o700 });
  let busy = false;
  const scan = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      for (const name of (await readdir(dir)).filter((n) => /\.(txt|json|clear)$/.test(n)).sort()) {
        const file = join(dir, name);
        if (name.endsWith('.clear')) {
          await opts.clear();
          await rm(file, { force: true });
          continue;
        }
        const parsed = parseAlertFile(name, await readFile(file, 'utf8'));
        const raised = parsed.ok ? await opts.raise(parsed.value) : parsed;
        if (raised.ok) {
          await rm(file, { force: true });
        } else {
          const reason = parsed.ok ? `${name}: ${raised.error}` : raised.error;
          opts.log(`alert inbox: ${reason}; moved to ${rejected}`);
          await rename(file, join(rejected, name));
        }
      }
    } catch (error) {
      opts.log(`alert inbox: ${errorMessage(error)}`);
    } finally {
      busy = false;
    }
  };
  // Polling, not fs.watch: it behaves the same on every OS and network drives.
  const timer = setInterval(() => void scan(), opts.intervalMs ?? 250);
  timer.unref();
  await scan();
  return { close: () => clearInterval(timer), scan };
}
