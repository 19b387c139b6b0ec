import QRCode from 'qrcode';

const cache = new Map<string, Promise<string>>();

/**
 * A QR code drawn locally as an SVG data URL (never fetched from a QR service). Black on
 * white with a quiet zone, so phones read it off a TV at a distance.
 */
export function qrDataUrl(payload: string): Promise<string> {
  const known = cache.get(payload);
  if (known) return known;
  const made = QRCode.toString(payload, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  }).then((svg) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
  cache.set(payload, made);
  made.catch(() => cache.delete(payload));
  return made;
}

/** Resolves once an image URL is decoded, so swapping it in paints in one frame. */
export async function decodeImage(src: string): Promise<void> {
  const image = new Image();
  image.src = src;
  await image.decode();
}
