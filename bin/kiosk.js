#!/usr/bin/env node
// The `kiosk` command: runs the TypeScript CLI through tsx so `npx kiosk` works right after install.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { main } = await import(join(root, 'src/cli/main.ts'));
const code = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  cwd: process.cwd(),
  env: process.env,
});
if (code !== undefined) process.exitCode = code;
