import type { Command } from '../io';

/** Every CLI command; each lives in its own file in this folder. */
export const commands: readonly Command[] = [];
