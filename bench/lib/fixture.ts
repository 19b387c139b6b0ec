import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { SloganItem } from '../../src/core/model/content';

const run = promisify(execFile);

/** Distinct, clearly non-black colours: a black frame can never be mistaken for content. */
const CLIP_COLOURS = ['0x2060c0', '0xc03030', '0x30a040', '0xc08020'] as const;
export const CLIP_FPS = 60;
export const CLIP_SECONDS = 1;

export interface Fixture {
  readonly dir: string;
  /** Absolute paths of the generated clips. */
  readonly clips: readonly string[];
  writeConfig(name: string, playlist: object, extra?: object): Promise<string>;
  cleanup(): Promise<void>;
}

async function makeClip(file: string, colour: string): Promise<void> {
  // A moving box keeps every frame different, so each one is really decoded and presented.
  await run('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `color=c=${colour}:s=640x360:r=${CLIP_FPS}:d=${CLIP_SECONDS}`,
    '-f', 'lavfi', '-i', `color=c=0xf0f0f0:s=80x80:r=${CLIP_FPS}`,
    '-filter_complex', "[0][1]overlay=x='mod(t*480\\,560)':y=140:shortest=1",
    '-c:v', 'libvpx-vp9', '-b:v', '300k', '-deadline', 'realtime', '-cpu-used', '8', '-pix_fmt', 'yuv420p', '-an',
    file,
  ]);
}

/**
 * A temp folder holding a content pack for the bench (the bench slogans, generated clips,
 * the bundled cases and slides) and, per scenario, a playlist and a device config.
 */
export async function createFixture(appRoot: string, slogans: readonly SloganItem[]): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-bench-'));
  const pack = join(dir, 'pack');
  await mkdir(join(pack, 'media'), { recursive: true });
  const clips = CLIP_COLOURS.map((_, i) => join(pack, 'media', `clip-${i}.webm`));
  await Promise.all(clips.map((file, i) => makeClip(file, CLIP_COLOURS[i] ?? '0x808080')));
  await writeFile(join(pack, 'slogans.json'), JSON.stringify({ items: slogans }));
  await writeFile(
    join(pack, 'clips.json'),
    JSON.stringify({
      items: clips.map((_, i) => ({
        kind: 'video', id: `clip-${i}`, locale: 'zh-CN', title: `Bench clip ${i}`, file: `media/clip-${i}.webm`, maxSeconds: 10,
      })),
    }),
  );
  await copyFile(resolve(appRoot, 'playlists/pack/cases.json'), join(pack, 'cases.json'));
  await copyFile(resolve(appRoot, 'playlists/pack/slides.json'), join(pack, 'slides.json'));
  return {
    dir,
    clips,
    async writeConfig(name, playlist, extra = {}) {
      const playlistPath = join(dir, `${name}.playlist.json`);
      await writeFile(playlistPath, JSON.stringify({ name: `bench ${name}`, locales: ['zh-CN', 'en'], ...playlist }, null, 2));
      const configPath = join(dir, `${name}.config.json`);
      await writeFile(configPath, JSON.stringify({ screenId: `bench-${name}`, playlist: playlistPath, ...extra }, null, 2));
      return configPath;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export const TICKER = (speed: number): object => ({ sources: [{ type: 'slogans' }], speed });
