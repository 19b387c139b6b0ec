import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The shared feed corpus sits beside the repository (`../shared/feeds-corpus`) in CI and in
 * a developer's workspace. A missing corpus fails the tests that need it, loudly.
 */
const candidates = [resolve(process.cwd(), '../shared/feeds-corpus'), '/work/shared/feeds-corpus'];
const found = candidates.find((c) => existsSync(c));
if (!found) throw new Error(`The feed corpus is missing: looked in ${candidates.join(' and ')}`);
export const CORPUS: string = found;
