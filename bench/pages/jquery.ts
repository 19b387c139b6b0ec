import $ from 'jquery';
import 'jquery.marquee';
import { bar, fontsReady, markReady, SPEED, TEXT, textWidth } from './common';

interface JQueryLike {
  (el: HTMLElement): { marquee(options: object): void };
  trim?: (s: unknown) => string;
}
// jquery.marquee 1.6 still calls $.trim, which jQuery 4 removed.
const jq = $ as JQueryLike;
jq.trim ??= (s) => String(s ?? '').trim();

const el = bar();
void fontsReady().then(() => {
  // The plugin's `speed` option stretches the loop with the container width; give it the
  // duration that moves the text at exactly SPEED px/s instead (it halves it when duplicated).
  const textPx = textWidth(el, TEXT);
  const container = el.clientWidth;
  const duration = ((2 * textPx) / SPEED) * 1000 * (container / (textPx + container));
  el.textContent = TEXT;
  jq(el).marquee({
    duration,
    gap: 0,
    duplicated: true,
    startVisible: true,
    allowCss3Support: true,
    css3easing: 'linear',
    delayBeforeStart: 0,
  });
  markReady();
});
