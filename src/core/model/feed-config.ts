import { z } from 'zod';

export const FeedKind = z.enum(['slogan', 'case', 'video', 'alert', 'notice']);
export type FeedKind = z.infer<typeof FeedKind>;

export const FeedSource = z.object({
  url: z.string().url(),
  /** Kind of the items that carry no recognised category. */
  defaultKind: FeedKind.default('slogan'),
  /** Allow plain http for this feed's host (a school intranet, say). */
  allowHttp: z.boolean().default(false),
});
export type FeedSource = z.infer<typeof FeedSource>;

export const FeedSettings = z.object({
  sources: z.array(FeedSource).default([]),
  pollSeconds: z.number().int().min(15).max(86400).default(300),
});
export type FeedSettings = z.infer<typeof FeedSettings>;
