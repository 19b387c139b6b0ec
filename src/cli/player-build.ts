import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { err, ok, type Result } from '../core/result';

const run = promisify(execFile);

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The built player is missing, or older than the renderer and core sources it was built from. */
export function playerNeedsBuild(appRoot: string): boolean {
  const index = join(appRoot, 'out/renderer/index.html');
  if (!existsSync(index)) return true;
  const sources = Math.max(newestMtime(join(appRoot, 'src/renderer')), newestMtime(join(appRoot, 'src/core')));
  return statSync(index).mtimeMs < sources;
}

/**
 * Builds the player page with the project's Vite config, so `npx kiosk serve` works right
 * after `npm install`. Vite is a dev dependency: an install without it gets a clear reason.
 */
export async function buildPlayer(appRoot: string, env: Readonly<Record<string, string | undefined>>): Promise<Result<void, string>> {
  const vite = join(appRoot, 'node_modules/vite/bin/vite.js');
  if (!existsSync(vite)) return err(`Vite is not installed in ${appRoot} (run \`npm install\` there, with dev dependencies)`);
  try {
    // NODE_ENV=production: a test runner's NODE_ENV=test would otherwise give a development build.
    await run(process.execPath, [vite, 'build', '--config', 'vite.web.config.ts', '--logLevel', 'error'], {
      cwd: appRoot,
      env: { ...env, NODE_ENV: 'production' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return ok(undefined);
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    return err(stderr || (e instanceof Error ? e.message : String(e)));
  }
}
