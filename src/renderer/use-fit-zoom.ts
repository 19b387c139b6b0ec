import { useLayoutEffect, useState, type RefObject } from 'react';

/** Zoom steps tried in turn until the card's text fits; the last one is the floor. */
export const FIT_ZOOMS = [1, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6] as const;

/**
 * Shrinks a card's text until nothing overflows, before the first paint (layout effect),
 * so a long story is smaller rather than cut off. Checks the card and every `.fit-check`
 * box inside it.
 */
export function useFitZoom(ref: RefObject<HTMLElement | null>): number {
  const [step, setStep] = useState(0);
  useLayoutEffect(() => {
    const card = ref.current;
    if (!card || step >= FIT_ZOOMS.length - 1) return;
    const boxes = [card, ...Array.from(card.querySelectorAll<HTMLElement>('.fit-check'))];
    if (boxes.some((box) => box.scrollHeight > box.clientHeight + 1)) setStep(step + 1);
  }, [ref, step]);
  return FIT_ZOOMS[step] ?? 1;
}
