#!/usr/bin/env node
// The `kiosk` command. Runs the prebuilt bundle (out/cli/main.js, made by `npm run build:web`)
// when it is at least as new as the sources, which starts in about half the time; otherwise
// it runs the TypeScript sources through tsx, so `npx kiosk` works right after install.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bundle = join(root, 'out/cli/main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

// KIOSK_CLI=bundle|sources forces one way (the bench measures both); otherwise the bundle
// runs when it is at least as new as every source file.
async function load() {
  const forced = process.env.KIOSK_CLI;
  const fresh = forced === 'bundle' || (forced !== 'sources' && existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource(join(root, 'src')));
  if (fresh) {
    return import(pathToFileURL(bundle).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(root, 'src/cli/main.ts')).href);
}

const { main } = await load();
const code = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  cwd: process.cwd(),
  env: process.env,
});
if (code !== undefined) process.exitCode = code;
