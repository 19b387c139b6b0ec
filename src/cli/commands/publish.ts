import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Progress } from '../../core/console/formats';
import { openConsoleData } from '../../node/console/console-data';
import { lockDataDir } from '../../node/console/data-lock';
import { flag, type CliIo, type Command } from '../io';

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;

/** One line per phase change, and media progress every tenth of the work: readable in a cron mail too. */
function progressPrinter(out: (line: string) => void): (p: Progress) => void {
  let last = '';
  return (p) => {
    const tenth = p.mediaTotal > 0 ? Math.floor((10 * p.mediaDone) / p.mediaTotal) : 0;
    const key = `${p.phase}:${tenth}`;
    if (key === last) return;
    last = key;
    if (p.phase === 'media') out(`  media ${p.mediaDone}/${p.mediaTotal} (${mb(p.bytesDone)} of ${mb(p.bytesTotal)})`);
    else if (p.phase === 'items') out(`  items ${p.itemsTotal}: writing the feed`);
    else if (p.phase === 'signing') out('  signing');
    else if (p.phase === 'switching') out('  switching to the new version');
  };
}

export const publishCommand: Command = {
  name: 'publish',
  summary: 'publish approved content as a signed feed folder (for cron and scripts)',
  usage: [
    'Usage: kiosk publish [--data DIR] [--out DIR] [--base-url URL]',
    '',
    'Does what the console\'s Publish button does: refuses when an approved item fails the',
    'content policy (naming each), else writes media by SHA-256, a new signed version and',
    'switches current/ to it. Exit 0 published, 1 refused or failed, 2 bad arguments.',
    '  --data DIR      the console\'s data folder (default ./.kiosk-console or $KIOSK_CONSOLE_DIR)',
    '  --out DIR       where to write (default DIR/published, which the console serves at /feed)',
    '  --base-url URL  where screens reach that folder (default: the console setting publicUrl)',
  ].join('\n'),
  async run(args, io) {
    const baseUrl = flag(args, 'base-url');
    if (baseUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(baseUrl)) {
      io.err(`kiosk publish: --base-url must be an http(s) URL, got "${baseUrl}"`);
      return 2;
    }
    const out = flag(args, 'out');
    const dataDir = resolve(io.cwd, flag(args, 'data') ?? io.env.KIOSK_CONSOLE_DIR ?? '.kiosk-console');
    if (!existsSync(join(dataDir, 'library'))) {
      io.err(`kiosk publish: ${dataDir} holds no console library (run kiosk console first, or pass --data)`);
      return 2;
    }
    const lock = await lockDataDir(dataDir);
    if (!lock.ok) {
      io.err(`kiosk publish: ${lock.error}`);
      return 1;
    }
    try {
      return await publishWith(dataDir, out ? resolve(io.cwd, out) : undefined, baseUrl, io);
    } finally {
      await lock.value();
    }
  },
};

async function publishWith(dataDir: string, outDir: string | undefined, baseUrl: string | undefined, io: CliIo): Promise<number> {
  const data = await openConsoleData(dataDir, () => new Date());
  const started = Date.now();
  io.out('Publishing…');
  const result = await data.publish(
    { username: 'cli', roles: ['publisher'] },
    { ...(outDir ? { outDir } : {}), ...(baseUrl ? { baseUrl } : {}), onProgress: progressPrinter(io.out) },
  );
  if (!result.ok) {
    io.err(`kiosk publish: ${result.error.code === 'invalid' && result.error.reasons ? 'refused:' : result.error.message}`);
    if (result.error.code === 'invalid') for (const r of result.error.reasons ?? []) io.err(`  ${r.id}: ${r.reason}`);
    return 1;
  }
  const v = result.value;
  io.out(`Published version ${v.version}: ${v.items} items, ${v.media} media in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  io.out(`Feed: ${v.feedUrl} (valid until ${v.expires})`);
  io.out(`Screens need feeds.publicKey = ${data.keys().publicKeyBase64}`);
  return 0;
}
