import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PlayerState } from '../../src/core/api/contract';
import { createKioskRuntime, type KioskRuntime } from '../../src/app/runtime';

const open: { runtime: KioskRuntime; dir: string }[] = [];
afterEach(async () => {
  for (const { runtime, dir } of open.splice(0)) {
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  }
});

async function stateFor(config: Record<string, unknown>): Promise<PlayerState> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-region-'));
  const configPath = join(dir, 'config.json');
  await writeFile(configPath, JSON.stringify({ playlist: resolve('playlists/default.playlist.json'), ...config }));
  const runtime = await createKioskRuntime({ appRoot: process.cwd(), configPath, dataDir: join(dir, 'data'), log: () => {} });
  open.push({ runtime, dir });
  const response = await runtime.app.fetch(new Request('app://kiosk/api/state'));
  return PlayerState.parse(await response.json());
}

describe('the runtime applies the device config’s region', () => {
  it('a Taiwan screen gets 165 and 110, a Taiwanese header name, no mainland-only items, and the help QR', async () => {
    const state = await stateFor({ region: 'tw', locale: 'zh-TW', helpQr: 'https://165.npa.gov.tw/', localPolice: { number: '02-2321-5500', label: '中正一分局' } });
    expect(state.region.hotlines.map((h) => h.number)).toEqual(['165', '110', '02-2321-5500']);
    expect(state.organisation).toBe('防詐騙宣導');
    const text = JSON.stringify(state.items.filter((i) => i.kind !== 'video'));
    expect(text).not.toMatch(/96110/);
    const help = state.items.filter((i) => i.kind === 'notice' && i.variant === 'help');
    expect(help.length).toBeGreaterThan(0);
    for (const h of help) expect(h).toMatchObject({ qr: 'https://165.npa.gov.tw/' });
  });

  it('a mainland screen without a help QR shows help slides without a code, and 110/96110', async () => {
    const state = await stateFor({});
    expect(state.region).toEqual({ region: 'cn', hotlines: [{ role: 'police', number: '110' }, { role: 'anti-fraud', number: '96110' }] });
    expect(state.items.filter((i) => i.kind === 'notice' && i.variant === 'help' && i.qr !== undefined)).toEqual([]);
    expect(state.organisation).toBe('反电信网络诈骗宣传');
  });
});
