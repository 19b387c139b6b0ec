import type { CliIo, Command } from './io';
import { wantsHelp } from './io';
import { errorMessage } from '../core/result';

/** Every command, loaded on use: `serve` loads only its own module, so the player listens sooner. */
async function allCommands(): Promise<readonly Command[]> {
  return (await import('./commands')).commands;
}

async function usage(io: CliIo): Promise<void> {
  const commands = await allCommands();
  io.out('Usage: kiosk <command> [options]\n');
  io.out('Commands:');
  for (const c of commands) io.out(`  ${c.name.padEnd(14)} ${c.summary}`);
  io.out('\nRun `kiosk <command> --help` for the options of a command.');
}

async function find(args: readonly string[]): Promise<{ command: Command; rest: readonly string[] } | undefined> {
  if (args[0] === 'serve') return { command: (await import('./commands/serve')).serveCommand, rest: args.slice(1) };
  const commands = await allCommands();
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
    await usage(io);
    return args.length === 0 ? 2 : 0;
  }
  const found = await find(args);
  if (!found) {
    io.err(`kiosk: unknown command "${args.join(' ')}"`);
    await usage(io);
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
