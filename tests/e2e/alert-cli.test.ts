import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { fakeIo } from '../helpers/fake-io';
import { launchChromium, openPlayer, saveArtifact, startPlayer } from './helpers/player';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('kiosk alert on a running screen', () => {
  it('appears after the command and disappears at its expiry, not before', async () => {
    const player = await startPlayer();
    try {
      const page = await openPlayer(browser, player.url, { width: 1920, height: 1080 });
      await page.waitForSelector('[data-testid=stage]');
      const text = '今日预警：有人冒充社区工作人员上门收取“反诈保证金”，请勿相信！';
      const raisedAt = Date.now();
      const io = fakeIo();
      // 0.1 minutes: the alert expires six seconds after it was raised.
      expect(await main(['alert', text, '--minutes', '0.1', '--data', player.dataDir], io)).toBe(0);
      const alert = page.locator('[data-testid=alert][data-level=critical]');
      // Arrival is the check; how soon is the bench's figure, not a pass mark on a loaded machine.
      await alert.waitFor({ timeout: 20_000 });
      expect(await alert.locator('.alert-text').textContent()).toBe(text);
      await saveArtifact(page, 'alert-from-cli.png');
      await alert.waitFor({ state: 'detached', timeout: 30_000 });
      // A lower bound only: a slow machine can show it longer, never end it before its expiry.
      expect(Date.now() - raisedAt).toBeGreaterThanOrEqual(6_000 - 100);
      await page.waitForSelector('[data-testid=stage]');
    } finally {
      await player.close();
    }
  });
});
