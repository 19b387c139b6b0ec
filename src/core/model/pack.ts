import { z } from 'zod';
import { strictObject } from './strict';
import { ContentItem } from './content';

/** One file of a content pack: a list of items. Several files make a pack. */
export const PackFile = strictObject({
  $schema: z.string().optional(),
  items: z.array(ContentItem),
});
export type PackFile = z.infer<typeof PackFile>;
