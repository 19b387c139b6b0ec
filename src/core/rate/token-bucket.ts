/**
 * A token bucket: up to `capacity` requests at once, then `perSecond` on average. Pure:
 * the caller keeps the bucket and passes the clock.
 */
export interface Bucket {
  readonly tokens: number;
  readonly at: number;
}

export interface BucketLimits {
  readonly capacity: number;
  readonly perSecond: number;
}

export type BucketDecision =
  | { readonly ok: true; readonly bucket: Bucket }
  | { readonly ok: false; readonly bucket: Bucket; readonly retryAfterSeconds: number };

export const fullBucket = (limits: BucketLimits, nowMs: number): Bucket => ({ tokens: limits.capacity, at: nowMs });

export function takeToken(bucket: Bucket, limits: BucketLimits, nowMs: number): BucketDecision {
  // A clock that went backwards refills nothing rather than granting a fresh burst.
  const elapsed = Math.max(0, nowMs - bucket.at);
  const tokens = Math.min(limits.capacity, bucket.tokens + (elapsed / 1000) * limits.perSecond);
  const refilled = { tokens, at: Math.max(nowMs, bucket.at) };
  if (tokens >= 1) return { ok: true, bucket: { ...refilled, tokens: tokens - 1 } };
  return { ok: false, bucket: refilled, retryAfterSeconds: Math.ceil((1 - tokens) / limits.perSecond) };
}
