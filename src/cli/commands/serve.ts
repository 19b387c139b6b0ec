import { resolve } from 'node:path';
import { APP_ROOT } from '../app-root';
import { flag, type Command } from '../io';
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
    const config = flag(args, 'config');
    const data = flag(args, 'data');
    const watchDir = flag(args, 'watch');
    // loaded on use, so the other commands start without the server and feed client
    const { startBrowserPlayer } = await import('../../app/browser-player');
    const player = await startBrowserPlayer({
      appRoot: APP_ROOT,
      ...(config ? { configPath: resolve(io.cwd, config) } : {}),
      dataDir: resolve(io.cwd, data ?? io.env.KIOSK_DATA_DIR ?? '.kiosk-data'),
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
