import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ROOT } from '../app-root';
import { flag, type Command } from '../io';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'measure ticker, stage, long run, feed ingest and start-up against peers',
  usage: [
    'Usage: kiosk bench [--quick] [--build] [--out FILE] [--only SECTIONS]',
    '',
    'Runs the benchmarks in bench/ in the system Chromium (/usr/bin/chromium) and in Node,',
    'prints one table per section with each budget MET or MISSED, and writes the figures as JSON.',
    'First checks that ffmpeg, Chromium, xvfb-run and mosquitto are there where the chosen sections',
    'need them, and names the Debian package to install if not (exit code 2).',
    '  --build          run `npm run build:web` after that check (`npm run bench` passes it)',
    '  --quick          short runs (about 5 minutes): CI uses it to check the bench still works',
    '  --out FILE       where to write the results (default: bench-results.json at the repo root)',
    '  --only LIST      comma-separated sections: ticker, transitions, long-run, feed, startup, console, console-list, console-pages, fleet',
    '',
    'Exit code 0 when the bench ran, even if budgets were missed; 1 when the bench itself broke;',
    '2 when a program it needs is missing.',
  ].join('\n'),
  async run(args, io) {
    const out = flag(args, 'out');
    const only = flag(args, 'only');
    const forwarded = [
      ...(args.includes('--quick') ? ['--quick'] : []),
      ...(args.includes('--build') ? ['--build'] : []),
      ...(out ? ['--out', resolve(io.cwd, out)] : []),
      ...(only ? ['--only', only] : []),
    ];
    // The bench lives outside src/ (it is not shipped) as TypeScript: load it through tsx,
    // whether this CLI runs from its sources or from the prebuilt bundle.
    const { tsImport } = await import('tsx/esm/api');
    const { main } = (await tsImport(pathToFileURL(resolve(APP_ROOT, 'bench/run.ts')).href, import.meta.url)) as {
      main: (a: readonly string[]) => Promise<number>;
    };
    return main(forwarded);
  },
};
