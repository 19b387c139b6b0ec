import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { formatIssues } from '../core/model/issues';
import { err, ok, type Result, errorMessage } from '../core/result';

/** Reads and parses a JSON file; every failure is a list of lines naming file, field and reason. */
export async function readJson(file: string): Promise<Result<unknown, string[]>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err([`${file}: cannot read (${code ?? String(e)})`]);
  }
  try {
    return ok(JSON.parse(text.replace(/^\uFEFF/, '')) as unknown);
  } catch (e) {
    return err([`${file}: not valid JSON (${errorMessage(e)})`]);
  }
}

export async function readJsonAs<S extends z.ZodType>(
  file: string,
  schema: S,
): Promise<Result<z.infer<S>, string[]>> {
  const raw = await readJson(file);
  if (!raw.ok) return raw;
  const parsed = schema.safeParse(raw.value);
  return parsed.success ? ok(parsed.data) : err(formatIssues(file, parsed.error));
}
