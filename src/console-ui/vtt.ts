/**
 * A light WebVTT check for the captions editor: the header, and each cue's timing line
 * (start before end, times well formed). Returns the first problem with its line number.
 */
const TIME = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;

function seconds(stamp: string): number | null {
  const m = TIME.exec(stamp);
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

export function checkVtt(text: string): string | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) return 'line 1: must start with "WEBVTT"';
  let cues = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.includes('-->')) continue;
    const [start = '', rest = ''] = line.split('-->').map((s) => s.trim());
    const end = rest.split(/\s+/)[0] ?? '';
    const from = seconds(start);
    const to = seconds(end);
    if (from === null || to === null) return `line ${i + 1}: times as 00:00:01.000 --> 00:00:04.000`;
    if (to <= from) return `line ${i + 1}: the cue ends before it starts`;
    if (!(lines[i + 1] ?? '').trim()) return `line ${i + 2}: a cue needs text`;
    cues++;
  }
  return cues === 0 ? 'no cues: add a time line and its text' : null;
}

export const VTT_TEMPLATE = 'WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n\n';
