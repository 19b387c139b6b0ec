// The e2e tests' PNG decoder, shared; the bench adds the dark-area measure it needs.
import type { Rgba } from '../../tests/e2e/helpers/png';

export { decodePng, type Rgba } from '../../tests/e2e/helpers/png';

/** Share of the pixels inside `box` that are near-black (every channel under `level`). */
export function darkFraction(image: Rgba, box: { x: number; y: number; width: number; height: number }, level = 24): number {
  let dark = 0;
  let total = 0;
  const x1 = Math.min(image.width, box.x + box.width);
  const y1 = Math.min(image.height, box.y + box.height);
  for (let y = Math.max(0, box.y); y < y1; y++) {
    for (let x = Math.max(0, box.x); x < x1; x++) {
      const i = (y * image.width + x) * 4;
      total++;
      if (image.data[i]! < level && image.data[i + 1]! < level && image.data[i + 2]! < level) dark++;
    }
  }
  return total === 0 ? 0 : dark / total;
}
