import { assertNever } from '../assert-never';
import type { WindowPlacement } from '../model/config';

/**
 * Where the kiosk window goes, from the config and the displays connected right now.
 * Recomputed whenever a display is added, removed or changes resolution.
 */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DisplayInfo {
  readonly id: number;
  readonly bounds: Rect;
  readonly scaleFactor: number;
}

export type PlacementDecision =
  | { readonly kind: 'fullscreen'; readonly displayId: number | null; readonly bounds: Rect; readonly warnings: readonly string[] }
  | { readonly kind: 'rect'; readonly bounds: Rect; readonly warnings: readonly string[] };

const FALLBACK_BOUNDS: Rect = { x: 0, y: 0, width: 1280, height: 720 };

/**
 * Display numbers as the config uses them: 0 is the primary display, the others follow
 * left to right (then top to bottom), so the numbering does not depend on the order the
 * OS happens to list them in.
 */
export function orderDisplays(displays: readonly DisplayInfo[], primaryId: number): DisplayInfo[] {
  const primary = displays.filter((d) => d.id === primaryId);
  const others = displays
    .filter((d) => d.id !== primaryId)
    .sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y);
  return [...primary, ...others];
}

const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const contains = (outer: Rect, inner: Rect): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

export const sameRect = (a: Rect, b: Rect): boolean =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

function placeFullscreen(index: number, ordered: readonly DisplayInfo[]): PlacementDecision {
  const chosen = ordered[index];
  if (chosen) return { kind: 'fullscreen', displayId: chosen.id, bounds: chosen.bounds, warnings: [] };
  const primary = ordered[0];
  if (!primary) {
    return { kind: 'fullscreen', displayId: null, bounds: FALLBACK_BOUNDS, warnings: ['window: no display is connected'] };
  }
  const warning = `window.display: display ${index} is not connected (${ordered.length} found); using the primary display`;
  return { kind: 'fullscreen', displayId: primary.id, bounds: primary.bounds, warnings: [warning] };
}

function placeRect(bounds: Rect, displays: readonly DisplayInfo[]): PlacementDecision {
  const warnings: string[] = [];
  const touched = displays.filter((d) => overlaps(d.bounds, bounds));
  if (touched.length === 0) {
    warnings.push(`window: the rectangle ${describeRect(bounds)} is on no connected display`);
  } else if (!touched.some((d) => contains(d.bounds, bounds))) {
    warnings.push(`window: the rectangle ${describeRect(bounds)} is not inside one display`);
  }
  for (const d of touched) {
    if (d.scaleFactor !== 1) {
      warnings.push(
        `window: display ${d.id} is scaled to ${Math.round(d.scaleFactor * 100)}%; set OS scaling to 100% or the LED rectangle will be off`,
      );
    }
  }
  return { kind: 'rect', bounds, warnings };
}

export function decidePlacement(
  placement: WindowPlacement,
  displays: readonly DisplayInfo[],
  primaryId: number,
): PlacementDecision {
  switch (placement.mode) {
    case 'fullscreen':
      return placeFullscreen(placement.display, orderDisplays(displays, primaryId));
    case 'rect': {
      const { x, y, width, height } = placement;
      return placeRect({ x, y, width, height }, displays);
    }
    default:
      return assertNever(placement, 'window placement');
  }
}

export const describeRect = (r: Rect): string => `${r.width}×${r.height} at (${r.x}, ${r.y})`;
