import { resolve } from 'node:path';
import { startConsole } from '../../app/console';
import { APP_ROOT } from '../app-root';
import { flag, type Command } from '../io';

export const consoleCommand: Command = {
  name: 'console',
  summary: 'run the web console: write, approve and publish signed content',
  usage: [
    'Usage: kiosk console [--port 8790] [--host 127.0.0.1] [--data DIR]',
    '',
    'Starts the management console and prints its address. On first run it imports the',
    'pack from playlists/ and prints a one-time set-up link that creates the first admin.',
    '  --port N     port to listen on (default 8790; 0 picks a free one)',
    '  --host ADDR  address to bind (default 127.0.0.1; another address exposes it to the network)',
    '  --data DIR   content, accounts, keys, audit log and the published folder',
    '               (default ./.kiosk-console or $KIOSK_CONSOLE_DIR)',
  ].join('\n'),
  async run(args, io) {
    const port = flag(args, 'port') ?? '8790';
    if (!/^\d+$/.test(port) || Number(port) > 65535) {
      io.err(`kiosk console: --port must be a number from 0 to 65535, got "${port}"`);
      return 2;
    }
    const running = await startConsole({
      appRoot: APP_ROOT,
      dataDir: resolve(io.cwd, flag(args, 'data') ?? io.env.KIOSK_CONSOLE_DIR ?? '.kiosk-console'),
      host: flag(args, 'host') ?? '127.0.0.1',
      port: Number(port),
      log: (line) => io.err(`[console] ${line}`),
    });
    io.out(`Console: ${running.url}`);
    if (running.setupUrl) io.out(`First run: open this one-time link to create the admin account:\n  ${running.setupUrl}`);
    io.out(`Published feed: ${running.data.settings.settings().publicUrl}/current/feed.json`);
    io.out('Press Ctrl+C to stop.');
    const stop = (): void => void running.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  },
};
