/** What a command may touch: its output streams and the working folder. Tests pass fakes. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Resolves to the process exit code. */
  readonly run: (args: readonly string[], io: CliIo) => Promise<number>;
}

export const wantsHelp = (args: readonly string[]): boolean =>
  args.includes('--help') || args.includes('-h');

/** `--name value` or `--name=value`; undefined when absent. */
export function flag(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === `--${name}`) return args[i + 1];
    if (a?.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

/** Arguments that are neither flags nor flag values. */
export function positionals(args: readonly string[], valueFlags: readonly string[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a.startsWith('--')) {
      if (!a.includes('=') && valueFlags.includes(a.slice(2))) i++;
      continue;
    }
    result.push(a);
  }
  return result;
}
