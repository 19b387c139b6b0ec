import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FPS, HEIGHT, WIDTH } from './make-videos-layout';

/** Runs a tool and throws with its stderr tail, so a failed step names itself. */
export function run(cmd: string, args: readonly string[]): string {
  const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.error) throw new Error(`${cmd}: ${res.error.message}`);
  if (res.status !== 0) {
    const tail = (res.stderr ?? '').trim().split('\n').slice(-12).join('\n');
    throw new Error(`${cmd} ${args.slice(0, 6).join(' ')} … exited ${res.status}\n${tail}`);
  }
  return res.stdout ?? '';
}

const FFMPEG_QUIET = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];
const BITEXACT = ['-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact', '-map_metadata', '-1'];

export function ffmpeg(args: readonly string[]): void {
  run('ffmpeg', [...FFMPEG_QUIET, ...args]);
}

export interface Probe {
  readonly duration: number;
  readonly size: number;
  readonly video: { readonly codec: string; readonly width: number; readonly height: number; readonly fps: string };
  readonly audio: { readonly codec: string; readonly channels: number; readonly bitRate: string } | undefined;
}

export function probe(file: string): Probe {
  const out = run('ffprobe', [
    '-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file,
  ]);
  const j = JSON.parse(out) as {
    format: { duration: string; size: string };
    streams: { codec_type: string; codec_name: string; width?: number; height?: number; r_frame_rate?: string; channels?: number; bit_rate?: string }[];
  };
  const v = j.streams.find((s) => s.codec_type === 'video');
  const a = j.streams.find((s) => s.codec_type === 'audio');
  return {
    duration: Number(j.format.duration),
    size: Number(j.format.size),
    video: { codec: v?.codec_name ?? 'none', width: v?.width ?? 0, height: v?.height ?? 0, fps: v?.r_frame_rate ?? '?' },
    audio: a && { codec: a.codec_name, channels: a.channels ?? 0, bitRate: a.bit_rate ?? '?' },
  };
}

export type Voice = 'espeak-cmn' | 'chime';

/** espeak-ng's Mandarin voice when it is installed, else a soft chime per card. */
export function detectVoice(): Voice {
  try {
    const voices = execFileSync('espeak-ng', ['--voices=cmn'], { encoding: 'utf8' });
    return /\bcmn\b/.test(voices) ? 'espeak-cmn' : 'chime';
  } catch {
    return 'chime';
  }
}

// espeak reads "96110" as a quantity (nine ten-thousand six thousand …); hotlines are
// said digit by digit.
const spoken = (text: string): string => text.replace(/\d{3,}/g, (d) => [...d].join(' '));

function speak(text: string, budget: number, file: string): void {
  const say = (rate: number) => run('espeak-ng', ['-v', 'cmn', '-s', String(rate), '-w', file, spoken(text)]);
  say(175);
  const seconds = probe(file).duration;
  // Speed up rather than cut the sentence; past ~420 wpm espeak turns unintelligible.
  if (seconds > budget) say(Math.min(420, Math.ceil((175 * seconds) / budget)));
}

/** One card's audio, exactly `seconds` long, mono 48 kHz. */
function cardAudio(text: string, seconds: number, voice: Voice, base: string): string {
  const out = `${base}.wav`;
  const shape = `aresample=48000,aformat=channel_layouts=mono,apad,atrim=end=${seconds},afade=t=out:st=${seconds - 0.15}:d=0.15`;
  if (voice === 'espeak-cmn') {
    const raw = `${base}-voice.wav`;
    speak(text, seconds - 0.45, raw);
    ffmpeg(['-i', raw, '-af', `adelay=250:all=1,${shape}`, out]);
  } else {
    const chime = 'sine=frequency=660:duration=0.8:sample_rate=48000';
    ffmpeg(['-f', 'lavfi', '-i', chime, '-af', `volume=0.6,afade=t=out:st=0.05:d=0.75,${shape}`, out]);
  }
  return out;
}

/** The narration track: one segment per card, concatenated. */
export function narration(
  cards: readonly { readonly text: string; readonly seconds: number }[],
  voice: Voice,
  workDir: string,
  id: string,
): string {
  const parts = cards.map((c, i) => cardAudio(c.text, c.seconds, voice, join(workDir, `${id}-a${i}`)));
  const out = join(workDir, `${id}-narration.wav`);
  const inputs = parts.flatMap((p) => ['-i', p]);
  const pads = parts.map((_, i) => `[${i}:a]`).join('');
  ffmpeg([...inputs, '-filter_complex', `${pads}concat=n=${parts.length}:v=0:a=1[a]`, '-map', '[a]', out]);
  return out;
}

function sources(total: number): string[] {
  const bg = `color=c=0x0B1633:s=${WIDTH}x${HEIGHT}:r=${FPS}:d=${total}`;
  const bar = `color=c=0xFFB300:s=${WIDTH}x8:r=${FPS}:d=${total}`;
  return ['-f', 'lavfi', '-i', bg, '-f', 'lavfi', '-i', bar];
}

/** VP9 at constant quality (static text compresses to almost nothing) + Opus voice. */
export function encodeVideo(graphFile: string, audio: string, total: number, out: string): void {
  ffmpeg([
    ...sources(total), '-i', audio,
    '-filter_complex_script', graphFile, '-map', '[v]', '-map', '2:a',
    '-c:v', 'libvpx-vp9', '-crf', '40', '-b:v', '0', '-deadline', 'good', '-cpu-used', '4',
    '-row-mt', '1', '-threads', '2', '-g', String(FPS * 5), '-pix_fmt', 'yuv420p',
    '-c:a', 'libopus', '-b:a', '40k', '-ac', '1', '-ar', '48000',
    ...BITEXACT, '-t', String(total), '-f', 'webm', out,
  ]);
}

/** The poster is rendered from the filtergraph itself, not from the lossy video. */
export function renderPoster(graphFile: string, total: number, at: number, out: string): void {
  ffmpeg([
    ...sources(total), '-filter_complex_script', graphFile, '-map', '[v]',
    '-ss', String(at), '-frames:v', '1', ...BITEXACT, '-f', 'image2', '-c:v', 'png', out,
  ]);
}

export function writeText(file: string, text: string): string {
  writeFileSync(file, text, 'utf8');
  return file;
}
