/**
 * The naive stage: one <video> whose src is swapped on `ended`, the way a first attempt
 * at a signage loop is usually written.
 */
const clips = (new URLSearchParams(window.location.search).get('clips') ?? '').split(',').filter(Boolean);
const video = document.querySelector('video');
let index = 0;
if (video && clips.length > 0) {
  const next = (): void => {
    video.src = clips[index % clips.length] ?? '';
    index++;
    void video.play();
  };
  video.addEventListener('ended', next);
  next();
  document.documentElement.dataset.ready = '1';
}
