import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { checkLocalAlert } from '../../core/alerts/local-alert';
import { AlertLevel } from '../../core/model/content';
import { policyConfig } from '../../core/policy/content-policy';
import { loadConfigFile } from '../../node/device-config';
import { writeFileAtomic } from '../../node/atomic-file';
import { inboxDir } from '../../node/alert-inbox';
import { flag, positionals, type Command } from '../io';

export const alertCommand: Command = {
  name: 'alert',
  summary: 'raise an urgent alert on the kiosk running on this machine',
  usage: [
    'Usage: kiosk alert "text" [--minutes N] [--level critical|warning|info] [--data DIR] [--config FILE]',
    '',
    'Drops the alert into the running kiosk\'s inbox folder (<data>/alerts-inbox); the kiosk',
    'shows it within a second, until it expires, also after a restart. No network port is used.',
    '  --minutes N  how long it stays (default 30)',
    '  --level L    critical takes over the screen; warning and info show a banner (default critical)',
    '  --data DIR   the kiosk\'s data folder (default $KIOSK_DATA_DIR or ./.kiosk-data)',
    '  --config F   the kiosk\'s config, for its allowed phones and hosts (default $KIOSK_CONFIG)',
    'The text must pass the same content policy as feed alerts (no phone numbers but the',
    'hotlines and allowedPhones, no links but to allowedLinkHosts, no blocked terms).',
    'Clear all alerts: kiosk alert --clear',
  ].join('\n'),
  async run(args, io) {
    // loaded on use: the player's module graph (server, feed client) is the slowest part of the CLI to load
    const { defaultDataDir } = await import('../../app/browser-player');
    const dataDir = resolve(io.cwd, flag(args, 'data') ?? defaultDataDir(io.cwd, io.env));
    const id = `${Date.now()}-${randomBytes(4).toString('hex')}`;
    if (args.includes('--clear')) {
      await writeFileAtomic(resolve(inboxDir(dataDir), `${id}.clear`), 'clear');
      io.out(`Clear request dropped in ${inboxDir(dataDir)}.`);
      return 0;
    }
    const [text] = positionals(args, ['minutes', 'level', 'data', 'config']);
    const minutes = Number(flag(args, 'minutes') ?? 30);
    const level = AlertLevel.safeParse(flag(args, 'level') ?? 'critical');
    if (!text || !(minutes > 0) || !level.success) {
      io.err('Usage: kiosk alert "text" [--minutes N] [--level critical|warning|info]');
      return 2;
    }
    const configPath = flag(args, 'config') ?? io.env.KIOSK_CONFIG;
    const { config } = await loadConfigFile(configPath ? resolve(io.cwd, configPath) : undefined);
    // The kiosk checks again when it picks the file up; this answers the operator at once.
    const checked = checkLocalAlert({ text, minutes, level: level.data }, id, new Date(), policyConfig(config.feeds));
    if (!checked.ok) {
      io.err(`Alert refused: ${checked.error}`);
      return 1;
    }
    const file = resolve(inboxDir(dataDir), `${id}.json`);
    await writeFileAtomic(file, JSON.stringify({ text, minutes, level: level.data }), 0o600);
    io.out(`Alert queued for the kiosk using ${dataDir} (${level.data}, ${minutes} min): ${text}`);
    return 0;
  },
};
