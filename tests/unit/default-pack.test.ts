import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FraudType, type ContentItem } from '../../src/core/model/content';
import { loadPlaylist } from '../../src/node/content-pack';

const PLAYLIST = 'playlists/default.playlist.json';

async function defaultPack(): Promise<readonly ContentItem[]> {
  const loaded = await loadPlaylist(PLAYLIST);
  if (!loaded.ok) throw new Error(loaded.error.join('\n'));
  expect(loaded.value.warnings).toEqual([]);
  return loaded.value.items;
}

describe('the default content pack', () => {
  it('has at least 60 slogans in each of zh-CN, zh-TW and en', async () => {
    const items = await defaultPack();
    for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
      expect(items.filter((i) => i.kind === 'slogan' && i.locale === locale).length, locale).toBeGreaterThanOrEqual(60);
    }
  });

  it('has at least 36 cases over 30+ types per locale, and every fraud type somewhere', async () => {
    const items = await defaultPack();
    const covered = new Set<string>();
    for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
      const cases = items.filter((i) => i.kind === 'case' && i.locale === locale);
      expect(cases.length, locale).toBeGreaterThanOrEqual(36);
      const types = new Set(cases.map((c) => (c.kind === 'case' ? c.fraudType : '')));
      expect(types.size, locale).toBeGreaterThanOrEqual(30);
      types.forEach((t) => covered.add(t));
    }
    // Some types belong to one region (Taiwan's fake buyer, the mainland's "million cover" call).
    expect([...FraudType.options].filter((t) => !covered.has(t))).toEqual([]);
  });

  it('has a help slide with a hotline in every locale, and no QR code pointing at a generic homepage', async () => {
    const items = await defaultPack();
    for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
      const help = items.find((i) => i.kind === 'notice' && i.variant === 'help' && i.locale === locale);
      expect(help?.kind === 'notice' && help.text).toMatch(/110|165|18222/);
      expect(help?.kind === 'notice' && help.qr).toBeUndefined();
    }
  });

  it('has at least 6 pictorial, captioned WebM videos per locale (VP9/Opus, 15-60 s, at most 1.5 MB)', async () => {
    const videos = (await defaultPack()).filter((i) => i.kind === 'video');
    const onDisk = (ref: string): string => join('playlists', ref.replace(/^media\/pack\//, ''));
    for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
      const mine = videos.filter((v) => v.locale === locale);
      const topics = new Set(mine.map((v) => v.id.replace(/-(zh-cn|zh-tw|en)(-[a-z]+)?$/, '')));
      expect(topics.size, locale).toBeGreaterThanOrEqual(6);
      // One version per locale: the file and captions are the locale's own.
      for (const v of mine) expect(v.kind === 'video' && v.file, v.id).toContain(`.${locale}.`);
    }
    for (const v of videos) {
      if (v.kind !== 'video') continue;
      const vtt = readFileSync(onDisk(v.captions ?? ''), 'utf8');
      expect(vtt.startsWith('WEBVTT'), v.id).toBe(true);
      expect(vtt.match(/-->/g)?.length ?? 0, v.id).toBeGreaterThanOrEqual(3);
      const file = onDisk(v.file);
      const probe = JSON.parse(
        execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration,size:stream=codec_name', '-of', 'json', file], { encoding: 'utf8' }),
      ) as { format: { duration: string; size: string }; streams: { codec_name: string }[] };
      const duration = Number(probe.format.duration);
      expect(duration, file).toBeGreaterThanOrEqual(15);
      expect(duration, file).toBeLessThanOrEqual(60);
      expect(Number(probe.format.size), file).toBeLessThanOrEqual(1.5 * 1024 * 1024);
      expect(probe.streams.map((s) => s.codec_name).sort(), file).toEqual(['opus', 'vp9']);
    }
  });

  it('shows each spoken sentence once: no caption sentence is drawn into the pictures', () => {
    const scripts = JSON.parse(readFileSync('playlists/pack/video-scripts.json', 'utf8')) as {
      videos: { scenes: { screen: unknown; say: Record<string, string> }[] }[];
    };
    for (const video of scripts.videos) {
      for (const scene of video.scenes) {
        const drawn = JSON.stringify(scene.screen);
        for (const sentence of Object.values(scene.say)) expect(drawn).not.toContain(sentence.slice(0, 12));
      }
    }
  });

  it('saves a video frame per locale for review, in that locale’s script', async () => {
    const videos = (await defaultPack()).filter((i) => i.kind === 'video');
    const expectations = { 'zh-CN': /[\u4e00-\u9fff]/, 'zh-TW': /[\u4e00-\u9fff]/, en: /[A-Za-z]/ } as const;
    mkdirSync('test-artifacts', { recursive: true });
    for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
      const v = videos.find((i) => i.kind === 'video' && i.locale === locale && i.id.startsWith('video-fake-refund'));
      if (v?.kind !== 'video') throw new Error(`no fake-refund video in ${locale}`);
      expect(v.title, locale).toMatch(expectations[locale]);
      const out = join('test-artifacts', `video-frame-${locale}.png`);
      const file = join('playlists', v.file.replace(/^media\/pack\//, ''));
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', '3', '-i', file, '-frames:v', '1', out]);
      expect(statSync(out).size, out).toBeGreaterThan(20_000); // a picture, not a flat background
    }
  });
});
