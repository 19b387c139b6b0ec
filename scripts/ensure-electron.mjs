#!/usr/bin/env node
// Makes sure Electron's binary is on disk before `npm start`, `npm run dev` and `npm run dist`.
// Electron 42 and later download it on first use, and electron-vite reads
// node_modules/electron/path.txt without ever triggering that download, so a fresh
// `npm install && npm start` stopped with "Error: Electron uninstall". This runs Electron's
// own installer (node_modules/electron/install.js), which honours ELECTRON_MIRROR, the
// Electron cache (electron_config_cache) and electron_use_remote_checksums, and returns at
// once when the binary is already there.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';
const MIRROR_HINT = 'set ELECTRON_MIRROR to a mirror you can reach, e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));

const read = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : '');

/** The same test install.js makes: right version, path.txt written, executable present. */
function installed() {
  const exe = read(join(electronDir, 'path.txt'));
  if (!exe || read(join(electronDir, 'dist/version')).replace(/^v/, '') !== version) return false;
  return existsSync(join(process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist'), exe));
}

/** The first setting @electron/get reads, in its order: .npmrc, package.json config, environment. */
function setting(snake) {
  const env = process.env;
  return env[`npm_config_electron_${snake}`] || env[`NPM_CONFIG_ELECTRON_${snake.toUpperCase()}`] ||
    env[`npm_package_config_electron_${snake}`] || env[`ELECTRON_${snake.toUpperCase()}`] || undefined;
}

/** The URL install.js will ask for, to name it when the download fails. */
function artifactUrl() {
  const platform = process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform;
  const arch = process.env.ELECTRON_INSTALL_ARCH || process.env.npm_config_arch || process.arch;
  const base = setting('mirror') || DEFAULT_MIRROR;
  const dir = (setting('custom_dir') || `v${version}`).replace('{{ version }}', version);
  const file = setting('custom_filename') || `electron-v${version}-${platform}-${arch}.zip`;
  return `${base}${dir}/${file}`;
}

/** The installer's own reason, on one line: the last line of its error that says something. */
function reason(stderr) {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const message = lines.find((l) => /Error\b|error:|HTTPError|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|checksum/i.test(l) && !l.startsWith('at '));
  return (message ?? lines[0] ?? `exit code unknown`).slice(0, 200);
}

if (!installed()) {
  const url = artifactUrl();
  console.log(`Downloading Electron ${version} (first run only): ${url}`);
  const run = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (run.status !== 0 || !installed()) {
    console.error(`Electron ${version} could not be downloaded from ${url} (${reason(run.stderr ?? String(run.error ?? ''))}); ${MIRROR_HINT}.`);
    process.exit(1);
  }
}
