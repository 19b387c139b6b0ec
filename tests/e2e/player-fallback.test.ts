import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TOKEN_HEADER } from '../../src/core/api/contract';
import { readLocalToken } from '../../src/node/local-token';
import { launchChromium, openPlayer, saveArtifact, startPlayer } from './helpers/player';
import { fetchState } from './helpers/state';

describe('never dark: fallback slide, alerts, standby', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await launchChromium();
    dir = await fs.mkdtemp(join(tmpdir(), 'kiosk-e2e-fallback-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('shows the built-in fallback slide for a broken playlist, and the server keeps serving', async () => {
    const broken = join(dir, 'broken.playlist.json');
    await fs.writeFile(broken, '{ "name": "half a file", "pack": [');
    const player = await startPlayer({ playlist: broken });
    try {
      const page = await openPlayer(browser, player.url, { width: 1920, height: 1080 });
      const fallback = page.locator('[data-testid=fallback]');
      await fallback.waitFor();
      expect(await fallback.locator('.fallback-title').textContent()).toBe('防范电信网络诈骗');
      expect(await fallback.locator('.fallback-hotlines').textContent()).toContain('96110');
      expect(await fallback.locator('.fallback-hotlines').textContent()).toContain('110');
      expect(await page.locator('.ticker-copy').first().textContent()).toContain('转账汇款多核实');
      await saveArtifact(page, 'player-fallback-broken-playlist.png');

      const state = await fetchState(player.url, player.dataDir);
      expect(state.fallback).toBe(true);
      expect(state.warnings.join('\n')).toContain('broken.playlist.json');
      await page.reload();
      await fallback.waitFor();
      await page.close();
    } finally {
      await player.close();
    }
  });

  it('shows the fallback slide, not a blank screen, when the state cannot be fetched at all', async () => {
    const player = await startPlayer();
    try {
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
      await context.route('**/api/state', (route) => route.fulfill({ status: 503, body: 'down' }));
      const page = await context.newPage();
      await page.goto(player.url);
      await page.locator('[data-testid=fallback]').waitFor();
      expect(await page.locator('.header-hotlines').textContent()).toContain('96110');
      await saveArtifact(page, 'player-fallback-no-state-portrait.png');
      await context.close();
    } finally {
      await player.close();
    }
  });

  it('lets a critical alert take over the screen, then returns to the loop at expiry', async () => {
    const player = await startPlayer();
    try {
      const page = await openPlayer(browser, player.url, { width: 1920, height: 1080 });
      await page.waitForSelector('[data-testid=stage][data-view=video]');
      const token = await readLocalToken(player.dataDir);
      const text = '紧急提醒：近期有人冒充“社保局”来电称医保卡被冻结，要求转账解冻，这是诈骗！';
      const response = await fetch(new URL('api/alerts', player.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [LOCAL_TOKEN_HEADER]: token ?? '' },
        body: JSON.stringify({ text, level: 'critical', minutes: 0.1 }),
      });
      expect(response.status).toBe(200);
      const alert = page.locator('[data-testid=alert][data-level=critical]');
      // Arrival is the check (the page learns of it from the change stream); speed is the bench's.
      await alert.waitFor({ timeout: 20_000 });
      expect(await alert.locator('.alert-text').textContent()).toBe(text);
      expect(await page.locator('[data-testid=stage]').count()).toBe(0);
      await saveArtifact(page, 'player-alert-critical.png');

      await alert.waitFor({ state: 'detached', timeout: 30_000 });
      await page.waitForSelector('[data-testid=stage]');
      await page.close();
    } finally {
      await player.close();
    }
  });

  it('shows a warning alert as a banner over the playing loop', async () => {
    const player = await startPlayer();
    try {
      const page = await openPlayer(browser, player.url, { width: 1920, height: 1080 }, '?rate=8');
      const token = await readLocalToken(player.dataDir);
      await fetch(new URL('api/alerts', player.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [LOCAL_TOKEN_HEADER]: token ?? '' },
        body: JSON.stringify({ text: '本周多发“快递理赔”诈骗，退款请只走官方平台。', level: 'warning', minutes: 5 }),
      });
      await page.locator('[data-testid=alert][data-level=warning]').waitFor({ timeout: 2_000 });
      await page.waitForSelector('[data-testid=stage][data-view=card]', { timeout: 30_000 });
      await saveArtifact(page, 'player-alert-warning-banner.png');
      await page.close();
    } finally {
      await player.close();
    }
  });

  it('shows the standby card outside on-hours', async () => {
    const playlist = join(dir, 'office-hours.playlist.json');
    const original = JSON.parse(await fs.readFile(join(process.cwd(), 'playlists/default.playlist.json'), 'utf8'));
    await fs.symlink(join(process.cwd(), 'playlists/pack'), join(dir, 'pack'), 'dir').catch(() => {});
    await fs.writeFile(
      playlist,
      JSON.stringify({ ...original, $schema: undefined, onHours: { rules: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' }], outside: 'standby' } }),
    );
    const player = await startPlayer({ playlist });
    try {
      const page = await openPlayer(browser, player.url, { width: 1920, height: 1080 }, `?now=${encodeURIComponent('2025-03-15T21:30:00+08:00')}`);
      await page.locator('[data-testid=standby]').waitFor();
      expect(await page.locator('.standby-time').textContent()).toBe('21:30');
      await saveArtifact(page, 'player-standby.png');
      await page.close();
    } finally {
      await player.close();
    }
  });
});
