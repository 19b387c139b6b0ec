import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserPlayer, type BrowserPlayer } from '../../src/app/browser-player';
import { main } from '../../src/cli/main';
import { BUNDLE_DIR, BUNDLE_MANIFEST, BUNDLE_SIGNATURE, ReturnsStatus, type BundleManifest } from '../../src/core/bundle/manifest';
import { openConsoleData, type ConsoleData } from '../../src/node/console/console-data';
import { keyFingerprint } from '../../src/node/bundle/disk';
import { openPlayLog } from '../../src/node/play-log/play-log';
import { generateEd25519, parsePrivateKey, signBytes } from '../../src/node/signing/ed25519';
import { fakeIo } from '../helpers/fake-io';
import { until } from '../helpers/until';

const SCREEN = 'lobby-1';
const actor = { username: 'usb-test', roles: ['editor', 'publisher'] as ('editor' | 'publisher')[] };
let root: string;
let consoleDir: string;
let stick: string;
let mount: string;
let kioskData: string;
let data: ConsoleData;
let player: BrowserPlayer;
const bundles = new Map<number, string>();
let videoSha = '';

const statusFile = (): string => join(mount, BUNDLE_DIR, 'returns', SCREEN, 'status.json');
const texts = (): string[] => player.runtime.state().items.flatMap((i) => (i.kind === 'slogan' ? [i.text] : []));

async function publishWith(slogan: string): Promise<number> {
  const now = new Date();
  await data.library.putAll([{
    item: { kind: 'slogan', id: `usb-${slogan.length}-${now.getTime()}`, locale: 'zh-CN', text: slogan },
    workflow: { status: 'approved', comment: '', rev: 1, updatedBy: 'usb-test', updatedAt: now.toISOString() },
    targeting: { audience: [], regions: [], validity: { type: 'always' }, pins: [] },
  }]);
  const result = await data.publish(actor, { baseUrl: 'http://127.0.0.1:1/feed' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.version;
}

/** `kiosk bundle write` to the office's stick; a copy of each version's bundle is kept for the refusal cases. */
async function writeToStick(version: number): Promise<void> {
  const io = fakeIo(root);
  expect(await main(['bundle', 'write', '--data', consoleDir, '--out', stick], io), io.stderr.join('\n')).toBe(0);
  expect(io.stdout.join('\n')).toContain(`Wrote version ${version}`);
  const kept = join(root, `bundle-v${version}`);
  await cp(join(stick, BUNDLE_DIR), kept, { recursive: true });
  bundles.set(version, kept);
}

/** Puts a bundle on the watched mount, as if the stick were plugged, and waits for the screen's status. */
async function plug(bundle: string, change?: (dir: string, manifest: BundleManifest) => Promise<void>): Promise<ReturnsStatus> {
  await rm(statusFile(), { force: true });
  const staged = join(root, `staged-${Date.now()}`);
  await cp(bundle, staged, { recursive: true });
  await rm(join(staged, 'returns'), { recursive: true, force: true });
  if (change) await change(staged, JSON.parse(await readFile(join(staged, BUNDLE_MANIFEST), 'utf8')) as BundleManifest);
  // A fresh stick each time, but for the returns the screen wrote on earlier visits.
  for (const name of await readdir(join(mount, BUNDLE_DIR)).catch(() => [] as string[])) {
    if (name !== 'returns') await rm(join(mount, BUNDLE_DIR, name), { recursive: true, force: true });
  }
  await cp(staged, join(mount, BUNDLE_DIR), { recursive: true, force: true });
  const text = await until('status.json on the stick', () => readFile(statusFile(), 'utf8').catch(() => undefined), 20_000);
  return ReturnsStatus.parse(JSON.parse(text));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'usb-bundle-'));
  [consoleDir, stick, mount, kioskData] = ['console', 'stick', 'mount', 'kiosk'].map((n) => join(root, n)) as [string, string, string, string];
  await Promise.all([stick, mount, kioskData].map((d) => mkdir(d, { recursive: true })));
  data = await openConsoleData(consoleDir, () => new Date());
  const video = await data.media.addBytes(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256)), 'video/webm');
  videoSha = video.sha256;
  const now = new Date().toISOString();
  await data.library.putAll([{
    item: { kind: 'video', id: 'usb-video', locale: 'zh-CN', title: '防骗视频', file: video.path },
    workflow: { status: 'approved', comment: '', rev: 1, updatedBy: 'usb-test', updatedAt: now },
    targeting: { audience: [], regions: [], validity: { type: 'always' }, pins: [] },
  }]);
  // The screen played for a while before the first visit: these plays go back on the stick.
  const log = await openPlayLog({ dir: join(kioskData, 'play-log'), now: () => new Date() });
  for (const n of [1, 2, 3]) await log.append({ itemId: `s${n}`, kind: 'slogan', title: `line ${n}`, start: now, durationMs: 8000, completed: true }, SCREEN);
  await log.close();
  const config = join(root, 'screen.json');
  await writeFile(config, JSON.stringify({ screenId: SCREEN, feeds: { publicKey: data.keys().publicKeyBase64 } }));
  player = await startBrowserPlayer({ appRoot: process.cwd(), configPath: config, dataDir: kioskData, port: 0, stickRoots: [mount], log: () => undefined });
}, 60_000);

