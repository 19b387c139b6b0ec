import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseOfTheDay, compileLoop, itemsOfKind, localDate } from '../../src/core/schedule';
import { launchChromium, openPlayer, saveArtifact, startPlayer, type RunningPlayer } from './helpers/player';
import { fetchState } from './helpers/state';

const FRIDAY = '2025-03-14T10:00:00+08:00';
const at = (iso: string, rate: number): string => `?now=${encodeURIComponent(iso)}&rate=${rate}`;

describe('browser player, landscape, default pack', () => {
  let browser: Browser;
  let player: RunningPlayer;

  beforeAll(async () => {
    browser = await launchChromium();
    player = await startPlayer({ organisation: '星河小学 · 反诈宣传', helpQr: 'https://example.org/anti-fraud/help' });
  });
  afterAll(async () => {
    await browser?.close();
    await player?.close();
  });

  it('shows the header, a warning video with captions, the case card and the help slide', async () => {
    const page = await openPlayer(browser, player.url, { width: 1920, height: 1080 }, at(FRIDAY, 8));
    await expect.poll(() => page.locator('.header-org-name').textContent()).toBe('星河小学 · 反诈宣传');
    expect(await page.locator('.header-date').textContent()).toBe('2025年3月14日星期五');
    expect(await page.locator('[data-testid=clock-time]').textContent()).toMatch(/^10:0\d$/);
    expect(await page.locator('.header-hotlines').textContent()).toBe('报警110反诈专线96110');

    await page.waitForSelector('[data-testid=stage][data-view=video]');
    await page.waitForSelector('[data-testid=captions]');
    expect((await page.locator('[data-testid=captions]').textContent())?.length).toBeGreaterThan(2);
    await saveArtifact(page, 'player-landscape-video.png');

    await page.waitForSelector('[data-kind=case]', { timeout: 30_000 });
    await page.waitForTimeout(200);
    await expectInsideViewport(page, '[data-kind=case] .case-source');
    await saveArtifact(page, 'player-landscape-case.png');

    await page.waitForSelector('.notice-help', { timeout: 30_000 });
    const qr = page.locator('[data-testid=qr]');
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(await page.locator('[data-testid=qr-url]').textContent()).toBe('https://example.org/anti-fraud/help');
    expect(await page.locator('.notice-hotlines').textContent()).toContain('96110');
    await saveArtifact(page, 'player-landscape-help.png');
    await page.close();
  });

  it('shows the case the scheduler picks for the faked date, and another date picks by date', async () => {
    const state = await fetchState(player.url);
    const locale = state.locales[0] ?? 'zh-CN';
    for (const iso of [FRIDAY, '2025-07-02T09:30:00+08:00']) {
      const date = localDate(new Date(iso), state.playlist.timeZone);
      const expected = caseOfTheDay(itemsOfKind(state.items, 'case', locale, state.playlist.locales), date);
      const step = compileLoop({ items: state.items, playlist: state.playlist, locale, date, pass: 0 }).find(
        (s) => s.type === 'case',
      );
      expect(expected).toBeDefined();
      expect(step?.item.id).toBe(expected?.id);

      const page = await openPlayer(browser, player.url, { width: 1280, height: 720 }, at(iso, 16));
      await page.waitForSelector('[data-kind=case]', { timeout: 30_000 });
      expect(await page.locator('[data-kind=case]').getAttribute('data-item-id')).toBe(expected?.id);
      expect(await page.locator('[data-testid=case-title]').textContent()).toBe(expected?.title);
      await page.close();
    }
  });

  it('scrolls the ticker leftwards at about the playlist speed', async () => {
    const state = await fetchState(player.url);
    const page = await openPlayer(browser, player.url, { width: 1280, height: 720 });
    const copy = page.locator('.ticker-copy').first();
    await copy.waitFor();
    const text = await copy.textContent();
    const slogans = state.items.filter((i) => i.kind === 'slogan').map((i) => (i.kind === 'slogan' ? i.text : ''));
    expect(slogans.some((s) => text?.includes(s))).toBe(true);

    // The speed the animation is defined with (distance over duration), read from the page: the
    // same on any machine. Frame timing under load is the bench's ticker section.
    const anim = await page.waitForFunction(() => {
      const a = document.querySelector('.ticker-track')?.getAnimations()[0];
      const last = a?.effect instanceof KeyframeEffect ? a.effect.getKeyframes().at(-1) : undefined;
      const distance = /translate3d\((-?[\d.]+)px/.exec(String(last?.['transform'] ?? ''))?.[1];
      const duration = a?.effect?.getTiming().duration;
      return a?.playState === 'running' && distance && typeof duration === 'number' ? { distance: -Number(distance), duration } : false;
    }, undefined, { timeout: 20_000, polling: 100 }).then(async (h) => (await h.jsonValue()) || { distance: Number.NaN, duration: Number.NaN });
    // The playlist gives characters per second: one CJK glyph is one em of the rendered font.
    const glyphPx = await copy.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const speed = state.playlist.ticker.speed ?? state.playlist.ticker.charsPerSecond * glyphPx;
    const defined = anim.distance / (anim.duration / 1000);
    // Whole-pixel stepping may round the speed to the refresh rate: within 20 %.
    expect(defined, `defined ${defined.toFixed(1)} px/s, wanted ${speed.toFixed(1)}`).toBeGreaterThan(speed * 0.8);
    expect(defined).toBeLessThan(speed * 1.25);
    await page.close();
  });
});

describe('browser player, portrait and LED strip', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('stacks header, stage and ticker on a 9:16 standee', async () => {
    const player = await startPlayer({ layout: 'portrait', helpQr: 'https://example.org/anti-fraud/help' });
    try {
      const page = await openPlayer(browser, player.url, { width: 1080, height: 1920 }, at(FRIDAY, 10));
      await page.waitForSelector('[data-kind=case]', { timeout: 30_000 });
      await page.waitForTimeout(200);
      await expectInsideViewport(page, '[data-kind=case] .case-lesson');
      await saveArtifact(page, 'player-portrait-case.png');
      await page.waitForSelector('.notice-help', { timeout: 30_000 });
      await page.waitForTimeout(200);
      await expectInsideViewport(page, '.notice-qr figcaption');
      await saveArtifact(page, 'player-portrait-help.png');
      await page.close();
    } finally {
      await player.close();
    }
  });

  it('fills a 384×64 LED strip with the ticker alone, text as tall as the strip allows', async () => {
    const player = await startPlayer({ layout: 'strip' });
    try {
      const page = await openPlayer(browser, player.url, { width: 384, height: 64 });
      await page.locator('.ticker-copy').first().waitFor();
      expect(await page.locator('header').count()).toBe(0);
      expect(await page.locator('[data-testid=stage]').count()).toBe(0);
      const box = await page.locator('.ticker-copy').first().boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
      expect(box?.height).toBeLessThanOrEqual(64);
      expect(box?.y).toBeGreaterThanOrEqual(0);
      await saveArtifact(page, 'player-strip-384x64.png');
      await page.close();

      // Headless Chromium draws viewports under ~88 px high at 1 fps, so motion is measured taller.
      const tall = await openPlayer(browser, player.url, { width: 384, height: 96 });
      const copy = tall.locator('.ticker-copy').first();
      await copy.waitFor();
      const x0 = (await copy.boundingBox())?.x ?? Number.NaN;
      // It moves: wait for the text to leave its first place, however many frames that takes here.
      await tall.waitForFunction((start) => {
        const box = document.querySelector('.ticker-copy')?.getBoundingClientRect();
        return box !== undefined && box.x < start;
      }, x0, { timeout: 30_000, polling: 100 });
      await tall.close();
    } finally {
      await player.close();
    }
  });
});

async function expectInsideViewport(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  const size = page.viewportSize();
  expect(box, selector).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(size!.width);
  // The ticker covers the bottom; content must end above it.
  const ticker = await page.locator('[data-testid=ticker]').boundingBox();
  expect(box!.y + box!.height).toBeLessThanOrEqual(ticker ? ticker.y : size!.height);
}
