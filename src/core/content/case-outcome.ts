import type { CaseItem } from '../model/content';

/** What a case card shows in its money box. */
export type CaseOutcome =
  | { readonly kind: 'lost'; readonly amount: number }
  | { readonly kind: 'saved'; readonly amount: number }
  /** Nothing to count (the lesson is a legal consequence): the box is left out, never "¥0 lost". */
  | { readonly kind: 'none' };

export function caseOutcome(item: Pick<CaseItem, 'amountLost' | 'amountSaved'>): CaseOutcome {
  if (item.amountLost > 0) return { kind: 'lost', amount: item.amountLost };
  if (item.amountSaved !== undefined) return { kind: 'saved', amount: item.amountSaved };
  return { kind: 'none' };
}
