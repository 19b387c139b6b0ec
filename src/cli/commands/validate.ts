import { basename, dirname, resolve } from 'node:path';
import type { ContentItem } from '../../core/model/content';
import { formatIssues } from '../../core/model/issues';
import { PackFile } from '../../core/model/pack';
import { loadPlaylist } from '../../node/content-pack';
import { sanitizeConfig } from '../../node/device-config';
import { readJson } from '../../node/json-file';
import { flag, positionals, type CliIo, type Command } from '../io';

type Kind = 'playlist' | 'pack' | 'config';

const KINDS = ['playlist', 'pack', 'config'] as const;

/** The format a file declares: its `$schema`, else its name (*.playlist.json, pack/*.json, *config*.json). */
export function classify(file: string, raw: unknown): Kind | undefined {
  const schema = typeof raw === 'object' && raw !== null && '$schema' in raw ? raw.$schema : undefined;
  if (typeof schema === 'string') {
    const named = KINDS.find((k) => basename(schema) === `${k}.schema.json`);
    if (named) return named;
  }
  const name = basename(file).toLowerCase();
  if (name.endsWith('.playlist.json')) return 'playlist';
  if (basename(dirname(file)) === 'pack' && name.endsWith('.json')) return 'pack';
  if (name.includes('config') && name.endsWith('.json')) return 'config';
  return undefined;
}

const UNCLASSIFIED =
  'cannot tell whether this is a playlist, a pack file or a config; add "$schema" (e.g. "./schema/config.schema.json"), ' +
  'name it *.playlist.json, pack/*.json or *config*.json, or pass --as playlist|pack|config';

function summarise(items: readonly ContentItem[]): string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(`${i.kind} ${i.locale ?? '*'}`, (counts.get(`${i.kind} ${i.locale ?? '*'}`) ?? 0) + 1);
  return [...counts].sort().map(([k, n]) => `${n} ${k}`).join(', ');
}

function report(io: CliIo, problems: readonly string[], okLine: string): number {
  if (problems.length === 0) {
    io.out(okLine);
    return 0;
  }
  for (const p of problems) io.err(p);
  io.err(`${problems.length} problem${problems.length === 1 ? '' : 's'} found.`);
  return 1;
}

async function validate(file: string, forced: Kind | undefined, io: CliIo): Promise<number> {
  const raw = await readJson(file);
  if (!raw.ok) return report(io, raw.error, '');
  const kind = forced ?? classify(file, raw.value);
  if (kind === undefined) return report(io, [`${file}: ${UNCLASSIFIED}`], '');
  switch (kind) {
    case 'pack': {
      const parsed = PackFile.safeParse(raw.value);
      return parsed.success
        ? report(io, [], `OK: ${file} is a valid pack file: ${summarise(parsed.data.items)}.`)
        : report(io, formatIssues(file, parsed.error), '');
    }
    case 'playlist': {
      const loaded = await loadPlaylist(file);
      if (!loaded.ok) return report(io, loaded.error, '');
      const { playlist, items, warnings } = loaded.value;
      return report(io, warnings, `OK: playlist "${playlist.name}" (${playlist.layout}, ${playlist.locales.join('/')}, ${playlist.stage.length} stage entries): ${summarise(items)}.`);
    }
    case 'config': {
      const { config, errors } = sanitizeConfig(raw.value, file);
      return report(io, errors, `OK: config for screen "${config.screenId}" (${config.organisation ?? 'no organisation'}), playlist ${config.playlist}, window ${config.window.mode}.`);
    }
  }
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a playlist, content pack file or device config',
  usage: [
    'Usage: kiosk validate <file.json> [--as playlist|pack|config]',
    '',
    'Prints each problem as "file: path.to.field: reason" and exits 1, or prints a summary and exits 0.',
    'A playlist is checked together with the pack files and media it names.',
    'The format comes from the file\'s "$schema", else its name (*.playlist.json, pack/*.json, *config*.json), else --as.',
  ].join('\n'),
  async run(args, io) {
    const files = positionals(args, ['as']);
    const as = flag(args, 'as');
    if (files.length === 0 || (as !== undefined && !['playlist', 'pack', 'config'].includes(as))) {
      io.err('Usage: kiosk validate <file.json> [--as playlist|pack|config]');
      return 2;
    }
    let code = 0;
    for (const f of files) code = Math.max(code, await validate(resolve(io.cwd, f), as as Kind | undefined, io));
    return code;
  },
};
