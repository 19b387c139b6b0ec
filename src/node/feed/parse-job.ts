import { mapFeed, type MapOptions, type MapResult } from '../../core/feed/map-items';
import type { RawFeed } from '../../core/feed/raw-item';
import { ok, type Result } from '../../core/result';
import { parseFeedBytes } from './parse-feed';

/** The feed without its items: what is left once the items are mapped. */
export type FeedHead = Omit<RawFeed, 'items' | 'rejected'>;

/** What one parse produces: small, plain data, so it crosses a thread as one string. */
export interface ParseOutput {
  readonly feed: FeedHead;
  readonly mapped: MapResult;
  readonly charset: string;
  /** The signed manifest's text and signature, when the body was a signed envelope. */
  readonly embedded?: { readonly manifest: string; readonly signature: string };
}

/** Everything the parse needs, as structured-clone-able data. */
export interface ParseInput {
  readonly bytes: Uint8Array;
  readonly contentType: string | undefined;
  readonly map: MapOptions;
}

/** Decode, parse and map one feed body; runs in the parser worker (or inline in tests). */
export async function runParseJob(input: ParseInput): Promise<Result<ParseOutput>> {
  const parsed = await parseFeedBytes(input.bytes, input.contentType);
  if (!parsed.ok) return parsed;
  const { feed, charset, embedded } = parsed.value;
  const { items: _items, rejected: _rejected, ...head } = feed;
  return ok({
    feed: head,
    mapped: mapFeed(feed, input.map),
    charset,
    ...(embedded ? { embedded: { manifest: embedded.data.toString('utf8'), signature: embedded.signature } } : {}),
  });
}

/** The same job on this thread: for tools and tests that parse trusted or tiny inputs. */
export const parseInline = (input: ParseInput): Promise<Result<ParseOutput>> => runParseJob(input);
