import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSlides } from '../../src/core/import/list-slides';
import { readOfficialList, type ListFormat } from '../../src/core/import/official-list';
import { APP_ROOT, launchChromium, openPlayer, saveArtifact, startPlayer, type RunningPlayer } from './helpers/player';
import { writeTempPlaylist } from './helpers/temp-playlist';

/** The slides `kiosk import-list` makes from a fixture, as a pack file for a screen. */
async function slidesFrom(file: string, format: ListFormat): Promise<string> {
  const list = readOfficialList(await readFile(join(APP_ROOT, 'tests/fixtures/official-lists', file)), format);
  if (!list.ok) throw new Error(list.error);
  return JSON.stringify({ items: listSlides(list.value, { today: '2026-12-04' }) });
}

describe('an imported official list on a screen', () => {
  let browser: Browser;
  let dir: string;
  const players: RunningPlayer[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    dir = await mkdtemp(join(tmpdir(), 'kiosk-list-'));
  });
  afterAll(async () => {
    await browser?.close();
    for (const p of players) await p.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['tw-165-sites', 'tw-165-sites.csv', 'tw', 'zh-TW', 'www[.]starriver-invest[.]com'],
    ['hkma-websites', 'hkma-websites.csv', 'hk', 'zh-HK', 'examp1e-bank-hk[.]com'],
    ['tw-165-line-ids', 'tw-165-line-ids.csv', 'tw', 'zh-TW', 'fast[.]loan'],
    ['tw-165-scam-domains', 'tw-165-scam-domains.csv', 'tw', 'zh-TW', 'lucky-casino88[.]vip'],
  ] as const)('%s: the domains (or LINE IDs) show defanged, as text, with no link element', async (format, file, region, locale, expected) => {
    const sub = await mkdtemp(join(dir, `${format}-`));
    const id = `list-${format}-${{ 'tw-165-sites': '2026-11-30', 'hkma-websites': '2026-11-28', 'tw-165-line-ids': '2026-11-29', 'tw-165-scam-domains': '2025-11' }[format]}-1`;
    const playlist = await writeTempPlaylist(
      sub,
      { layout: 'portrait', locales: [locale], pack: ['pack/slogans.zh-TW.json', 'pack/slogans.zh-HK.json', 'lists.json'], stage: [{ type: 'notice', id, seconds: 60 }] },
      { 'lists.json': await slidesFrom(file, format) },
    );
    const player = await startPlayer({ playlist, region, locale });
    players.push(player);
    const page = await openPlayer(browser, player.url, { width: 1080, height: 1920 });
    await page.waitForSelector('[data-kind=notice]');
    await page.waitForTimeout(300);
    const text = await page.locator('[data-testid=screen]').innerText();
    expect(text).toContain(expected);
    expect(await page.locator('a').count()).toBe(0);
    // The source and date are their own paragraph under the sites, not run on after the last one.
    const paragraphs = await page.locator('.notice-text p').allInnerTexts();
    expect(paragraphs.at(-1)).toMatch(/^資料來源：.*（(2026-11-(28|29|30)|2025-11)）/);
    expect(paragraphs.at(-2)).toMatch(/^\d+\. \S+\[\.\]\S+$/);
    expect(text).not.toMatch(/\w\.(com|net|vip|top|loan|xyz)\b/);
    await saveArtifact(page, `official-list-${format}.png`);
    await page.close();
  });
});
