import { z } from 'zod';

/** Edit distance between two strings (insert, delete, substitute: one each). */
export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known key a misspelt one most likely meant, if any is close enough to be a typo. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    // A case slip (operatorPIN) counts as the closest possible match.
    const distance = candidate.toLowerCase() === key.toLowerCase() ? 0 : levenshtein(key, candidate);
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  const tolerance = Math.max(2, Math.floor(key.length / 3));
  return best && best.distance <= tolerance ? best.key : undefined;
}

export function unknownKeyReason(key: string, known: readonly string[]): string {
  const guess = closestKey(key, known);
  return guess === undefined ? 'unknown key' : `unknown key; did you mean "${guess}"?`;
}

/**
 * A format's object: unknown keys are errors, so a typo cannot silently drop a setting.
 * The issue's message holds one reason per unknown key, one a line, in `keys` order;
 * formatIssues turns them into one "path.key: reason" line each.
 */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape): z.ZodObject<Shape, z.core.$strict> {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => unknownKeyReason(key, known)).join('\n') : undefined,
  });
}
