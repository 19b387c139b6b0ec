#!/usr/bin/env bash
# Renders the warning videos of the default content pack (playlists/pack/media/) from
# playlists/pack/video-scripts.json. Users never need this: the outputs are committed.
# Usage: npm run videos   (or: bash scripts/make-videos.sh [video-id-or-locale ...] to redo only some)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

missing=()
for tool in ffmpeg ffprobe fc-list node espeak-ng /usr/bin/chromium; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if command -v ffmpeg >/dev/null 2>&1; then
  encoders="$(ffmpeg -hide_banner -encoders 2>/dev/null || true)"
  grep -q 'libvpx-vp9' <<<"$encoders" || missing+=("ffmpeg encoder libvpx-vp9")
  grep -q 'libopus' <<<"$encoders" || missing+=("ffmpeg encoder libopus")
fi
if command -v fc-list >/dev/null 2>&1 && ! fc-list 'Noto Sans CJK SC' | grep -q .; then
  missing+=("font Noto Sans CJK SC")
fi
if [ ${#missing[@]} -gt 0 ]; then
  {
    echo "make-videos: cannot render the warning videos; missing:"
    printf '  - %s\n' "${missing[@]}"
    echo "On Debian/Ubuntu: sudo apt-get install ffmpeg fontconfig fonts-noto-cjk espeak-ng chromium"
    echo "(The committed videos in playlists/pack/media/ keep working without these tools.)"
  } >&2
  exit 1
fi

tsx=node_modules/.bin/tsx
[ -x "$tsx" ] || { echo "make-videos: $tsx not found; run npm install first" >&2; exit 1; }
exec "$tsx" scripts/make-videos.ts "$@"
