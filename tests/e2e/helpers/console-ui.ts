import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { APP_ROOT, ARTIFACTS } from './player';

const execFileAsync = promisify(execFile);
const VITE_BIN = join(APP_ROOT, 'node_modules/vite/bin/vite.js');
let built: Promise<void> | undefined;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds out/console when it is missing or older than the console UI, core or renderer sources. */
export function ensureConsoleBuilt(): Promise<void> {
  built ??= (async () => {
    const index = join(APP_ROOT, 'out/console/index.html');
    const sources = ['src/console-ui', 'src/core', 'src/renderer'].map((d) => newestMtime(join(APP_ROOT, d)));
    if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources)) return;
    // A child process, so vitest's NODE_ENV=test cannot turn this into a development build.
    await execFileAsync(process.execPath, [VITE_BIN, 'build', '--config', 'vite.console.config.ts', '--logLevel', 'error'], {
      cwd: APP_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
    });
  })();
  return built;
}

/** A full-page screenshot of a console page, after its fonts are in. */
export async function shoot(page: Page, name: string): Promise<void> {
  const dir = join(ARTIFACTS, 'console');
  await mkdir(dir, { recursive: true });
  await page.evaluate('document.fonts.ready');
  await page.screenshot({ path: join(dir, name), fullPage: true });
}

export async function signIn(page: Page, origin: string, username: string, password: string): Promise<void> {
  await page.goto(`${origin}/console/#/login`);
  await page.locator('[data-testid=login-form] input[name=username]').fill(username);
  await page.locator('[data-testid=login-form] input[name=password]').fill(password);
  await page.locator('[data-testid=login-form] button[type=submit]').click();
  await page.getByTestId('whoami').filter({ hasText: username }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-form').waitFor();
}

/** Creates an account on the accounts page with exactly the roles given. */
export async function addAccount(page: Page, username: string, password: string, roles: readonly string[]): Promise<void> {
  const form = page.getByTestId('new-account');
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill(password);
  for (const role of ['editor', 'publisher', 'admin']) await form.locator(`input[name=role-${role}]`).setChecked(roles.includes(role));
  await page.getByTestId('create-account').click();
  await page.getByTestId('accounts').locator('td', { hasText: username }).waitFor();
}

/** The first admin's password on the set-up page (already open), then the accounts page. */
export async function completeSetup(page: Page, password: string): Promise<void> {
  await page.locator('input[name=password]').fill(password);
  await page.locator('input[name=again]').fill(password);
  await page.locator('[data-testid=setup-form] button[type=submit]').click();
  await page.getByTestId('accounts').waitFor();
}
