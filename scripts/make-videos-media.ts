import { spawnSync } from 'node:child_process';

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

/** espeak-ng voices: Mandarin for zh-CN and Taiwan, Cantonese for Hong Kong, English. */
export type Voice = 'cmn' | 'yue' | 'en-us';

// espeak reads "96110" as a quantity (nine ten-thousand six thousand …); hotlines are
// said digit by digit. Amounts keep their grouping commas and are read as numbers.
const spoken = (text: string): string => text.replace(/(?<![\d,])\d{3,}(?![\d,])/g, (d) => [...d].join(' '));

/** One sentence at espeak-ng's normal rate; the clip is as long as the speech needs. */
export function speak(text: string, voice: Voice, file: string): number {
  run('espeak-ng', ['-v', voice, '-w', file, spoken(text)]);
  return probe(file).duration;
}

export interface Segment {
  readonly still: string;
  readonly voice: string;
  readonly seconds: number;
}

/**
 * Stills with their narration, each held as long as its sentence plus a breath, joined
 * into one VP9/Opus WebM. Still frames at a low frame rate compress to very little.
 */
export function encodeStills(segments: readonly Segment[], out: string, fps = 5): void {
  const inputs = segments.flatMap((s) => ['-framerate', String(fps), '-loop', '1', '-t', s.seconds.toFixed(2), '-i', s.still, '-i', s.voice]);
  const parts = segments.map((s, i) => {
    const v = `[${2 * i}:v]format=yuv420p[v${i}]`;
    const a = `[${2 * i + 1}:a]aresample=48000,aformat=channel_layouts=mono,adelay=300:all=1,apad,atrim=end=${s.seconds.toFixed(2)}[a${i}]`;
    return `${v};${a}`;
  });
  const joined = segments.map((_, i) => `[v${i}][a${i}]`).join('');
  const graph = `${parts.join(';')};${joined}concat=n=${segments.length}:v=1:a=1[v][a]`;
  ffmpeg([
    ...inputs, '-filter_complex', graph, '-map', '[v]', '-map', '[a]',
    '-c:v', 'libvpx-vp9', '-crf', '42', '-b:v', '0', '-deadline', 'realtime', '-cpu-used', '8',
    '-row-mt', '1', '-threads', '2', '-g', String(fps * 10), '-pix_fmt', 'yuv420p',
    '-c:a', 'libopus', '-b:a', '32k', '-ac', '1', '-ar', '48000',
    ...BITEXACT, '-f', 'webm', out,
  ]);
}
