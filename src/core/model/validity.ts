import { z } from 'zod';
import { assertNever } from '../assert-never';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day of the year as MM-DD');

/**
 * When an item may be shown: a date window, a yearly season (may cross new year), or always.
 * Published with the item and judged by each screen with its own clock, so a screen that
 * stays offline still drops an expired item and starts a season on its first day.
 */
export const Validity = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('always') }),
  z.strictObject({ type: z.literal('window'), from: IsoDate.optional(), until: IsoDate.optional() }),
  z.strictObject({ type: z.literal('season'), from: MonthDay, until: MonthDay }),
]);
export type Validity = z.infer<typeof Validity>;

/** Whether a validity allows a local date (YYYY-MM-DD); a season may cross the new year. */
export function validOn(validity: Validity, date: string): boolean {
  switch (validity.type) {
    case 'always':
      return true;
    case 'window':
      return (!validity.from || date >= validity.from) && (!validity.until || date <= validity.until);
    case 'season': {
      const day = date.slice(5);
      return validity.from <= validity.until
        ? day >= validity.from && day <= validity.until
        : day >= validity.from || day <= validity.until;
    }
    default:
      return assertNever(validity, 'validity');
  }
}
