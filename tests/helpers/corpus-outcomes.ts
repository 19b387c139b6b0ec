import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file of the shared feed corpus (licences and the README left out), sorted. */
export function corpusFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return corpusFiles(path);
    return /(LICENSE|README\.md)$/.test(name) ? [] : [path];
  });
}

/** JSON with keys sorted and undefined left out: equal outcomes print equal, whatever built them. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** Per corpus file, a digest of what the pipeline made of it (items, quarantine, refusal). */
export async function outcomeDigests(dir: string, outcome: (bytes: Uint8Array) => Promise<unknown>): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const file of corpusFiles(dir)) {
    const text = canonical(await outcome(readFileSync(file)));
    digests[relative(dir, file)] = createHash('sha256').update(text).digest('hex').slice(0, 16);
  }
  return digests;
}
