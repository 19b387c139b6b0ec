import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPlayer, saveArtifact, startPlayer, type RunningPlayer } from './helpers/player';

describe('operator overlay', () => {
  let browser: Browser;
  let player: RunningPlayer;
  beforeAll(async () => {
    browser = await launchChromium();
    player = await startPlayer({ operatorPin: '246813', screenId: 'lobby-east' });
  });
  afterAll(async () => {
    await browser?.close();
    await player?.close();
  });

  it('opens only with the chord, shows status, and checks the PIN with the host', async () => {
    const page = await openPlayer(browser, player.url, { width: 1920, height: 1080 });
    await page.waitForSelector('[data-testid=stage][data-view=video]');
    const overlay = page.locator('[data-testid=operator-overlay]');

    await page.mouse.click(400, 400);
    await page.keyboard.press('Escape');
    await page.keyboard.press('o');
    expect(await overlay.count()).toBe(0);
    expect(await page.evaluate('getComputedStyle(document.body).cursor')).toBe('none');

    await page.keyboard.press('Control+Shift+O');
    await overlay.waitFor();
    const text = (await overlay.textContent()) ?? '';
    expect(text).toContain('lobby-east (landscape, zh-CN, en)');
    expect(text).toContain('Anti-fraud publicity (default pack)');
    expect(text).toMatch(/Current itemvideo video-/);
    expect(text).toMatch(/Uptimerenderer 00:00:\d\d/);

    // Only Electron can leave kiosk mode. The browser player answers every PIN alike, right
    // or wrong, so it cannot be used to guess one; its warnings stay hidden.
    const pinLine = page.locator('[data-testid=operator-pin]');
    for (const key of ['1', '1', '1', '1', '1', '1', 'Enter']) await page.keyboard.press(key);
    await expect.poll(() => pinLine.textContent()).toContain('not in kiosk mode');
    const afterWrong = await pinLine.textContent();
    await page.keyboard.press('Control+Shift+O');
    await page.keyboard.press('Control+Shift+O');
    for (const key of ['2', '4', '6', '8', '1', '3', 'Enter']) await page.keyboard.press(key);
    await expect.poll(() => pinLine.textContent()).toContain('not in kiosk mode');
    expect(await pinLine.textContent()).toBe(afterWrong);
    expect(await overlay.textContent()).toContain('details after the operator PIN');
    await saveArtifact(page, 'player-operator-overlay.png');

    for (let i = 0; i < 5; i++) await page.keyboard.press('o');
    await overlay.waitFor({ state: 'detached' });
    await page.close();
  });
});
