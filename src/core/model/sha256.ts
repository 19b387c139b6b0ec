import { z } from 'zod';

/** A SHA-256 digest as 64 lower-case hex digits: media names, snapshot entries, play-log chains. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case SHA-256 in hex');
export type Sha256Hex = z.infer<typeof Sha256Hex>;

export const isSha256Hex = (text: string): text is Sha256Hex => Sha256Hex.safeParse(text).success;
