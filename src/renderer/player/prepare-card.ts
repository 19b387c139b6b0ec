import type { CardMedia, CardStep } from './stage-runner';
import { decodeImage, qrDataUrl } from '../../web/qr';

/**
 * Everything a card needs decoded before it replaces what is on screen. An image that
 * will not decode is left out rather than shown broken; the text still carries the card.
 */
export async function prepareCard(step: CardStep): Promise<CardMedia> {
  if (step.type === 'case') return { qr: undefined, image: undefined };
  const { qr, image } = step.item;
  const [qrUrl, imageUrl] = await Promise.all([
    qr === undefined ? undefined : qrDataUrl(qr),
    image === undefined ? undefined : decodeImage(image).then(() => image, () => undefined),
  ]);
  return { qr: qrUrl, image: imageUrl };
}
