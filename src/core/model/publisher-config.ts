import { z } from 'zod';
import { strictObject } from './strict';

/**
 * Where a screen's group documents are: the console's published folder, the group and the
 * publisher's key. Everything else (loop, ticker, hours, languages, region, items) comes
 * from the group's signed documents, so a change in the console reaches the screen by itself.
 */
export const PublisherSettings = strictObject({
  /** The published folder's base URL, without a trailing slash (its `current/` holds the documents). */
  url: z
    .string()
    .url()
    .max(2000)
    .refine((u) => !u.endsWith('/'), 'no trailing slash')
    .refine((u) => /^https?:\/\//.test(u), 'an http(s) address'),
  /** The screen group (the console's group id). */
  group: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits or "-" (max 40)'),
  /** The publisher's Ed25519 public key (base64 SPKI or PEM): nothing unsigned is read. */
  publicKey: z.string().min(40).max(2000),
  /** How often the group's documents are checked; `feeds.pollSeconds` when absent. */
  pollSeconds: z.number().int().min(2).max(86400).optional(),
  /** Keep playing the bundled pack beside a verified feed (the feed still wins by id). */
  mergePack: z.boolean().optional(),
});
export type PublisherSettings = z.infer<typeof PublisherSettings>;
