/**
 * Renders the pack's warning videos from playlists/pack/video-scripts.json: one version
 * per locale (and per region where the end card's hotlines differ), each a sequence of
 * pictorial phone screens drawn as HTML and rendered with the system Chromium, narrated by
 * espeak-ng at its normal rate. Every sentence appears once, in the captions (WebVTT);
 * the pictures carry no sentence of their own. Writes WebM, VTT, PNG posters and
 * playlists/pack/videos.json. Run through `npm run videos` (make-videos.sh checks tools).
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { hotlinesFor } from '../src/core/content/hotlines';
import { PackFile } from '../src/core/model/pack';
import { errorMessage } from '../src/core/result';
import type { Region } from '../src/core/model/region';
import { hotlineLabel } from '../src/renderer/strings';
import { endHtml, forVariant, renderStill, sceneHtml, type L, type Loc, type Screen } from './make-videos-frames';
import { encodeStills, ffmpeg, probe, speak, type Probe, type Segment, type Voice } from './make-videos-media';

interface Scene {
  readonly screen: Screen;
  readonly say: L;
  readonly stamp?: L;
}
interface Script {
  readonly id: string;
  readonly title: L;
  readonly scenes: readonly Scene[];
}
interface Scripts {
  readonly videos: readonly Script[];
  readonly endCard: { readonly title: L; readonly say: Readonly<Record<Region, L>> };
}

const ROOT = resolve(import.meta.dirname, '..');
const PACK = join(ROOT, 'playlists/pack');
const MEDIA = join(PACK, 'media');
const MAX_BYTES = 1.5 * 1024 * 1024;

/** Which regions each locale's screens stand in, so each gets its own end card. */
const VARIANTS: readonly { readonly locale: Loc; readonly region: Region; readonly voice: Voice }[] = [
  { locale: 'zh-CN', region: 'cn', voice: 'cmn' },
  { locale: 'zh-TW', region: 'tw', voice: 'cmn' },
  { locale: 'zh-TW', region: 'hk', voice: 'yue' },
  { locale: 'zh-HK', region: 'hk', voice: 'yue' },
  { locale: 'en', region: 'cn', voice: 'en-us' },
  { locale: 'en', region: 'tw', voice: 'en-us' },
  { locale: 'en', region: 'hk', voice: 'en-us' },
];
/** The first region listed for a locale keeps the plain id (`video-x-zh-cn`). */
const isDefault = (locale: Loc, region: Region): boolean => VARIANTS.find((v) => v.locale === locale)?.region === region;

