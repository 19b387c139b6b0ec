import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's folder (holding playlists/ and out/renderer/), wherever the CLI is run from. */
export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
