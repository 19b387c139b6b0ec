import { resolve } from 'node:path';
import { JSON_SCHEMAS, jsonSchemaOf } from '../../core/model/json-schemas';
import { writeFileAtomic } from '../../node/atomic-file';
import { APP_ROOT } from '../app-root';
import { flag, type Command } from '../io';

export const schemasCommand: Command = {
  name: 'schemas',
  summary: 'write the JSON Schema files editors use for autocomplete',
  usage: 'Usage: kiosk schemas [--out DIR]\n\nWrites pack, playlist and config JSON Schemas (default DIR: schema/ of the app).',
  async run(args, io) {
    const out = resolve(io.cwd, flag(args, 'out') ?? resolve(APP_ROOT, 'schema'));
    for (const [name, schema] of Object.entries(JSON_SCHEMAS)) {
      const file = resolve(out, name);
      await writeFileAtomic(file, JSON.stringify(jsonSchemaOf(schema, name), null, 2) + '\n');
      io.out(`wrote ${file}`);
    }
    return 0;
  },
};
