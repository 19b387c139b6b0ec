import type { z } from 'zod';

/** "items[3].text" from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** One line per problem, naming the file, the field and the reason; one line per unknown key. */
export function formatIssues(file: string, error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return [`${file}: ${fieldPath(issue.path)}: ${issue.message}`];
    // strictObject puts one reason per key on its own line; other strict objects give one message.
    const reasons = issue.message.split('\n');
    return issue.keys.map((key, i) => `${file}: ${fieldPath([...issue.path, key])}: ${reasons.length === issue.keys.length ? reasons[i] : 'unknown key'}`);
  });
}
