import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPlayer, saveArtifact, startPlayer, type RunningPlayer } from './helpers/player';
import { writeTempPlaylist } from './helpers/temp-playlist';

const PACK = [
  'pack/slogans.zh-CN.json', 'pack/slogans.zh-TW.json', 'pack/slogans.en.json', 'pack/cases.json', 'pack/slides.json',
  'pack/slogans.zh-HK.json', 'pack/cases.zh-HK.json', 'pack/slides.zh-HK.json',
];
const at = (iso: string, rate: number): string => `?now=${encodeURIComponent(iso)}&rate=${rate}`;

/** Everything a viewer can read on the page right now. */
const screenText = (page: Page): Promise<string> => page.locator('[data-testid=screen]').innerText();

describe('one screen per region', () => {
  let browser: Browser;
  let dir: string;
  const players: RunningPlayer[] = [];

  const playerWith = async (config: Record<string, unknown>, stage: unknown[], layout = 'landscape', locales = ['zh-CN']) => {
    const sub = await mkdtemp(join(dir, 'p-'));
    const playlist = await writeTempPlaylist(sub, { layout, locales, pack: PACK, stage });
    const player = await startPlayer({ playlist, ...config });
    players.push(player);
    return player;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    dir = await mkdtemp(join(tmpdir(), 'kiosk-regions-'));
  });
  afterAll(async () => {
    await browser?.close();
    for (const p of players) await p.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('cn landscape: the case card shows the viewer-facing source, no internal note, and 110/96110', async () => {
    const player = await playerWith({ region: 'cn' }, [{ type: 'case-of-the-day', seconds: 30 }]);
    const page = await openPlayer(browser, player.url, { width: 1920, height: 1080 }, at('2026-03-02T10:00:00+08:00', 1));
    await page.waitForSelector('[data-kind=case]');
    await page.waitForTimeout(300);
    expect(await page.locator('.header-hotlines').innerText()).toMatch(/110[\s\S]*96110/);
    expect(await page.locator('.case-source').innerText()).toContain('根据公安机关公布案例改编');
    const text = await screenText(page);
    expect(text).not.toMatch(/seed|plan \d|Illustrative|¥0(?!\d)/);
    await saveArtifact(page, 'region-cn-landscape-case.png');
    await page.close();
  });

  it('tw portrait: the help slide shows 165 and the printed help address, never 96110', async () => {
    const player = await playerWith(
      { region: 'tw', locale: 'zh-TW', helpQr: 'https://165.npa.gov.tw/' },
      [{ type: 'next-notice', variant: 'help', seconds: 30 }],
      'portrait',
      ['zh-TW'],
    );
    const page = await openPlayer(browser, player.url, { width: 1080, height: 1920 }, at('2026-03-02T10:00:00+08:00', 1));
    await page.waitForSelector('.notice-help [data-testid=qr]');
    await page.waitForTimeout(300);
    expect(await page.locator('.notice-hotlines').innerText()).toMatch(/165/);
    expect(await page.locator('[data-testid=qr-url]').innerText()).toBe('https://165.npa.gov.tw/');
    const text = await screenText(page);
    expect(text).toContain('止付');
    expect(text).not.toMatch(/96110|国家反诈|國家反詐/);
    await saveArtifact(page, 'region-tw-portrait-help.png');
    await page.close();
  });

  it('hk portrait in zh-HK: Hong Kong words, 18222 and 999, never 165 or 96110', async () => {
    const player = await playerWith(
      { region: 'hk', locale: 'zh-HK' },
      [{ type: 'next-notice', variant: 'help', seconds: 30 }, { type: 'case-of-the-day', seconds: 30 }],
      'portrait',
      ['zh-HK'],
    );
    const page = await openPlayer(browser, player.url, { width: 1080, height: 1920 }, at('2026-03-02T10:00:00+08:00', 1));
    await page.waitForSelector('.notice-help');
    await page.waitForTimeout(300);
    expect(await page.locator('.header-hotlines').innerText()).toMatch(/18222[\s\S]*999/);
    const text = await screenText(page);
    expect(text).toContain('止付');
    expect(text).toContain('18222');
    expect(text).not.toMatch(/96110|(?<!\d)165(?!\d)|簡訊|網路|帳戶|国家反诈|國家反詐/);
    await saveArtifact(page, 'region-hk-portrait-zh-hk-help.png');
    await page.close();
  });

  it('hk strip: the ticker carries Hong Kong lines only, paged one at a time', async () => {
    const sub = await mkdtemp(join(dir, 'hk-'));
    const playlist = await writeTempPlaylist(sub, {
      layout: 'strip',
      locales: ['zh-TW'],
      pack: PACK,
      ticker: { mode: 'paged', pageSeconds: 2 },
    });
    const player = await startPlayer({ playlist, region: 'hk', locale: 'zh-TW' });
    players.push(player);
    const page = await openPlayer(browser, player.url, { width: 768, height: 96 });
    await page.waitForSelector('[data-testid=ticker][data-mode=paged] .ticker-page');
    // It pages on: wait for a page other than the first (and then a third), however slow the machine.
    const seen = new Set<string>([await page.locator('.ticker-page').innerText()]);
    for (let i = 0; i < 2; i++) {
      const shown = [...seen];
      await page.waitForFunction((before) => {
        const now = (document.querySelector('.ticker-page') as HTMLElement | null)?.innerText;
        return now !== undefined && !before.includes(now);
      }, shown, { timeout: 30_000, polling: 100 }).catch(() => undefined);
      seen.add(await page.locator('.ticker-page').innerText());
    }
    expect(seen.size).toBeGreaterThanOrEqual(2);
    for (const line of seen) expect(line).not.toMatch(/96110|\b165\b|国家反诈/);
    await page.screenshot({ path: join(dir, 'unused.png') }); // warm the compositor before the artifact
    await saveArtifact(page, 'region-hk-strip.png');
    await page.close();
  });

  it('the operator pauses and resumes the ticker’s motion with "p"', async () => {
    const player = await playerWith({}, [{ type: 'case-of-the-day', seconds: 60 }]);
    const page = await openPlayer(browser, player.url, { width: 1280, height: 720 });
    const copy = page.locator('.ticker-copy').first();
    await copy.waitFor();
    const x = async (): Promise<number> => (await copy.boundingBox())?.x ?? Number.NaN;
    await page.keyboard.press('Control+Shift+O');
    await page.waitForSelector('[data-testid=operator-overlay]');
    // The animation's own state, not a pause of so many ms, says when the key has taken effect.
    const playState = (want: string) =>
      page.waitForFunction((w) => document.querySelector('.ticker-track')?.getAnimations()[0]?.playState === w, want, { timeout: 20_000, polling: 50 });
    await page.keyboard.press('p');
    await playState('paused');
    const held = await x();
    const timeline = await page.evaluate(() => Number(document.timeline.currentTime));
    // Frames go by (the page's own clock moves on) and the text stays where it was.
    await page.waitForFunction((t) => Number(document.timeline.currentTime) > t + 500, timeline, { timeout: 30_000, polling: 50 });
    expect(await x()).toBe(held);
    await page.keyboard.press('p');
    await playState('running');
    await page.waitForFunction((h) => {
      const box = document.querySelector('.ticker-copy')?.getBoundingClientRect();
      return box !== undefined && box.x < h - 20;
    }, held, { timeout: 30_000, polling: 50 });
    await page.close();
  });
});
