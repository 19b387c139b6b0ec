/**
 * Pure maths of the seamless ticker. One "copy" is the line text repeated until it is at
 * least as wide as the viewport; the track holds copies side by side and slides left by
 * exactly one copy's width per loop, so the end of a loop looks like its start.
 */
export function lineText(segments: readonly string[], separator: string): string {
  const parts = segments.map((s) => s.trim()).filter((s) => s.length > 0);
  return parts.length === 0 ? '' : parts.join(separator) + separator;
}

/** How many times a line of `lineWidth` px must repeat in one copy to cover `viewportWidth`. */
export function repeatsToCover(lineWidth: number, viewportWidth: number): number {
  if (!(lineWidth > 0)) return 1;
  return Math.max(1, Math.ceil(viewportWidth / lineWidth));
}

/**
 * The copies to lay out for the next loop. In steady state [A, A]; when new text B is
 * waiting, [A, B, B]: the loop slides past A while B enters from the right, and its end
 * looks exactly like the start of a steady [B, B] loop, so the switch has no jump.
 */
export function copiesForLoop(current: string, next: string): readonly string[] {
  return current === next ? [current, current] : [current, next, next];
}
