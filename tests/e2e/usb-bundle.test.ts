import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserPlayer, type BrowserPlayer } from '../../src/app/browser-player';
import { BUNDLE_DIR, ReturnsStatus } from '../../src/core/bundle/manifest';
import { writeConsoleBundle } from '../../src/node/bundle/console-bundle';
import { openConsoleData, type ConsoleData } from '../../src/node/console/console-data';
import { until } from '../helpers/until';
import { APP_ROOT, ensureRendererBuilt, launchChromium, saveArtifact } from './helpers/player';
import { writeTempPlaylist } from './helpers/temp-playlist';

const VIDEO = join(APP_ROOT, 'playlists/pack/media/video-fake-police.zh-CN.cn.webm');
const SCREEN = 'hall-3';
const actor = { username: 'e2e', roles: ['editor', 'publisher'] as ('editor' | 'publisher')[] };
let browser: Browser;
let root: string;
let data: ConsoleData;
let player: BrowserPlayer;
let page: Page;

const mount = (): string => join(root, 'mount');
const statusPath = (): string => join(mount(), BUNDLE_DIR, 'returns', SCREEN, 'status.json');
const tickerText = (): Promise<string> => page.locator('[data-testid="ticker"]').innerText();

async function publishSlogan(id: string, text: string): Promise<number> {
  const now = new Date().toISOString();
  await data.library.putAll([{
    item: { kind: 'slogan', id, locale: 'zh-CN', text },
    workflow: { status: 'approved', comment: '', rev: 1, updatedBy: 'e2e', updatedAt: now },
    targeting: { audience: [], regions: [], validity: { type: 'always' }, pins: [] },
  }]);
  const published = await data.publish(actor, { baseUrl: 'http://127.0.0.1:1/feed' });
  if (!published.ok) throw new Error(published.error.message);
  return published.value.version;
}

/** The office writes the stick; the stick is then plugged into the screen (copied into the watched folder). */
async function stickWith(change?: (bundle: string) => Promise<void>): Promise<ReturnsStatus> {
  const stick = await mkdtemp(join(root, 'stick-'));
  const written = await writeConsoleBundle(data, actor, stick, new Date());
  if (!written.ok) throw new Error(written.error);
  if (change) await change(join(stick, BUNDLE_DIR));
  await rm(statusPath(), { force: true });
  await rm(join(mount(), BUNDLE_DIR), { recursive: true, force: true });
  await cp(join(stick, BUNDLE_DIR), join(mount(), BUNDLE_DIR), { recursive: true });
  return ReturnsStatus.parse(JSON.parse(await until('status.json', () => readFile(statusPath(), 'utf8').catch(() => undefined), 30_000)));
}

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchChromium();
  root = await mkdtemp(join(tmpdir(), 'usb-e2e-'));
  await mkdir(mount());
  data = await openConsoleData(join(root, 'console'), () => new Date());
  const video = await data.media.addFile(VIDEO, 'video/webm', { copy: true });
  await data.library.putAll([{
    item: { kind: 'video', id: 'usb-e2e-video', locale: 'zh-CN', title: '冒充公安的电话', file: video.path },
    workflow: { status: 'approved', comment: '', rev: 1, updatedBy: 'e2e', updatedAt: new Date().toISOString() },
    targeting: { audience: [], regions: [], validity: { type: 'always' }, pins: [] },
  }]);
  // The screen's own pack has only help slides: any slogan or video on it came from the stick.
  const playlist = await writeTempPlaylist(root, {
    pack: ['pack/slides.json'], ticker: { sources: [{ type: 'slogans' }], speed: 240 },
    stage: [{ type: 'next-video' }, { type: 'next-notice', variant: 'help', seconds: 3 }],
  });
  const configPath = join(root, 'config.json');
  await writeFile(configPath, JSON.stringify({ screenId: SCREEN, playlist, feeds: { publicKey: data.keys().publicKeyBase64 } }));
  player = await startBrowserPlayer({ appRoot: APP_ROOT, configPath, dataDir: join(root, 'data'), port: 0, stickRoots: [mount()], log: () => undefined });
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(player.url);
  await page.waitForSelector('[data-testid="screen"]:not([data-plan="loading"])');
});

afterAll(async () => {
  await page?.close();
  await player?.close();
  await browser?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('a screen without a network, by USB stick, in Chromium', () => {
  it('plays the version on the stick: its slogan in the ticker, its video from the copy', async () => {
    const version = await publishSlogan('usb-e2e-1', '陌生来电说你涉案，先挂断再拨110核实');
    expect(await stickWith()).toMatchObject({ outcome: 'installed', version });
    await until('the slogan in the ticker', async () => (await tickerText()).includes('陌生来电说你涉案'), 60_000);
    await page.waitForFunction(
      () => [...document.querySelectorAll('video')].some((v) => v.currentSrc.includes('/media/cache/') && v.currentTime > 0.3 && !v.paused),
      undefined, { timeout: 30_000 },
    );
    await saveArtifact(page, 'usb-bundle-installed.png');
  });

  it('keeps playing it when the next stick has a flipped byte, and says why on the stick', async () => {
    await publishSlogan('usb-e2e-2', '网络投资稳赚不赔的都是骗局');
    const status = await stickWith(async (bundle) => {
      const manifest = JSON.parse(await readFile(join(bundle, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
      const media = manifest.files.find((f) => f.path.startsWith('media/'))?.path ?? '';
      const bytes = await readFile(join(bundle, media));
      bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0x10;
      await writeFile(join(bundle, media), bytes);
    });
    expect(status).toMatchObject({ outcome: 'refused', refusal: { kind: 'tampered' }, version: 1 });
    expect(await tickerText()).toContain('陌生来电说你涉案');
    expect(await tickerText()).not.toContain('网络投资稳赚不赔');
  });

  it('shows a stick it cannot write to for a while, over the playing screen', async () => {
    const returns = join(mount(), BUNDLE_DIR, 'returns', SCREEN);
    await rm(returns, { recursive: true, force: true });
    await writeFile(returns, 'a file where the folder should be');
    await writeFile(join(mount(), BUNDLE_DIR, 'poke.txt'), 'plugged again');
    await page.waitForSelector('[data-testid="stick-notice"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="stick-notice"]').innerText()).toContain('playback continues');
    expect(await page.locator('[data-testid="screen"]').getAttribute('data-plan')).not.toBe('loading');
    await saveArtifact(page, 'usb-bundle-stick-notice.png');
  });
});
