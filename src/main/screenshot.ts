import type { WebContents } from 'electron';

/** The fleet's `screenshot` answer must fit one MQTT message: a JPEG of at most 200 KB. */
export const MAX_SCREENSHOT_BYTES = 200_000;

/**
 * What the screen shows now, as a JPEG: downscaled to at most 1280 px wide, then the
 * quality lowered until it fits. Undefined when the page cannot be captured.
 */
export async function captureJpeg(wc: WebContents | undefined): Promise<Uint8Array | undefined> {
  if (!wc || wc.isDestroyed()) return undefined;
  const image = await wc.capturePage();
  const { width } = image.getSize();
  const scaled = width > 1280 ? image.resize({ width: 1280, quality: 'good' }) : image;
  for (const quality of [80, 65, 50, 35, 20]) {
    const jpeg = scaled.toJPEG(quality);
    if (jpeg.byteLength <= MAX_SCREENSHOT_BYTES) return jpeg;
  }
  const small = scaled.resize({ width: 640 }).toJPEG(30);
  return small.byteLength <= MAX_SCREENSHOT_BYTES ? small : undefined;
}
