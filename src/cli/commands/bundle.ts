import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openConsoleData } from '../../node/console/console-data';
import { lockDataDir } from '../../node/console/data-lock';
import { writeConsoleBundle } from '../../node/bundle/console-bundle';
import { importReturns } from '../../node/bundle/import-returns';
import { flag, positionals, type CliIo, type Command } from '../io';

const USAGE = [
  'Usage:',
  '  kiosk bundle write [--data DIR] --out STICK',
  '      Writes the current published version, its media and a signed manifest to',
  '      STICK/anti-fraud-kiosk/ for screens without a network (docs/usb.md).',
  '  kiosk bundle import-returns [--data DIR] STICK',
  '      Takes the play logs screens wrote back to STICK/anti-fraud-kiosk/returns/ into the',
  '      console\'s fleet report (kiosk report --fleet), and prints each screen\'s status.',
  '',
  '  --data DIR   the console\'s data folder (default ./.kiosk-console or $KIOSK_CONSOLE_DIR)',
].join('\n');

const dataDirOf = (args: readonly string[], io: CliIo): string => resolve(io.cwd, flag(args, 'data') ?? io.env.KIOSK_CONSOLE_DIR ?? '.kiosk-console');

async function write(args: readonly string[], io: CliIo): Promise<number> {
  const out = flag(args, 'out');
  const dataDir = dataDirOf(args, io);
  if (!out) return (io.err('kiosk bundle write: --out STICK is required'), 2);
  if (!existsSync(join(dataDir, 'library'))) return (io.err(`kiosk bundle write: ${dataDir} holds no console library (pass --data)`), 2);
  const lock = await lockDataDir(dataDir);
  if (!lock.ok) return (io.err(`kiosk bundle write: ${lock.error}`), 1);
  try {
    const data = await openConsoleData(dataDir, () => new Date());
    const written = await writeConsoleBundle(data, { username: 'cli', roles: ['publisher'] }, resolve(io.cwd, out), new Date());
    if (!written.ok) return (io.err(`kiosk bundle write: ${written.error}`), 1);
    const w = written.value;
    io.out(`Wrote version ${w.version} to ${w.dir}: ${w.files} files, ${(w.bytes / 1048576).toFixed(1)} MB`);
    return 0;
  } finally {
    await lock.value();
  }
}

async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [stick] = positionals(args.slice(1), ['data']);
  if (!stick) return (io.err('kiosk bundle import-returns: name the stick folder'), 2);
  // The running console keeps each screen's chain in memory: it must not run at the same time.
  const lock = await lockDataDir(dataDirOf(args, io));
  if (!lock.ok) return (io.err(`kiosk bundle import-returns: ${lock.error}`), 1);
  const imported = await importReturns(resolve(io.cwd, stick), dataDirOf(args, io)).finally(() => lock.value());
  if (imported.length === 0) io.out('No returns on this stick.');
  for (const s of imported) {
    const st = s.status;
    const state = st ? `${st.outcome}${st.refusal ? ` (${st.refusal.kind}: ${st.refusal.reason})` : ''}, plays version ${st.version ?? 'none'}` : 'no status.json';
    io.out(`${s.screenId}: ${s.records} play records; ${state}`);
    for (const p of s.problems) io.err(`  chain problem: ${p.message}`);
  }
  return imported.some((s) => s.problems.length > 0) ? 1 : 0;
}

export const bundleCommand: Command = {
  name: 'bundle',
  summary: 'write the published version to a USB stick; import the play logs screens wrote back',
  usage: USAGE,
  async run(args, io) {
    const sub = args[0];
    if (sub === 'write') return write(args.slice(1), io);
    if (sub === 'import-returns') return importCommand(args, io);
    io.err(USAGE);
    return 2;
  },
};