afterAll(async () => {
  await player?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('USB bundles: a screen without a network', { timeout: 60_000 }, () => {
  it('goes from nothing to version 1, then to version 2, by stick alone', async () => {
    const v1 = await publishWith('陌生来电要警惕，先挂断再核实');
    await writeToStick(v1);
    const first = await plug(bundles.get(v1) ?? '');
    expect(first).toMatchObject({ outcome: 'installed', bundleVersion: v1, version: v1, refusal: null, screenId: SCREEN });
    expect(first.freeDiskBytes).toBeGreaterThan(0);
    expect(texts()).toContain('陌生来电要警惕，先挂断再核实');
    const video = player.runtime.state().items.find((i) => i.kind === 'video' && i.file.startsWith('media/cache/'));
    expect(video).toMatchObject({ kind: 'video', file: `media/cache/${videoSha}` });
    const served = Buffer.from(await (await fetch(new URL(`media/cache/${videoSha}`, player.url))).arrayBuffer());
    expect(createHash('sha256').update(served).digest('hex')).toBe(videoSha);

    const v2 = await publishWith('公检法不会电话办案，不会要求转账');
    await writeToStick(v2);
    const second = await plug(bundles.get(v2) ?? '');
    expect(second).toMatchObject({ outcome: 'installed', version: v2 });
    expect(texts()).toContain('公检法不会电话办案，不会要求转账');
  });

  it('brings its plays back: they verify with kiosk report --verify and show in the fleet report after import', async () => {
    const returns = join(mount, BUNDLE_DIR, 'returns', SCREEN);
    const status = ReturnsStatus.parse(JSON.parse(await readFile(join(returns, 'status.json'), 'utf8')));
    expect(status.plays).toMatchObject({ records: 3, firstSeq: 0, lastSeq: 2 });
    const verify = fakeIo(root);
    expect(await main(['report', '--verify', '--log', returns], verify), verify.stderr.join('\n')).toBe(0);
    expect(verify.stdout.join('\n')).toContain('chain OK: 3 records');
    const imported = fakeIo(root);
    expect(await main(['bundle', 'import-returns', '--data', consoleDir, mount], imported), imported.stderr.join('\n')).toBe(0);
    expect(imported.stdout.join('\n')).toContain(`${SCREEN}: 3 play records; installed`);
    const day = new Date().toISOString().slice(0, 10);
    const report = fakeIo(root);
    const out = join(root, 'report');
    expect(await main(['report', '--fleet', '--data', consoleDir, '--from', day, '--to', day, '--tz', 'UTC', '--out', out], report), report.stderr.join('\n')).toBe(0);
    expect(report.stdout.join('\n')).toContain(`${SCREEN}: 3 plays`);
    expect(await readFile(join(out, 'fleet-report.csv'), 'utf8')).toContain('line 2');
  });

  describe('a refused bundle changes nothing, and status.json says why', () => {
    let v3 = 0;
    const before: { texts: string[] } = { texts: [] };
    beforeAll(async () => {
      v3 = await publishWith('网上兼职刷单是诈骗，切勿相信');
      await writeToStick(v3);
      before.texts = texts();
    });
    const unchanged = (status: ReturnsStatus): void => {
      expect(status.version).toBe(v3 - 1);
      expect(texts()).toEqual(before.texts);
      expect(texts()).not.toContain('网上兼职刷单是诈骗，切勿相信');
    };

    it('a torn copy (a media file cut short)', async () => {
      const status = await plug(bundles.get(v3) ?? '', async (dir) => truncate(join(dir, 'media', `${videoSha}.webm`), 1000));
      expect(status).toMatchObject({ outcome: 'refused', refusal: { kind: 'torn' } });
      expect(status.refusal?.reason).toContain(`media/${videoSha}.webm is cut short`);
      unchanged(status);
    });

    it('a torn copy (no manifest: the stick was pulled before it was written)', async () => {
      const status = await plug(bundles.get(v3) ?? '', async (dir) => rm(join(dir, BUNDLE_MANIFEST)));
      expect(status).toMatchObject({ outcome: 'refused', refusal: { kind: 'torn' }, bundleVersion: null });
      unchanged(status);
    });

    it('one byte of a media file flipped', async () => {
      const status = await plug(bundles.get(v3) ?? '', async (dir) => {
        const path = join(dir, 'media', `${videoSha}.webm`);
        const bytes = await readFile(path);
        bytes[100] = (bytes[100] ?? 0) ^ 0x01;
        await writeFile(path, bytes);
      });
      expect(status).toMatchObject({ outcome: 'refused', refusal: { kind: 'tampered' } });
      expect(status.refusal?.reason).toContain('does not match its SHA-256');
      unchanged(status);
    });

    it('an older bundle', async () => {
      const status = await plug(bundles.get(1) ?? '');
      expect(status).toMatchObject({ outcome: 'refused', bundleVersion: 1, refusal: { kind: 'older' } });
      unchanged(status);
    });

    it('a bundle signed by another key', async () => {
      const other = generateEd25519();
      const key = parsePrivateKey(other.privateKeyPem);
      if (!key.ok) throw new Error(key.error);
      const status = await plug(bundles.get(v3) ?? '', async (dir, manifest) => {
        const text = `${JSON.stringify({ ...manifest, publisher: keyFingerprint(other.publicKeyBase64) }, null, 1)}\n`;
        await writeFile(join(dir, BUNDLE_MANIFEST), text);
        await writeFile(join(dir, BUNDLE_SIGNATURE), signBytes(Buffer.from(text), key.value));
      });
      expect(status).toMatchObject({ outcome: 'refused', refusal: { kind: 'other-publisher' } });
      unchanged(status);
    });

    it('a manifest re-signed by another key under the right publisher name', async () => {
      const key = parsePrivateKey(generateEd25519().privateKeyPem);
      if (!key.ok) throw new Error(key.error);
      const status = await plug(bundles.get(v3) ?? '', async (dir) => {
        await writeFile(join(dir, BUNDLE_SIGNATURE), signBytes(await readFile(join(dir, BUNDLE_MANIFEST)), key.value));
      });
      expect(status).toMatchObject({ outcome: 'refused', refusal: { kind: 'tampered' } });
      unchanged(status);
    });

    it('and after all that, the whole bundle still installs', async () => {
      const status = await plug(bundles.get(v3) ?? '');
      expect(status).toMatchObject({ outcome: 'installed', version: v3 });
      expect(texts()).toContain('网上兼职刷单是诈骗，切勿相信');
    });
  });

  it('a stick it cannot write to is reported on screen, and playback goes on', async () => {
    const returns = join(mount, BUNDLE_DIR, 'returns', SCREEN);
    await rm(returns, { recursive: true, force: true });
    // A file where the screen's returns folder should be: every write to it fails, as on a locked stick.
    await writeFile(returns, 'in the way');
    const playing = texts();
    await writeFile(join(mount, BUNDLE_DIR, 'poke.txt'), 'plugged again');
    const notice = await until('the stick notice', () => player.runtime.state().stickNotice, 20_000);
    expect(notice.text).toContain('the returns could not be written; playback continues');
    expect(texts()).toEqual(playing);
    await rm(returns, { force: true });
  });
});
