import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { createKioskRuntime } from '../../src/app/runtime';
import { fakeIo } from '../helpers/fake-io';
import { makeTempPack, SAMPLE_ITEMS } from '../helpers/temp-pack';

/** Writes `value` as JSON at `name` (folders created) inside a fresh temp folder. */
async function jsonFile(name: string, value: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-typo-'));
  const file = join(dir, name);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, JSON.stringify(value));
  return file;
}

async function validate(...args: string[]): Promise<{ code: number | undefined; out: string; err: string }> {
  const io = fakeIo();
  const code = await main(['validate', ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('a misspelt key is reported with a "did you mean"', () => {
  it('config: operatorPIN is named, the kiosk still starts with the other settings, and the operator sees it', async () => {
    const pack = await makeTempPack();
    const config = join(pack.dir, 'screen.config.json');
    await writeFile(config, JSON.stringify({ screenId: 'hall-2', playlist: pack.playlist, operatorPIN: '246810' }));
    const expected = `${config}: operatorPIN: unknown key; did you mean "operatorPin"?`;

    const checked = await validate(config);
    expect(checked.code).toBe(1);
    expect(checked.err).toContain(expected);

    const runtime = await createKioskRuntime({ appRoot: process.cwd(), configPath: config, dataDir: pack.dataDir, log: () => {} });
    try {
      expect(runtime.config.screenId).toBe('hall-2');
      expect(runtime.state().warnings.join('\n')).toContain(expected);
      expect(runtime.state().items.map((i) => i.id)).toContain('s1');
    } finally {
      await runtime.close();
    }
  });

  it('config: a typo inside a nested setting is named by its full path', async () => {
    const file = await jsonFile('kiosk-config.json', { window: { mode: 'rect', x: 0, y: 0, width: 384, hieght: 64 }, feeds: { pollSecond: 60 } });
    const { code, err } = await validate(file);
    expect(code).toBe(1);
    expect(err).toContain(`${file}: window.hieght: unknown key; did you mean "height"?`);
    expect(err).toContain(`${file}: feeds.pollSecond: unknown key; did you mean "pollSeconds"?`);
  });

  it('playlist: a misspelt field is an error, and an unrelated word gets no guess', async () => {
    const pack = await makeTempPack();
    const file = join(pack.dir, 'typo.playlist.json');
    await writeFile(file, JSON.stringify({ name: 'T', pack: ['pack.json'], stgae: [], ticker: { sped: 90 }, colourScheme: 'dark' }));
    const { code, err } = await validate(file);
    expect(code).toBe(1);
    expect(err).toContain(`${file}: stgae: unknown key; did you mean "stage"?`);
    expect(err).toContain(`${file}: ticker.sped: unknown key; did you mean "speed"?`);
    expect(err).toContain(`${file}: colourScheme: unknown key\n`);
  });

  it('pack file: unknown keys in the file and in an item are errors', async () => {
    const file = await jsonFile('pack/slogans.json', { items: [{ kind: 'slogan', id: 's1', locale: 'en', text: 'ok', tag: ['x'] }], itemz: [] });
    const { code, err } = await validate(file);
    expect(code).toBe(1);
    expect(err).toContain(`${file}: items[0].tag: unknown key; did you mean "tags"?`);
    expect(err).toContain(`${file}: itemz: unknown key; did you mean "items"?`);
  });

  it('a playlist whose pack item has a typo skips that item and names it', async () => {
    const pack = await makeTempPack([...SAMPLE_ITEMS, { kind: 'slogan', id: 's9', locale: 'en', txt: 'typo' }]);
    const { code, err } = await validate(pack.playlist);
    expect(code).toBe(1);
    expect(err).toContain(`items[4].txt: unknown key; did you mean "text"?`);
  });
});

describe('kiosk validate tells the formats apart', () => {
  it('refuses a file it cannot classify instead of calling it a config', async () => {
    const file = await jsonFile('thing.json', { nonsense: true, loop: 42 });
    const { code, out, err } = await validate(file);
    expect(code).not.toBe(0);
    expect(out).not.toContain('OK');
    expect(err).toContain(`${file}: cannot tell whether this is a playlist, a pack file or a config`);
  });

  it('classifies by $schema whatever the file name', async () => {
    const file = await jsonFile('thing.json', { $schema: '../schema/pack.schema.json', items: [{ kind: 'slogan', id: 's1', locale: 'en', text: 'Hang up' }] });
    expect((await validate(file)).out).toContain(`OK: ${file} is a valid pack file: 1 slogan en.`);
    const config = await jsonFile('lobby.json', { $schema: './schema/config.schema.json', screenId: 'lobby-3' });
    expect((await validate(config)).out).toContain('OK: config for screen "lobby-3"');
  });

  it('classifies by file name: *.playlist.json, pack/*.json, *config*.json', async () => {
    const config = await jsonFile('lobby-config.json', { nonsense: true });
    const asConfig = await validate(config);
    expect(asConfig.err).toContain(`${config}: nonsense: unknown key`);
    const packFile = await jsonFile('pack/x.json', { nonsense: true });
    expect((await validate(packFile)).err).toContain(`${packFile}: items:`);
    const playlist = await jsonFile('x.playlist.json', { nonsense: true });
    expect((await validate(playlist)).err).toContain(`${playlist}: name:`);
  });

  it('the shipped playlist and every shipped pack file still validate', async () => {
    for (const f of ['playlists/default.playlist.json', 'playlists/pack/cases.json', 'playlists/pack/slides.json', 'playlists/pack/videos.json', 'playlists/pack/slogans.en.json', 'playlists/pack/slogans.zh-CN.json', 'playlists/pack/slogans.zh-TW.json']) {
      const { code, err } = await validate(f);
      expect(err, f).toBe('');
      expect(code, f).toBe(0);
    }
  });
});
