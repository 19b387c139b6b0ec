import type { RawMedia } from './raw-item';

export interface MediaRules {
  /** The feed's `allowHttp`: plain http media too. */
  readonly allowHttp: boolean;
  /** A publicKey is set: the signature covers a medium only through its published hash. */
  readonly requireSha256: boolean;
}

/** Strict unless told otherwise: https only, hashes optional. */
export const DEFAULT_MEDIA_RULES: MediaRules = { allowHttp: false, requireSha256: false };

function schemeProblem(raw: string, allowHttp: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not an absolute URL';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') return allowHttp ? undefined : 'plain http is not allowed for this feed (https only)';
  return `scheme ${url.protocol} is not allowed`;
}

/** Why an item may not use this medium, or undefined; decided when the item is mapped. */
export function mediaRefusal(medium: RawMedia, rules: MediaRules): string | undefined {
  const problem =
    schemeProblem(medium.url, rules.allowHttp) ??
    (rules.requireSha256 && !medium.sha256 ? 'a signed feed must give every medium its SHA-256' : undefined);
  return problem ? `medium "${medium.url.slice(0, 200)}" is refused: ${problem}` : undefined;
}
