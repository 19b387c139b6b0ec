import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { TopicId } from '../../core/fleet/topics';
import { dataPaths } from '../../node/console/console-data';
import { openSettingsStore } from '../../node/console/settings-store';
import { tokensCsv, tokensSheet } from '../../node/fleet/enrol-sheet';
import { issueTokens } from '../../node/fleet/enrol-tokens';
import { encodeEnrol, keyFingerprint } from '../../node/fleet/enrol-value';
import { flag, type CliIo, type Command } from '../io';

/** Where the running console said it answers (written at each start), unless --url says otherwise. */
export const CONSOLE_URL_FILE = 'console-url';

async function consoleUrl(dir: string, given: string | undefined): Promise<string | undefined> {
  const text = given ?? (await readFile(join(dir, CONSOLE_URL_FILE), 'utf8').catch(() => undefined));
  try {
    return text ? new URL(text.trim()).origin : undefined;
  } catch {
    return undefined;
  }
}

function fail(io: CliIo, message: string, code = 1): number {
  io.err(`kiosk enrol: ${message}`);
  return code;
}

interface EnrolArgs {
  readonly dir: string;
  readonly group: string;
  readonly count: number;
  readonly days: number;
  readonly out: string;
}

function parseArgs(args: readonly string[], io: CliIo): EnrolArgs | string {
  const dirFlag = flag(args, 'data');
  const group = flag(args, 'group');
  const count = Number(flag(args, 'count') ?? 'NaN');
  const days = Number(flag(args, 'days') ?? '30');
  if (!dirFlag) return '--data DIR (the console\'s data folder) is required';
  if (!group || !TopicId.safeParse(group).success) return '--group G (a screen group id) is required';
  if (!Number.isInteger(count) || count < 1 || count > 10_000) return '--count N must be a whole number from 1 to 10000';
  if (!Number.isInteger(days) || days < 1 || days > 365) return '--days must be a whole number from 1 to 365';
  return { dir: resolve(io.cwd, dirFlag), group, count, days, out: resolve(io.cwd, flag(args, 'out') ?? 'tokens.csv') };
}

export const enrolCommand: Command = {
  name: 'enrol',
  summary: 'make single-use tokens that join screens to the console in bulk',
  usage: [
    'Usage: kiosk enrol --data DIR --group G --count N [--out tokens.csv] [--days 30] [--url URL]',
    '',
    'Writes N single-use enrolment tokens for screen group G (the console keeps only their',
    'hashes) to a CSV with an "enrol" column, and a printable sheet (tokens.html) with one QR',
    'code per token. Works while the console runs on DIR. On a screen:',
    '  kiosk serve --enrol <value of the "enrol" column>',
    '  --url URL  the console address screens reach (default: where the console last ran)',
    '  --days N   tokens expire after N days (default 30)',
  ].join('\n'),
  async run(args, io) {
    const a = parseArgs(args, io);
    if (typeof a === 'string') return fail(io, a, 2);
    const settings = await openSettingsStore(dataPaths(a.dir));
    if (!settings.groups().some((g) => g.id === a.group)) return fail(io, `no screen group "${a.group}" in ${a.dir} (groups: ${settings.groups().map((g) => g.id).join(', ') || 'none'})`);
    const publicKey = (await readFile(join(dataPaths(a.dir).keys, 'publisher.pub'), 'utf8').catch(() => '')).trim();
    if (!publicKey) return fail(io, `no console key in ${a.dir}: start the console on that folder once first`);
    const url = await consoleUrl(a.dir, flag(args, 'url'));
    if (!url) return fail(io, 'the console address is unknown: start the console once, or give --url https://console.example.org');
    const now = new Date();
    const expires = new Date(now.getTime() + a.days * 86_400_000);
    const tokens = await issueTokens(a.dir, a.group, a.count, expires, now);
    const fp = keyFingerprint(publicKey);
    const rows = tokens.map((token) => ({ enrol: encodeEnrol({ url, token, fp }), group: a.group, expires: expires.toISOString() }));
    const sheet = join(dirname(a.out), a.out.replace(/\.csv$/i, '').split(/[\\/]/).pop() + '.html');
    await writeFile(a.out, tokensCsv(rows), { mode: 0o600 });
    await writeFile(sheet, await tokensSheet(rows, `Enrolment tokens: group ${a.group}`), { mode: 0o600 });
    io.out(`Wrote ${tokens.length} tokens for group "${a.group}" (valid until ${expires.toISOString().slice(0, 10)}):`);
    io.out(`  ${a.out}\n  ${sheet} (print it: one QR code per screen)`);
    return 0;
  },
};