const stamp = (s: number): string => {
  const ms = Math.round(s * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
};
const vttText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function captions(sentences: readonly { text: string; seconds: number }[]): string {
  let t = 0;
  const cues = sentences.map((s, i) => {
    const cue = `${i + 1}\n${stamp(t + 0.2)} --> ${stamp(t + s.seconds - 0.1)}\n${vttText(s.text)}\n`;
    t += s.seconds;
    return cue;
  });
  return `WEBVTT\n\n${cues.join('\n')}`;
}

interface Rendered {
  readonly base: string;
  readonly probe: Probe;
}

/** A locale renders only the videos its script has been written for (zh-HK: three so far). */
const hasLocale = (video: Script, locale: Loc): boolean => typeof (video.title as Partial<L>)[locale] === 'string';

async function renderVariant(browser: Browser, source: Script, all: Scripts, variant: (typeof VARIANTS)[number], work: string): Promise<Rendered> {
  const { locale, region, voice } = variant;
  const video = forVariant(source, locale, region);
  const scripts = forVariant(all, locale, region);
  const base = `${video.id}.${locale}.${region}`;
  const title = video.title[locale];
  const stills = video.scenes.map((s) => sceneHtml(title, s.screen, locale, s.stamp?.[locale]));
  const hotlines = hotlinesFor(region).map((h) => ({ label: hotlineLabel(locale, region, h.role), number: h.number }));
  stills.push(endHtml(title, { title: scripts.endCard.title[locale], hotlines }, locale));
  const said = [...video.scenes.map((s) => s.say[locale]), scripts.endCard.say[region][locale]];
  const segments: Segment[] = [];
  for (const [i, html] of stills.entries()) {
    const still = join(work, `${base}-${i}.png`);
    await renderStill(browser, html, still);
    const voiceFile = join(work, `${base}-${i}.wav`);
    const spoken = speak(said[i] ?? '', voice, voiceFile);
    segments.push({ still, voice: voiceFile, seconds: Math.max(4, Math.ceil((spoken + 1.1) * 10) / 10) });
  }
  const tmp = join(work, `${base}.webm`);
  encodeStills(segments, tmp);
  renameSync(tmp, join(MEDIA, `${base}.webm`));
  writeFileSync(join(MEDIA, `${base}.vtt`), captions(said.map((text, i) => ({ text, seconds: segments[i]?.seconds ?? 0 }))), 'utf8');
  // The poster is the first still as a JPEG: a PNG of the same picture is four times larger.
  ffmpeg(['-i', segments[0]?.still ?? '', '-q:v', '4', join(MEDIA, `${video.id}.${locale}.jpg`)]);
  const p = probe(join(MEDIA, `${base}.webm`));
  if (p.size > MAX_BYTES) throw new Error(`${base}.webm is ${p.size} bytes (limit ${MAX_BYTES})`);
  if (p.video.codec !== 'vp9' || p.audio?.codec !== 'opus') throw new Error(`${base}.webm: ${p.video.codec}/${p.audio?.codec ?? 'none'}`);
  return { base, probe: p };
}

function writeIndex(videos: readonly Script[], done: ReadonlyMap<string, Probe>): void {
  const items = videos.flatMap((v) =>
    VARIANTS.filter(({ locale, region }) => hasLocale(v, locale) && done.has(`${v.id}.${locale}.${region}`)).map(({ locale, region }) => ({
      kind: 'video' as const,
      id: `${v.id}-${locale.toLowerCase()}${isDefault(locale, region) ? '' : `-${region}`}`,
      locale,
      regions: [region],
      title: v.title[locale],
      file: `media/${v.id}.${locale}.${region}.webm`,
      captions: `media/${v.id}.${locale}.${region}.vtt`,
      poster: `media/${v.id}.${locale}.jpg`,
      maxSeconds: Math.ceil(done.get(`${v.id}.${locale}.${region}`)?.duration ?? 60) + 10,
    })),
  );
  const index = PackFile.parse({ $schema: '../../schema/pack.schema.json', items });
  writeFileSync(join(PACK, 'videos.json'), `${JSON.stringify(index, null, 2)}\n`, 'utf8');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const scripts = JSON.parse(readFileSync(join(PACK, 'video-scripts.json'), 'utf8')) as Scripts;
  mkdirSync(MEDIA, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'make-videos-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const done = new Map<string, Probe>();
  try {
    for (const video of scripts.videos) {
      for (const variant of VARIANTS.filter((x) => hasLocale(video, x.locale))) {
        const base = `${video.id}.${variant.locale}.${variant.region}`;
        if (only.length > 0 && !only.some((o) => base.includes(o))) {
          if (existsMedia(base)) done.set(base, probe(join(MEDIA, `${base}.webm`)));
          continue;
        }
        const r = await renderVariant(browser, video, scripts, variant, work);
        done.set(r.base, r.probe);
        console.log(`  ✓ media/${r.base}.webm  ${r.probe.duration.toFixed(1)} s  ${(r.probe.size / 1024).toFixed(0)} KiB`);
      }
    }
    writeIndex(scripts.videos, done);
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function existsMedia(base: string): boolean {
  try {
    readFileSync(join(MEDIA, `${base}.vtt`));
    return true;
  } catch {
    return false;
  }
}

main().catch((err: unknown) => {
  console.error(`make-videos: ${errorMessage(err)}`);
  process.exit(1);
});
