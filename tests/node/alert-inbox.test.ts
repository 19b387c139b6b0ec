import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { inboxDir } from '../../src/node/alert-inbox';
import { startBrowserPlayer, type BrowserPlayer } from '../../src/app/browser-player';
import { fakeIo } from '../helpers/fake-io';
import { makeTempPack } from '../helpers/temp-pack';

const open: BrowserPlayer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

describe('kiosk alert', () => {
  it('reaches the running player through its inbox within a second, and --clear removes it', async () => {
    const pack = await makeTempPack();
    const player = await startBrowserPlayer({ appRoot: process.cwd(), configPath: pack.config, dataDir: pack.dataDir, port: 0, log: () => {} });
    open.push(player);
    const io = fakeIo();
    expect(await main(['alert', '今天有人冒充公安来电，请立即挂断', '--minutes', '10', '--level', 'warning', '--data', pack.dataDir], io)).toBe(0);
    expect(io.stdout[0]).toContain('warning, 10 min');
    await expect
      .poll(() => player.runtime.state().alerts.map((a) => `${a.level}:${a.text}`), { timeout: 1500, interval: 100 })
      .toEqual(['warning:今天有人冒充公安来电，请立即挂断']);
    const alert = player.runtime.state().alerts[0];
    expect(Date.parse(alert?.expires ?? '') - Date.parse(alert?.starts ?? '')).toBe(10 * 60_000);
    expect(await main(['alert', '--clear', '--data', pack.dataDir], fakeIo())).toBe(0);
    await expect.poll(() => player.runtime.state().alerts.length, { timeout: 1500, interval: 100 }).toBe(0);
  });

  it('a malformed dropped file is set aside with a message naming it, and the kiosk keeps running', async () => {
    const pack = await makeTempPack();
    const lines: string[] = [];
    const player = await startBrowserPlayer({ appRoot: process.cwd(), configPath: pack.config, dataDir: pack.dataDir, port: 0, log: (l) => lines.push(l) });
    open.push(player);
    await writeFile(join(inboxDir(pack.dataDir), 'bad.json'), '{"text": ""}');
    await expect.poll(() => lines.join('\n'), { timeout: 1500, interval: 100 }).toContain('bad.json: text:');
    expect(await readdir(join(inboxDir(pack.dataDir), 'rejected'))).toEqual(['bad.json']);
    expect(player.runtime.state().alerts).toEqual([]);
  });

  it('rejects a usage error with exit 2', async () => {
    const io = fakeIo();
    expect(await main(['alert', 'x', '--level', 'apocalyptic'], io)).toBe(2);
    expect(io.stderr[0]).toContain('Usage: kiosk alert');
  });
});
