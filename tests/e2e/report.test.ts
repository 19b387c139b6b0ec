import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { sampleMonth, seal, writeLogFile } from '../node/play-log-sample';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(process.cwd(), 'test-artifacts');

describe('proof-of-play report in Chromium', () => {
  let browser: Browser;
  let work: string;
  let htmlPath: string;
  const out: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package to run the e2e tests`);
    work = await fs.mkdtemp(join(tmpdir(), 'kiosk-report-e2e-'));
    const records = seal(sampleMonth(2025, 5));
    await writeLogFile(join(work, 'data', 'play-log'), records);
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(`ERR ${l}`), cwd: work, env: { KIOSK_DATA_DIR: 'data' } };
    const code = await main(['report', '--from', '2025-05-01', '--to', '2025-05-31', '--out', 'out', '--tz', 'Asia/Shanghai', '--org', '星河小学 Xinghe Primary School'], io);
    expect(out.filter((l) => l.startsWith('ERR'))).toEqual([]);
    expect(code).toBe(0);
    htmlPath = join(work, 'out', 'report.html');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (work) await fs.rm(work, { recursive: true, force: true });
  });

  it('prints where the files are and the numbers', () => {
    expect(out).toContain(`wrote ${join(work, 'out', 'report.csv')}`);
    expect(out).toContain(`wrote ${htmlPath}`);
    expect(out.join('\n')).toMatch(/plays: 29019 on 22 of 31 days/);
  });

  it('renders charts and the numbers a school reads, fetching nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const fetched: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === pathToFileURL(htmlPath).href) return route.continue();
      fetched.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(htmlPath).href);

    await expect.poll(() => page.locator('h1').innerText()).toContain('播放证明报告');
    expect(await page.locator('[data-field="period"]').innerText()).toBe('2025-05-01 – 2025-05-31');
    expect(await page.locator('[data-stat="plays"] .value').innerText()).toBe('29,019');
    expect(await page.locator('[data-stat="days"] .value').innerText()).toBe('22 / 31');
    expect(await page.locator('[data-stat="recoveries"] .value').innerText()).toBe('3 / 2');
    expect(await page.locator('[data-integrity="ok"]').innerText()).toContain('29,054');

    for (const chart of ['plays-per-day', 'hours-per-day', 'plays-per-kind', 'top-cases', 'timeline']) {
      const svg = page.locator(`svg[data-chart="${chart}"]`);
      await expect.poll(() => svg.isVisible(), { message: chart }).toBe(true);
      const box = await svg.boundingBox();
      expect(box?.width ?? 0, chart).toBeGreaterThan(500);
    }
    expect(await page.locator('svg[data-chart="plays-per-day"] rect.bar').count()).toBe(31);
    expect(await page.locator('svg[data-chart="timeline"] rect.span.air').count()).toBeGreaterThanOrEqual(22);
    expect(await page.locator('svg[data-chart="timeline"] .recovery-mark').count()).toBe(3);
    const svgText = (chart: string, text: string) => page.locator(`svg[data-chart="${chart}"] text`, { hasText: text }).first();
    expect(await svgText('top-cases', '冒充公检法').isVisible()).toBe(true);
    expect(await svgText('plays-per-kind', '视频 Videos').isVisible()).toBe(true);
    expect(await page.locator('table[data-table="gaps"]').innerText()).toContain('power loss');
    expect(await page.locator('[data-field="head"]').innerText()).toMatch(/seq 29053 · SHA-256 [0-9a-f]{64}/);
    expect(await page.locator('script').count()).toBe(0);
    expect(fetched).toEqual([]);

    await fs.mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.close();
  });
});
