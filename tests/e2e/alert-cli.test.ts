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
  it('appears within a second of the command and disappears at expiry', async () => {
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
      await alert.waitFor({ timeout: 3_000 });
      const shownAfter = Date.now() - raisedAt;
      expect(shownAfter).toBeLessThan(1_000);
      expect(await alert.locator('.alert-text').textContent()).toBe(text);
      await saveArtifact(page, 'alert-from-cli.png');
      await alert.waitFor({ state: 'detached', timeout: 12_000 });
      const goneAfter = Date.now() - raisedAt;
      expect(goneAfter).toBeGreaterThanOrEqual(6_000 - 100);
      expect(goneAfter).toBeLessThan(8_000);
      await page.waitForSelector('[data-testid=stage]');
    } finally {
      await player.close();
    }
  });
});
