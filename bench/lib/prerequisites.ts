import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { CHROMIUM } from '../../tests/e2e/helpers/player';
import { MOSQUITTO } from '../../tests/helpers/mosquitto';

/** A program the bench runs, the Debian package that installs it, and which sections need it. */
export interface Tool {
  readonly program: string;
  readonly debianPackage: string;
  readonly why: string;
  needed(sections: readonly string[], env: NodeJS.ProcessEnv): boolean;
}

const BROWSER_SECTIONS = ['ticker', 'transitions', 'long-run', 'startup', 'console-list', 'fleet'];

export const TOOLS: readonly Tool[] = [
  // createFixture generates the clips at the start of every run, whatever the sections.
  { program: 'ffmpeg', debianPackage: 'ffmpeg', why: 'generates the stage clips', needed: () => true },
  {
    program: CHROMIUM,
    debianPackage: 'chromium',
    why: 'the browser every page is measured in',
    needed: (sections) => sections.some((s) => BROWSER_SECTIONS.includes(s)),
  },
  {
    program: 'xvfb-run',
    debianPackage: 'xvfb',
    why: 'the 384×64 strip is measured headed',
    needed: (sections, env) => sections.includes('ticker') && !env.DISPLAY,
  },
  { program: MOSQUITTO, debianPackage: 'mosquitto', why: 'the fleet section needs a real broker', needed: (sections) => sections.includes('fleet') },
];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** An absolute program is checked where it is; a bare name is looked up on `env.PATH`. */
export function findProgram(program: string, env: NodeJS.ProcessEnv): boolean {
  if (isAbsolute(program)) return isExecutable(program);
  return (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && isExecutable(join(dir, program)));
}

export function missingTools(sections: readonly string[], env: NodeJS.ProcessEnv, tools: readonly Tool[] = TOOLS): Tool[] {
  return tools.filter((t) => t.needed(sections, env) && !findProgram(t.program, env));
}

/** One line: what is missing, why, and the one command that installs all of it. */
export function missingMessage(missing: readonly Tool[]): string {
  const what = missing.map((t) => `${t.program} (${t.why})`).join(', ');
  const packages = [...new Set(missing.map((t) => t.debianPackage))].join(' ');
  return `[bench] missing ${what}: install with \`sudo apt-get install -y ${packages}\` and run again`;
}
