import { resolve } from 'node:path';
import { startConsole } from '../../app/console';
import { APP_ROOT } from '../app-root';
import { flag, type Command } from '../io';

export const consoleCommand: Command = {
  name: 'console',
  summary: 'run the web console: write, approve and publish signed content',
  usage: [
    'Usage: kiosk console [--port 8790] [--host 127.0.0.1] [--data DIR] [--mqtt-port 1883] [--mqtt-host ADDR | --broker URL | --no-fleet]',
    '',
    'Starts the management console and prints its address. On first run it imports the',
    'pack from playlists/ and prints a one-time set-up link that creates the first admin.',
    '  --port N     port to listen on (default 8790; 0 picks a free one)',
    '  --host ADDR  address to bind (default 127.0.0.1; another address exposes it to the network)',
    '  --data DIR   content, accounts, keys, audit log and the published folder',
    '               (default ./.kiosk-console or $KIOSK_CONSOLE_DIR)',
    '  --usb DIR    a folder "Write to USB" offers besides sticks under the removable-media mount points',
    '',
    'Fleet (docs/fleet.md): screens, alerts in seconds and one report, over MQTT.',
    '  --mqtt-port N     port of the embedded broker (default 1883; 0 picks a free one)',
    '  --mqtt-host ADDR  address of the embedded broker (default: --host)',
    '  --broker URL      use an existing broker instead (mqtt:// or mqtts://; user "console",',
    '                    password in $KIOSK_MQTT_PASSWORD)',
    '  --mosquitto-dir DIR  with --broker: keep kiosk.passwd and kiosk.acl for Mosquitto there,',
    '                    one account per joined screen (password_file / acl_file point at them)',
    '  --mosquitto-pid FILE  Mosquitto\'s pid file: SIGHUP after each change, so it reloads them',
    '  --no-fleet        run no fleet channel',
  ].join('\n'),
  async run(args, io) {
    const port = flag(args, 'port') ?? '8790';
    if (!/^\d+$/.test(port) || Number(port) > 65535) {
      io.err(`kiosk console: --port must be a number from 0 to 65535, got "${port}"`);
      return 2;
    }
    const mqttPort = flag(args, 'mqtt-port') ?? '1883';
    if (!/^\d+$/.test(mqttPort) || Number(mqttPort) > 65535) {
      io.err(`kiosk console: --mqtt-port must be a number from 0 to 65535, got "${mqttPort}"`);
      return 2;
    }
    const broker = flag(args, 'broker');
    const fleet = args.includes('--no-fleet')
      ? (false as const)
      : {
          mqttPort: Number(mqttPort),
          ...(flag(args, 'mqtt-host') ? { mqttHost: flag(args, 'mqtt-host') } : {}),
          ...(broker ? { broker, ...(io.env.KIOSK_MQTT_PASSWORD ? { password: io.env.KIOSK_MQTT_PASSWORD } : {}) } : {}),
          ...(flag(args, 'mosquitto-dir') ? { mosquittoDir: resolve(io.cwd, flag(args, 'mosquitto-dir')!) } : {}),
          ...(flag(args, 'mosquitto-pid') ? { mosquittoPidFile: resolve(io.cwd, flag(args, 'mosquitto-pid')!) } : {}),
        };
    const running = await startConsole({
      fleet,
      appRoot: APP_ROOT,
      dataDir: resolve(io.cwd, flag(args, 'data') ?? io.env.KIOSK_CONSOLE_DIR ?? '.kiosk-console'),
      host: flag(args, 'host') ?? '127.0.0.1',
      port: Number(port),
      ...(flag(args, 'usb') ? { usbDirs: [resolve(io.cwd, flag(args, 'usb') ?? '')] } : {}),
      log: (line) => io.err(`[console] ${line}`),
    });
    io.out(`Console: ${running.url}`);
    if (running.setupUrl) io.out(`First run: open this one-time link to create the admin account:\n  ${running.setupUrl}`);
    io.out(`Published feed: ${running.data.settings.settings().publicUrl}/current/feed.json`);
    if (running.fleet) io.out(`Fleet broker: ${running.fleet.brokerUrl} (topics under "${running.fleet.prefix}/")`);
    io.out('Press Ctrl+C to stop.');
    const stop = (): void => void running.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  },
};
