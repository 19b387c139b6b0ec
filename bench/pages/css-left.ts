import { bar, coveringCopy, fontsReady, markReady, SPEED } from './common';

/** The naive baseline: two copies side by side, `left` animated by a CSS keyframe (layout every frame). */
const el = bar();
void fontsReady().then(() => {
  const copy = coveringCopy(el);
  const style = document.createElement('style');
  style.textContent = `@keyframes slide-left { from { left: 0; } to { left: -${copy.width}px; } }
    .left-track { position: absolute; top: 0; left: 0; white-space: pre;
      animation: slide-left ${copy.width / SPEED}s linear infinite; }`;
  document.head.append(style);
  const track = document.createElement('div');
  track.className = 'left-track';
  track.textContent = copy.text + copy.text;
  el.append(track);
  markReady();
});
