import type { Command } from '../io';
import { alertCommand } from './alert';
import { benchCommand } from './bench';
import { bundleCommand } from './bundle';
import { consoleCommand } from './console';
import { enrolCommand } from './enrol';
import { feedCheckCommand } from './feed-check';
import { importListCommand } from './import-list';
import { keygenCommand, signCommand } from './keys';
import { publishCommand } from './publish';
import { reportCommand } from './report';
import { schemasCommand } from './schemas';
import { serveCommand } from './serve';
import { validateCommand } from './validate';

/** Every CLI command; each lives in its own file in this folder. */
export const commands: readonly Command[] = [serveCommand, validateCommand, schemasCommand, alertCommand, reportCommand, feedCheckCommand, keygenCommand, signCommand, benchCommand, consoleCommand, publishCommand, bundleCommand, importListCommand, enrolCommand];
