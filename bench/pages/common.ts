/** What every ticker page shares: the same text, speed, font and bar geometry. */
declare const __BENCH_TEXT__: string;
declare const __BENCH_SPEED__: number;

export const TEXT: string = __BENCH_TEXT__;
export const SPEED: number = __BENCH_SPEED__;
export const params = new URLSearchParams(window.location.search);

/** The ticker bar: a strip window is all bar; a big screen has an 80 px bar at the bottom. */
export function bar(): HTMLElement {
  const el = document.getElementById('bar');
  if (!el) throw new Error('no #bar');
  const height = window.innerHeight < 200 ? window.innerHeight : 80;
  el.style.height = `${height}px`;
  el.style.lineHeight = `${height}px`;
  return el;
}

/** The system CJK font is installed on the bench machine; waiting for it keeps widths exact. */
export async function fontsReady(): Promise<void> {
  await document.fonts.load(`48px "Noto Sans CJK SC"`, TEXT);
  await document.fonts.ready;
}

export function markReady(): void {
  document.documentElement.dataset.ready = '1';
}

/** Width of `text` as laid out in the bar's font. */
export function textWidth(host: HTMLElement, text: string): number {
  const probe = document.createElement('span');
  probe.style.whiteSpace = 'pre';
  probe.textContent = text;
  host.append(probe);
  const width = probe.getBoundingClientRect().width;
  probe.remove();
  return width;
}

/** The line repeated until it covers the bar, the way a seamless loop needs it. */
export function coveringCopy(host: HTMLElement): { text: string; width: number } {
  const one = textWidth(host, TEXT);
  const repeats = Math.max(1, Math.ceil(host.clientWidth / Math.max(1, one)));
  const text = TEXT.repeat(repeats);
  return { text, width: textWidth(host, text) };
}
