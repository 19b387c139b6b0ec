import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserPlayer } from '../../src/app/browser-player';
import { readLocalToken } from '../../src/node/local-token';
import { makeAppRoot, startTestPlayer } from '../helpers/guarded-player';
import { makeTempPack, SAMPLE_ITEMS } from '../helpers/temp-pack';

const opened: BrowserPlayer[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
});

describe('/media/pack/ serves only the media that loaded items use', () => {
  it('never serves the config with its PIN, the pack files or the playlist beside them', async () => {
    const pack = await makeTempPack();
    await writeFile(pack.config, JSON.stringify({ playlist: pack.playlist, organisation: '测试学校', operatorPin: '97531864' }));
    const player = await startTestPlayer(opened, { configPath: pack.config, dataDir: pack.dataDir });
    for (const path of ['config.json', 'pack.json', 'test.playlist.json', 'media/../config.json']) {
      const res = await fetch(player.url + 'media/pack/' + path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(await res.text()).not.toContain('97531864');
    }
    expect((await fetch(player.url + 'media/pack/media/clip.webm')).status).toBe(200);
  });

  it('never serves the local token or anything else from a data folder beside the playlist', async () => {
    const pack = await makeTempPack();
    const dataDir = join(pack.dir, '.kiosk-data');
    const player = await startTestPlayer(opened, { configPath: pack.config, dataDir });
    const token = await readLocalToken(dataDir);
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    for (const path of ['.kiosk-data/local-token', '.kiosk-data/alerts.json', '.kiosk-data/operator-pin.json']) {
      const res = await fetch(player.url + 'media/pack/' + path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(await res.text()).not.toContain(token ?? 'no token');
    }
  });

  it('follows no symlink out of the content folder, referenced or not', async () => {
    const pack = await makeTempPack([...SAMPLE_ITEMS, { kind: 'video', id: 'v2', locale: 'en', title: 'x', file: 'media/evil.webm' }]);
    await symlink('/etc/passwd', join(pack.dir, 'media/passwd'));
    await symlink('/etc/passwd', join(pack.dir, 'media/evil.webm'));
    // Written after the links so the playlist watcher reloads with them in place.
    await writeFile(pack.playlist, await readFile(pack.playlist, 'utf8'));
    const player = await startTestPlayer(opened, { configPath: pack.config, dataDir: pack.dataDir });
    for (const path of ['media/passwd', 'media/evil.webm']) {
      const res = await fetch(player.url + 'media/pack/' + path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(await res.text()).not.toContain('root:');
    }
    const state = player.runtime.state();
    expect(state.items.map((i) => i.id)).not.toContain('v2');
    expect(state.warnings.join('\n')).toContain('media/evil.webm');
  });

  it('serves no dotfile and no file that no item references', async () => {
    const pack = await makeTempPack();
    await writeFile(join(pack.dir, 'media/.secret.webm'), 'hidden');
    await writeFile(join(pack.dir, 'media/unused.webm'), 'unused');
    const player = await startTestPlayer(opened, { configPath: pack.config, dataDir: pack.dataDir });
    for (const path of ['media/.secret.webm', 'media/unused.webm']) {
      expect((await fetch(player.url + 'media/pack/' + path)).status).toBe(404);
    }
  });

  it('serves no dotfile from the renderer folder either, and unknown paths get the page', async () => {
    const pack = await makeTempPack();
    const appRoot = await makeAppRoot();
    await writeFile(join(appRoot, 'out/renderer/.env'), 'SECRET=1');
    const player = await startTestPlayer(opened, { configPath: pack.config, dataDir: pack.dataDir, appRoot });
    const res = await fetch(player.url + '.env');
    expect(await res.text()).not.toContain('SECRET');
    expect(await (await fetch(player.url + 'old/bookmark')).text()).toContain('<div id="root">');
  });
});
