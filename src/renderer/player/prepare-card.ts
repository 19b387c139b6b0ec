import type { Locale } from '../../core/model/content';
import { uiStrings } from '../strings';
import type { CardMedia, CardStep } from './stage-runner';
import { decodeImage, qrDataUrl } from './qr';

/**
 * Everything a card needs decoded before it replaces what is on screen. An image that
 * will not decode is left out rather than shown broken; the text still carries the card.
 */
export async function prepareCard(step: CardStep): Promise<CardMedia> {
  const fonts = loadFonts(step.item.locale, cardText(step));
  if (step.type === 'case') {
    await fonts;
    return { qr: undefined, image: undefined };
  }
  const { qr, image } = step.item;
  const [qrUrl, imageUrl] = await Promise.all([
    qr === undefined ? undefined : qrDataUrl(qr),
    image === undefined ? undefined : decodeImage(image).then(() => image, () => undefined),
    fonts,
  ]);
  return { qr: qrUrl, image: imageUrl };
}

const FONT_VARIABLE: Readonly<Record<Locale, string>> = { 'zh-CN': '--font-sc', 'zh-TW': '--font-tc', en: '--font-en' };

/** The card's own text and the fixed labels around it. */
function cardText(step: CardStep): string {
  const item: Readonly<Record<string, unknown>> = step.item;
  const own = Object.values(item).filter((v): v is string => typeof v === 'string');
  const labels = Object.values(uiStrings(step.item.locale)).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v)));
  return [...own, ...labels, '0123456789.,¥'].join('');
}

/**
 * The CJK fonts come in many unicode-range slices, fetched when a glyph first shows. Loading
 * the slices a card needs while the previous item is on screen keeps that fetch out of the
 * swap, which would otherwise hold the card back by hundreds of ms (or show it in a fallback
 * face first). A font that fails to load is not a reason to skip the card.
 */
async function loadFonts(locale: Locale, text: string): Promise<void> {
  const family = getComputedStyle(document.documentElement).getPropertyValue(FONT_VARIABLE[locale]).trim() || 'sans-serif';
  await Promise.all([400, 700].map((weight) => document.fonts.load(`${weight} 16px ${family}`, text))).catch(() => undefined);
}
