import { z } from 'zod';
import { ContentItem } from './content';

/** One file of a content pack: a list of items. Several files make a pack. */
export const PackFile = z.object({
  $schema: z.string().optional(),
  items: z.array(ContentItem),
});
export type PackFile = z.infer<typeof PackFile>;
