import type { CliIo, Command } from './io';
import { wantsHelp } from './io';
import { commands } from './commands';
import { errorMessage } from '../core/result';

function usage(io: CliIo): void {
  io.out('Usage: kiosk <command> [options]\n');
  io.out('Commands:');
  for (const c of commands) io.out(`  ${c.name.padEnd(14)} ${c.summary}`);
  io.out('\nRun `kiosk <command> --help` for the options of a command.');
}

function find(args: readonly string[]): { command: Command; rest: readonly string[] } | undefined {
  // Commands may have two words (`feed check`): the longest name that matches wins.
  const sorted = [...commands].sort((a, b) => b.name.length - a.name.length);
  for (const command of sorted) {
    const words = command.name.split(' ');
    if (words.every((w, i) => args[i] === w)) return { command, rest: args.slice(words.length) };
  }
  return undefined;
}

export async function main(args: readonly string[], io: CliIo): Promise<number | undefined> {
  if (args.length === 0 || (args.length === 1 && wantsHelp(args))) {
    usage(io);
    return args.length === 0 ? 2 : 0;
  }
  const found = find(args);
  if (!found) {
    io.err(`kiosk: unknown command "${args.join(' ')}"`);
    usage(io);
    return 2;
  }
  if (wantsHelp(found.rest)) {
    io.out(found.command.usage);
    return 0;
  }
  try {
    const code = await found.command.run(found.rest, io);
    // A long-running command (serve) returns undefined-like -1 to keep the process alive.
    return code < 0 ? undefined : code;
  } catch (error) {
    io.err(`kiosk ${found.command.name}: ${errorMessage(error)}`);
    return 1;
  }
}
