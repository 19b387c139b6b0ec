import { describe, expect, it } from 'vitest';
import { decidePlacement, orderDisplays, type DisplayInfo } from '../../src/core/recovery/window-placement';

const primary: DisplayInfo = { id: 10, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 };
const right: DisplayInfo = { id: 7, bounds: { x: 1920, y: 0, width: 1080, height: 1920 }, scaleFactor: 1 };
const left: DisplayInfo = { id: 3, bounds: { x: -1280, y: 0, width: 1280, height: 720 }, scaleFactor: 1 };

describe('window placement', () => {
  it('numbers displays primary first, then left to right, whatever order the OS lists them in', () => {
    expect(orderDisplays([right, primary, left], 10).map((d) => d.id)).toEqual([10, 3, 7]);
  });

  it('covers the chosen display in fullscreen mode', () => {
    expect(decidePlacement({ mode: 'fullscreen', display: 2 }, [primary, left, right], 10)).toEqual({
      kind: 'fullscreen',
      displayId: 7,
      bounds: right.bounds,
      warnings: [],
    });
  });

  it('falls back to the primary display, with a warning, when the chosen one is unplugged', () => {
    const decision = decidePlacement({ mode: 'fullscreen', display: 1 }, [primary], 10);
    expect(decision).toMatchObject({ kind: 'fullscreen', displayId: 10, bounds: primary.bounds });
    expect(decision.warnings).toEqual(['window.display: display 1 is not connected (1 found); using the primary display']);
  });

  it('keeps the exact LED rectangle and warns about OS scaling other than 100%', () => {
    const scaled: DisplayInfo = { ...primary, scaleFactor: 1.5 };
    const decision = decidePlacement({ mode: 'rect', x: 0, y: 0, width: 192, height: 32 }, [scaled], 10);
    expect(decision.bounds).toEqual({ x: 0, y: 0, width: 192, height: 32 });
    expect(decision.warnings).toEqual([
      'window: display 10 is scaled to 150%; set OS scaling to 100% or the LED rectangle will be off',
    ]);
  });

  it('warns when the rectangle is on no display or straddles two', () => {
    const off = decidePlacement({ mode: 'rect', x: 5000, y: 5000, width: 384, height: 64 }, [primary], 10);
    expect(off.warnings).toEqual(['window: the rectangle 384×64 at (5000, 5000) is on no connected display']);
    const straddle = decidePlacement({ mode: 'rect', x: 1800, y: 0, width: 384, height: 64 }, [primary, right], 10);
    expect(straddle.warnings).toEqual(['window: the rectangle 384×64 at (1800, 0) is not inside one display']);
    const inside = decidePlacement({ mode: 'rect', x: 10, y: 1000, width: 384, height: 64 }, [primary, right], 10);
    expect(inside.warnings).toEqual([]);
  });
});
