/**
 * Renders the pack's warning videos (WebM VP9/Opus), their WebVTT captions and posters
 * from playlists/pack/video-scripts.json, then writes playlists/pack/videos.json.
 * Run through `npm run videos` (scripts/make-videos.sh checks the tools first).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { PackFile } from '../src/core/model/pack';
import { errorMessage } from '../src/core/result';
import { chromeLines, filterGraph, layoutCard, loadCjkFace, type DrawLine, type Face, type Weight } from './make-videos-layout';
import { detectVoice, encodeVideo, narration, probe, renderPoster, writeText, type Probe, type Voice } from './make-videos-media';

const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
type Loc = (typeof LOCALES)[number];
const Localized = z.object({ 'zh-CN': z.string().min(1), 'zh-TW': z.string().min(1), en: z.string().min(1) });
const VideoScripts = z.object({
  videos: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,100}$/),
        title: Localized,
        cards: z
          .array(z.object({ seconds: z.number().positive().max(20), heading: Localized, body: Localized }))
          .min(1),
      }),
    )
    .min(1),
});
type Script = z.infer<typeof VideoScripts>['videos'][number];

const ROOT = resolve(import.meta.dirname, '..');
const PACK = join(ROOT, 'playlists/pack');
const MEDIA = join(PACK, 'media');
const INPUTS = [join(PACK, 'video-scripts.json'), join(ROOT, 'scripts/video-scripts.fallback.json')];
const MAX_BYTES = 2 * 1024 * 1024;

function loadScripts(argv: readonly string[]): { file: string; videos: readonly Script[] } {
  const i = argv.indexOf('--input');
  const explicit = i >= 0 ? argv[i + 1] : undefined;
  const file = explicit !== undefined ? resolve(explicit) : INPUTS.find((f) => existsSync(f));
  if (file === undefined) throw new Error(`no video scripts: looked for ${INPUTS.map((f) => relative(ROOT, f)).join(', ')}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${relative(ROOT, file)}: ${errorMessage(err)}`);
  }
  const parsed = VideoScripts.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((e) => `  ${e.path.join('.')}: ${e.message}`).join('\n');
    throw new Error(`${relative(ROOT, file)} is not valid:\n${issues}`);
  }
  return { file, videos: parsed.data.videos };
}

const stamp = (s: number): string => {
  const ms = Math.round(s * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
};
const vttText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One cue per card, with the card's time range: heading on the first line, body on the second. */
function captions(video: Script, locale: Loc): string {
  let t = 0;
  const cues = video.cards.map((card, i) => {
    const cue = `${i + 1}\n${stamp(t)} --> ${stamp(t + card.seconds)}\n${vttText(card.heading[locale])}\n${vttText(card.body[locale])}\n`;
    t += card.seconds;
    return cue;
  });
  return `WEBVTT\n\n${cues.join('\n')}`;
}

function timeline(video: Script): { from: number; to: number }[] {
  let t = 0;
  return video.cards.map((c) => ({ from: t, to: (t += c.seconds) }));
}

