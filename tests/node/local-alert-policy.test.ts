import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { LOCAL_TOKEN_HEADER } from '../../src/core/api/contract';
import { inboxDir } from '../../src/node/alert-inbox';
import type { BrowserPlayer } from '../../src/app/browser-player';
import { readLocalToken } from '../../src/node/local-token';
import { fakeIo } from '../helpers/fake-io';
import { startTestPlayer } from '../helpers/guarded-player';
import { makeTempPack } from '../helpers/temp-pack';

const opened: BrowserPlayer[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
});

const SCAM = '冒充公安的电话今天出现，请回拨 021-6688 9911 核实';
const WEEK = 7 * 24 * 60;

describe('local alerts pass the same content policy as feed alerts', () => {
  it('POST /api/alerts with the token refuses a week-long critical alert carrying a scam number, with the reason', async () => {
    const pack = await makeTempPack();
    const player = await startTestPlayer(opened, { configPath: pack.config, dataDir: pack.dataDir });
    const token = (await readLocalToken(pack.dataDir)) ?? '';
    const res = await fetch(new URL('api/alerts', player.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [LOCAL_TOKEN_HEADER]: token },
      body: JSON.stringify({ text: SCAM, level: 'critical', minutes: WEEK }),
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toMatch(/phone number .*021/);
    expect(player.runtime.state().alerts).toEqual([]);
  });

  it('an inbox file with a scam number is set aside with the reason, and the screen stays clear', async () => {
    const pack = await makeTempPack();
    const lines: string[] = [];
    const player = await startTestPlayer(opened, { configPath: pack.config, dataDir: pack.dataDir, log: (l) => lines.push(l) });
    await writeFile(join(inboxDir(pack.dataDir), 'scam.txt'), SCAM);
    await expect.poll(() => lines.join('\n'), { timeout: 2000, interval: 100 }).toMatch(/scam\.txt: .*phone number/);
    expect(await readdir(join(inboxDir(pack.dataDir), 'rejected'))).toContain('scam.txt');
    expect(player.runtime.state().alerts).toEqual([]);
  });

  it('kiosk alert refuses the text at once with the reason and exit code 1', async () => {
    const pack = await makeTempPack();
    const io = fakeIo();
    expect(await main(['alert', SCAM, '--minutes', String(WEEK), '--data', pack.dataDir], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/phone number .*021/);
    const queued = await readdir(inboxDir(pack.dataDir)).catch(() => []);
    expect(queued.filter((n) => n.endsWith('.json'))).toEqual([]);
  });

  it('an ordinary alert with the 96110 hotline still goes through', async () => {
    const pack = await makeTempPack();
    const player = await startTestPlayer(opened, { configPath: pack.config, dataDir: pack.dataDir });
    const io = fakeIo();
    expect(await main(['alert', '接到自称公安的电话请挂断，拨打 96110 咨询', '--data', pack.dataDir], io)).toBe(0);
    await expect.poll(() => player.runtime.state().alerts.length, { timeout: 2000, interval: 100 }).toBe(1);
    expect(await readFile(join(pack.dataDir, 'alerts.json'), 'utf8')).toContain('96110');
  });
});
