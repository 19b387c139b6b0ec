import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { JSON_SCHEMAS, jsonSchemaOf } from '../../src/core/model/json-schemas';
import { fakeIo } from '../helpers/fake-io';
import { makeTempPack } from '../helpers/temp-pack';

describe('kiosk validate', () => {
  it('accepts the bundled default playlist with its pack and media, and summarises it', async () => {
    const io = fakeIo();
    const code = await main(['validate', 'playlists/default.playlist.json'], io);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/OK: playlist "Anti-fraud publicity \(default pack\)".*\d+ slogan zh-CN/);
  });

  it('names file, field path and reason for each problem and exits 1', async () => {
    const pack = await makeTempPack();
    const bad = join(pack.dir, 'bad-pack.json');
    await writeFile(bad, JSON.stringify({ items: [{ kind: 'case', id: 'c1', locale: 'fr', title: 'x' }] }));
    const io = fakeIo();
    expect(await main(['validate', bad, '--as', 'pack'], io)).toBe(1);
    const out = io.stderr.join('\n');
    expect(out).toContain(`${bad}: items[0].locale:`);
    expect(out).toContain(`${bad}: items[0].story:`);
    expect(out).toMatch(/\d+ problems found\./);
  });

  it('reports a config with a wrong value and a broken JSON file', async () => {
    const pack = await makeTempPack();
    const config = join(pack.dir, 'c.json');
    await writeFile(config, JSON.stringify({ operatorPin: '12', window: { mode: 'fullscreen' } }));
    const io = fakeIo();
    expect(await main(['validate', config, '--as', 'config'], io)).toBe(1);
    expect(io.stderr[0]).toContain(`${config}: operatorPin: at least 6 digits (and at most 12)`);
    const broken = join(pack.dir, 'broken.json');
    await writeFile(broken, '{"items": [');
    const io2 = fakeIo();
    expect(await main(['validate', broken], io2)).toBe(1);
    expect(io2.stderr[0]).toContain(`${broken}: not valid JSON`);
  });

  it('prints help for the command and usage errors with exit 2', async () => {
    const io = fakeIo();
    expect(await main(['validate', '--help'], io)).toBe(0);
    expect(io.stdout[0]).toContain('Usage: kiosk validate');
    expect(await main(['validate'], fakeIo())).toBe(2);
    expect(await main(['frobnicate'], fakeIo())).toBe(2);
  });
});

describe('JSON Schemas for editors', () => {
  it('the committed schema files match the zod schemas (run `npm run schemas` after changing a format)', async () => {
    for (const [name, schema] of Object.entries(JSON_SCHEMAS)) {
      const committed = JSON.parse(await readFile(join('schema', name), 'utf8'));
      expect(committed, name).toEqual(jsonSchemaOf(schema, name));
    }
  });
});
