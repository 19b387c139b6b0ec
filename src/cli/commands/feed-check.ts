import { policyView } from '../../core/feed/map-items';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DeviceConfig } from '../../core/model/config';
import { FeedKind, FeedSettings, FeedSource } from '../../core/model/feed-config';
import { visibleText } from '../../core/policy/content-policy';
import { withRegionPhones } from '../../core/content/hotlines';
import type { CheckReport } from '../../node/feed/check-feed';
import { flag, positionals, type CliIo, type Command } from '../io';

async function feedFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).sort();
  const nested = await Promise.all(names.filter((n) => !n.startsWith('.')).map((n) => feedFiles(join(path, n))));
  return nested.flat().filter((f) => !f.endsWith('.sig'));
}

async function loadSettings(args: readonly string[], io: CliIo): Promise<FeedSettings> {
  const configPath = flag(args, 'config');
  if (!configPath) return FeedSettings.parse({});
  const json: unknown = JSON.parse(await readFile(resolve(io.cwd, configPath), 'utf8'));
  const config = DeviceConfig.parse(json);
  return withRegionPhones(config.feeds, config);
}

const oneLine = (text: string, max = 90): string => (Array.from(text).length > max ? `${Array.from(text).slice(0, max - 1).join('')}…` : text);

function printReport(report: CheckReport, io: CliIo): void {
  const label = { ok: 'OK', warnings: 'OK WITH QUARANTINE', rejected: 'REJECTED' }[report.verdict];
  io.out(`== ${report.target}`);
  const about = [report.format, report.charset && `charset ${report.charset}`, report.signed && 'signature valid'].filter(Boolean).join(', ');
  io.out(`   verdict: ${label}${about ? ` (${about})` : ''}`);
  if (report.error) io.out(`   reason: ${report.error}`);
  io.out(`   would show ${report.shown.length}, quarantine ${report.quarantined.length}, drop ${report.dropped} (old, duplicate or over the limit)`);
  for (const item of report.shown.slice(0, 50)) io.out(`   show  ${item.kind.padEnd(6)} ${JSON.stringify(oneLine(visibleText(policyView(item)).join(' / ')))}`);
  if (report.shown.length > 50) io.out(`   … and ${report.shown.length - 50} more`);
  for (const q of report.quarantined.slice(0, 50)) io.out(`   QUARANTINE ${q.id}: ${oneLine(q.reason, 160)}`);
  if (report.quarantined.length > 50) io.out(`   … and ${report.quarantined.length - 50} more quarantined`);
}

export const feedCheckCommand: Command = {
  name: 'feed check',
  summary: 'Run the feed pipeline on a URL, file or folder and show what would be shown',
  usage: [
    'Usage: kiosk feed check <url|file|folder> [--json] [--config <config.json>] [--kind <kind>] [--allow-http]',
    '',
    'Fetches or reads each feed, decodes, parses, maps and applies the content policy (and',
    'the signature check when the config has feeds.publicKey), without touching the screen',
    'or the cache. Prints per feed what would be shown and what would be quarantined and why.',
    'Exit code 0 when every feed would show something, 1 when any feed is rejected.',
  ].join('\n'),
  async run(args, io) {
    const [target] = positionals(args, ['config', 'kind']);
    if (!target) {
      io.err('kiosk feed check: give a feed URL, file or folder');
      return 2;
    }
    const settings = await loadSettings(args, io);
    const base = FeedSource.parse({
      url: 'https://feed.invalid/', defaultKind: FeedKind.parse(flag(args, 'kind') ?? 'slogan'), allowHttp: args.includes('--allow-http'),
    });
    const targets = /^https?:\/\//i.test(target) ? [target] : await feedFiles(resolve(io.cwd, target));
    // loaded on use: undici and rss-parser would otherwise slow down every command's start
    const [{ checkFeed }, { createHttpClient }, { createFeedParser }] = await Promise.all([
      import('../../node/feed/check-feed'),
      import('../../node/feed/http-client'),
      import('../../node/feed/parse-pool'),
    ]);
    const client = createHttpClient({ connectTimeoutMs: settings.timeouts.connectMs, privateHosts: settings.privateHosts });
    const parser = createFeedParser({ deadlineMs: settings.timeouts.parseMs });
    const reports: CheckReport[] = [];
    try {
      for (const t of targets) reports.push(await checkFeed(t, settings, client, base, new Date(), parser.parse));
    } finally {
      await client.close();
      await parser.close();
    }
    if (args.includes('--json')) io.out(JSON.stringify(reports, null, 2));
    else {
      for (const r of reports) printReport(r, io);
      const bad = reports.filter((r) => r.verdict === 'rejected').length;
      io.out(`\n${reports.length} feed(s): ${reports.length - bad} usable, ${bad} rejected`);
    }
    return reports.some((r) => r.verdict === 'rejected') ? 1 : 0;
  },
};