function renderOne(video: Script, faces: Record<Weight, Face>, voice: Voice, work: string): Probe {
  const spans = timeline(video);
  const total = spans[spans.length - 1]?.to ?? 0;
  if (total < 15 || total > 40) throw new Error(`${video.id}: cards add up to ${total} s; a warning video must run 15-40 s`);
  const lines: DrawLine[] = [...chromeLines(video.title['zh-CN'], spans)];
  video.cards.forEach((card, i) => {
    const span = spans[i] ?? { from: 0, to: 0 };
    const texts = [card.heading['zh-CN'], card.heading.en, card.body['zh-CN'], card.body.en] as const;
    const laid = layoutCard(texts, faces, span.from, span.to);
    if (!laid.fits) console.warn(`  ! ${video.id} card ${i + 1}: text does not fit even at the smallest size`);
    lines.push(...laid.lines);
  });
  const files = lines.map((l, i) => writeText(join(work, `${video.id}-t${i}.txt`), l.text));
  const graph = writeText(join(work, `${video.id}-graph.txt`), filterGraph(lines, files, faces, total));
  const spoken = video.cards.map((c) => ({ text: `${c.heading['zh-CN']}。${c.body['zh-CN']}`, seconds: c.seconds }));
  const audio = narration(spoken, voice, work, video.id);
  const tmp = join(work, `${video.id}.webm`);
  encodeVideo(graph, audio, total, tmp);
  renameSync(tmp, join(MEDIA, `${video.id}.webm`));
  const poster = join(work, `${video.id}.png`);
  renderPoster(graph, total, Math.min(1.5, (spans[0]?.to ?? 1) / 2), poster);
  renameSync(poster, join(MEDIA, `${video.id}.png`));
  for (const loc of LOCALES) writeFileSync(join(MEDIA, `${video.id}.${loc}.vtt`), captions(video, loc), 'utf8');
  return verify(video.id, probe(join(MEDIA, `${video.id}.webm`)));
}

function verify(id: string, p: Probe): Probe {
  const problems = [
    p.duration < 15 || p.duration > 40 ? `duration ${p.duration} s` : '',
    p.video.codec !== 'vp9' ? `video codec ${p.video.codec}` : '',
    p.audio?.codec !== 'opus' ? `audio codec ${p.audio?.codec ?? 'none'}` : '',
    p.video.width !== 1280 || p.video.height !== 720 ? `size ${p.video.width}x${p.video.height}` : '',
    p.size > MAX_BYTES ? `${p.size} bytes (limit ${MAX_BYTES})` : '',
  ].filter((s) => s !== '');
  if (problems.length > 0) throw new Error(`${id}.webm failed its check: ${problems.join(', ')}`);
  return p;
}

function writeIndex(videos: readonly Script[], probes: ReadonlyMap<string, Probe>): void {
  const items = videos.flatMap((v) =>
    LOCALES.map((locale) => ({
      kind: 'video' as const,
      id: `${v.id}-${locale.toLowerCase()}`,
      locale,
      title: v.title[locale],
      file: `media/${v.id}.webm`,
      captions: `media/${v.id}.${locale}.vtt`,
      poster: `media/${v.id}.png`,
      maxSeconds: Math.ceil(probes.get(v.id)?.duration ?? 40) + 10,
    })),
  );
  const index = PackFile.parse({ $schema: '../../schema/pack.schema.json', items });
  writeFileSync(join(PACK, 'videos.json'), `${JSON.stringify(index, null, 2)}\n`, 'utf8');
}

function main(): void {
  const { file, videos } = loadScripts(process.argv.slice(2));
  const voice = detectVoice();
  console.log(`make-videos: ${videos.length} video(s) from ${relative(ROOT, file)}; audio: ${voice === 'espeak-cmn' ? 'espeak-ng Mandarin voice' : 'chime (espeak-ng cmn voice not available)'}`);
  mkdirSync(MEDIA, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'make-videos-'));
  try {
    const faces = { Bold: loadCjkFace('Bold', work), Regular: loadCjkFace('Regular', work) };
    const probes = new Map<string, Probe>();
    for (const video of videos) {
      const p = renderOne(video, faces, voice, work);
      probes.set(video.id, p);
      console.log(`  ✓ media/${video.id}.webm  ${p.duration.toFixed(2)} s  ${(p.size / 1024).toFixed(0)} KiB  ${p.video.codec} ${p.video.width}x${p.video.height}@${p.video.fps} + ${p.audio?.codec ?? '-'}  (+ .png, .zh-CN/.zh-TW/.en.vtt)`);
    }
    writeIndex(videos, probes);
    console.log(`make-videos: wrote ${relative(ROOT, join(PACK, 'videos.json'))} (${videos.length * LOCALES.length} items)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  console.error(`make-videos: ${errorMessage(err)}`);
  process.exit(1);
}
