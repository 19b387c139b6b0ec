import type { ContentItem } from '../model/content';
import type { Targeting } from './formats';

/**
 * An item's campaign tags: its own tags, audiences and regions. The publish writes these onto
 * the published item and the fleet report groups plays by them, so both must use this one rule.
 */
export function campaignTags(item: ContentItem, targeting: Pick<Targeting, 'audience' | 'regions'>): string[] {
  const own = item.kind === 'alert' ? [] : (item.tags ?? []);
  return [...new Set([...own, ...targeting.audience, ...targeting.regions])];
}
