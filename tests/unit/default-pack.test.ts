import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

  it('has at least 36 cases per locale covering every fraud type, each with a loss and a lesson', async () => {
    const items = await defaultPack();
    for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
      const cases = items.filter((i) => i.kind === 'case' && i.locale === locale);
      expect(cases.length, locale).toBeGreaterThanOrEqual(36);
      const types = new Set(cases.map((c) => (c.kind === 'case' ? c.fraudType : '')));
      expect([...FraudType.options].filter((t) => !types.has(t)), locale).toEqual([]);
    }
  });

  it('has a help slide with a hotline in every locale, and no QR code pointing at a generic homepage', async () => {
    const items = await defaultPack();
    for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
      const help = items.find((i) => i.kind === 'notice' && i.variant === 'help' && i.locale === locale);
      expect(help?.kind === 'notice' && help.text).toMatch(/110|165|18222/);
      expect(help?.kind === 'notice' && help.qr).toBeUndefined();
    }
  });

  it('has at least 3 captioned WebM warning videos of 15-40 s (VP9/Opus) in every locale', async () => {
    const videos = (await defaultPack()).filter((i) => i.kind === 'video');
    const files = new Set(videos.map((v) => (v.kind === 'video' ? v.file : '')));
    expect(files.size).toBeGreaterThanOrEqual(3);
    for (const v of videos) {
      if (v.kind !== 'video') continue;
      const onDisk = (ref: string): string => join('playlists', ref.replace(/^media\/pack\//, ''));
      const vtt = readFileSync(onDisk(v.captions ?? ''), 'utf8');
      expect(vtt.startsWith('WEBVTT'), v.id).toBe(true);
      expect(vtt.match(/-->/g)?.length ?? 0, v.id).toBeGreaterThanOrEqual(3);
    }
    for (const file of files) {
      const probe = JSON.parse(
        execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name', '-of', 'json', join('playlists', file.replace(/^media\/pack\//, ''))], { encoding: 'utf8' }),
      ) as { format: { duration: string }; streams: { codec_name: string }[] };
      const duration = Number(probe.format.duration);
      expect(duration, file).toBeGreaterThanOrEqual(15);
      expect(duration, file).toBeLessThanOrEqual(40);
      expect(probe.streams.map((s) => s.codec_name).sort(), file).toEqual(['opus', 'vp9']);
    }
  });
});
