import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ListFormat } from '../../core/import/official-list';
import { lockDataDir } from '../../node/console/data-lock';
import { importOfficialList } from '../../node/console/import-list';
import { openLibraryStore } from '../../node/console/library-store';
import { dataPaths } from '../../node/console/console-data';
import { flag, positionals, type Command } from '../io';

export const importListCommand: Command = {
  name: 'import-list',
  summary: 'turn an official scam list (165 weekly sites or LINE IDs, HKMA, CSV) into draft slides',
  usage: [
    'Usage: kiosk import-list [--data DIR] --format tw-165-sites|hkma-websites|generic-csv|tw-165-line-ids|tw-165-scam-domains FILE',
    '',
    'Reads the list (UTF-8 CSV in the official columns), checks and de-duplicates its sites',
    'and adds draft slides with the domains defanged (example[.]com) to the console library;',
    'tw-165-line-ids: the scam LINE IDs (帳號, 通報日期), shown as plain text the same way;',
    'tw-165-scam-domains: the stopped-resolution scam domains, its newest month (民國年月).',
    'They need approval like any item. A bad file creates nothing.',
    'Exit 0 imported, 1 refused, 2 bad arguments.',
  ].join('\n'),
  async run(args, io) {
    const format = ListFormat.safeParse(flag(args, 'format'));
    const [file] = positionals(args, ['data', 'format']);
    if (!format.success || !file) {
      io.err(`kiosk import-list: give --format ${ListFormat.options.join('|')} and a FILE`);
      return 2;
    }
    const dataDir = resolve(io.cwd, flag(args, 'data') ?? io.env.KIOSK_CONSOLE_DIR ?? '.kiosk-console');
    if (!existsSync(join(dataDir, 'library'))) {
      io.err(`kiosk import-list: ${dataDir} holds no console library (run kiosk console first, or pass --data)`);
      return 2;
    }
    const lock = await lockDataDir(dataDir);
    if (!lock.ok) {
      io.err(`kiosk import-list: ${lock.error}`);
      return 1;
    }
    try {
      const library = await openLibraryStore(dataPaths(dataDir).library);
      const bytes = new Uint8Array(await readFile(resolve(io.cwd, file)));
      const r = await importOfficialList(library, bytes, format.data, { username: 'import-list', roles: ['editor'] }, new Date());
      if (!r.ok) {
        io.err(`kiosk import-list: ${file}: ${r.error}`);
        return 1;
      }
      io.out(`imported ${r.value.sites} sites into ${r.value.created.length} draft slide(s): ${r.value.created.map((c) => c.item.id).join(', ')}`);
      io.out(`  ${r.value.duplicates} duplicates dropped, ${r.value.skipped} rows without a readable site skipped; approve them in the console`);
      return 0;
    } finally {
      await lock.value();
    }
  },
};
