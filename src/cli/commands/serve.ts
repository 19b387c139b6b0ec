import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { APP_ROOT } from '../app-root';
import { flag, type CliIo, type Command } from '../io';
import { buildPlayer, playerNeedsBuild } from '../player-build';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the player to a browser on this machine',
  usage: [
    'Usage: kiosk serve [--port N] [--host ADDR] [--config FILE] [--data DIR] [--watch DIR]',
    '',
    'Starts the browser player: the same screen the Electron kiosk shows, at a local URL.',
    '  --port N       port to listen on (default: the config\'s server.port, 8787)',
    '  --host ADDR    address to bind (default 127.0.0.1; use 0.0.0.0 only on a trusted network)',
    '  --config FILE  device config JSON (default: none, built-in defaults)',
    '  --data DIR     where cache, logs and alerts live (default ./.kiosk-data or $KIOSK_DATA_DIR)',
    '  --watch DIR    treat DIR as a USB stick\'s mount point: a bundle at DIR/anti-fraud-kiosk/ is checked and played',
    '  --enrol VALUE  join a console with a token from `kiosk enrol` (its CSV\'s "enrol" column);',
    '                 the config it gets is kept in DIR, so later starts need no token',
    '  --name NAME    the screen\'s name in the console when it joins (default: from its group)',
    '  --console URL  an unconfigured screen shows a pairing code for this console until an admin',
    '                 adds it ("Add screen"), then plays what it is given (or $KIOSK_CONSOLE_URL)',
  ].join('\n'),
  async run(args, io) {
    if (playerNeedsBuild(APP_ROOT)) {
      io.err('kiosk serve: building the player page first (once, about 20 s)…');
      const built = await buildPlayer(APP_ROOT, io.env);
      if (!built.ok) {
        io.err(`kiosk serve: could not build the player: ${built.error}`);
        return 1;
      }
    }
    const port = flag(args, 'port');
    if (port !== undefined && !/^\d+$/.test(port)) {
      io.err(`kiosk serve: --port must be a number, got "${port}"`);
      return 2;
    }
    const dataDir = resolve(io.cwd, flag(args, 'data') ?? io.env.KIOSK_DATA_DIR ?? '.kiosk-data');
    const joined = await joinedConfig(args, dataDir, io);
    if (typeof joined === 'number') return joined;
    const config = flag(args, 'config') ?? joined;
    const watchDir = flag(args, 'watch');
    const consoleUrl = flag(args, 'console') ?? io.env.KIOSK_CONSOLE_URL;
    if (!config && consoleUrl) return pairingScreen(consoleUrl, dataDir, args, io);
    // loaded on use, so the other commands start without the server and feed client
    const { startBrowserPlayer } = await import('../../app/browser-player');
    const player = await startBrowserPlayer({
      appRoot: APP_ROOT,
      ...(config ? { configPath: resolve(io.cwd, config) } : {}),
      dataDir,
      ...(port !== undefined ? { port: Number(port) } : {}),
      ...(watchDir ? { stickRoots: [resolve(io.cwd, watchDir)] } : {}),
      ...(flag(args, 'host') ? { host: flag(args, 'host') } : {}),
      log: (line) => io.err(`[kiosk] ${line}`),
    });
    io.out(`Browser player: ${player.url}`);
    io.out('Open it in a browser (full screen: F11). Press Ctrl+C to stop.');
    const stop = (): void => void player.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  },
};

/** The config a join left in the data folder; with --enrol, joins first (once). A number is an exit code. */
async function joinedConfig(args: readonly string[], dataDir: string, io: CliIo): Promise<string | undefined | number> {
  const { JOINED_CONFIG_FILE } = await import('../../node/fleet/screen-identity');
  const path = join(dataDir, JOINED_CONFIG_FILE);
  const exists = await access(path).then(() => true, () => false);
  const value = flag(args, 'enrol');
  if (exists) {
    if (value) io.err(`kiosk serve: this screen already joined (${path}); --enrol is not needed any more`);
    return path;
  }
  if (!value) return undefined;
  const { joinWithToken } = await import('../../node/fleet/join');
  const result = await joinWithToken(value, dataDir, flag(args, 'name'));
  if (!result.ok) {
    io.err(`kiosk serve: ${result.error}`);
    return 1;
  }
  io.out(`Joined the console as screen "${result.value.screenId}" (config kept in ${result.value.configPath})`);
  return result.value.configPath;
}

/** No config yet and a console to join: the join card, then the player on the config the console sends. */
async function pairingScreen(consoleUrl: string, dataDir: string, args: readonly string[], io: CliIo): Promise<number> {
  try {
    new URL(consoleUrl);
  } catch {
    io.err(`kiosk serve: --console must be the console's address (http://host:port), got "${consoleUrl}"`);
    return 2;
  }
  const { startPairingPlayer } = await import('../../app/pairing-player');
  const port = flag(args, 'port');
  const player = await startPairingPlayer({
    appRoot: APP_ROOT, dataDir, consoleUrl, ...(port !== undefined ? { port: Number(port) } : {}),
    ...(flag(args, 'host') ? { host: flag(args, 'host') } : {}), log: (line) => io.err(`[kiosk] ${line}`),
  });
  io.out(`Browser player: ${player.url}`);
  io.out('This screen has no config yet: it shows a pairing code to add it in the console. Press Ctrl+C to stop.');
  void player.joined.then((id) => io.out(`Joined as screen "${id}": playing its group's content`));
  const stop = (): void => void player.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}
