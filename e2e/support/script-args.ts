// Command-line options for the npm scripts that are programs of their own (the
// benches, the TrueLayer emulator): --help prints what the script does and
// takes, and a mistyped option is a one-line message and exit code 2, not a
// stack trace from node:util's parseArgs.
import { writeSync } from 'node:fs';
import { Command, CommanderError } from 'commander';

export interface ScriptIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** The parsed command (read it with `.opts<…>()`), or the exit code after help or a usage error. */
export type ScriptArgs = { ok: true; command: Command } | { ok: false; exitCode: number };

/** `define` adds the script's options to the command; the usage line is `npm run <script> -- [options]`. */
export function parseScriptArgs(
  script: string,
  description: string,
  define: (command: Command) => Command,
  argv: readonly string[],
  io: ScriptIo,
): ScriptArgs {
  const command = define(
    new Command(`npm run ${script} --`)
      .description(description)
      .helpOption('-h, --help', 'show this help')
      .showHelpAfterError(`(npm run ${script} -- --help lists the options)`)
      .allowExcessArguments(false)
      .exitOverride()
      .configureOutput({
        writeOut: (text) => io.stdout.write(text),
        writeErr: (text) => io.stderr.write(text),
      }),
  );
  try {
    command.parse(argv, { from: 'user' });
    return { ok: true, command };
  } catch (error) {
    if (error instanceof CommanderError) return { ok: false, exitCode: error.exitCode === 0 ? 0 : 2 };
    throw error;
  }
}

// Written synchronously: process.exit() would cut off a help text still queued for a pipe (macOS).
const SYNC_IO: ScriptIo = {
  stdout: { write: (text: string) => writeSync(1, text) },
  stderr: { write: (text: string) => writeSync(2, text) },
};

/** For a script's top level: the parsed command, or the process ends with help (0) or a usage error (2). */
export function scriptArgs(script: string, description: string, define: (command: Command) => Command): Command {
  const parsed = parseScriptArgs(script, description, define, process.argv.slice(2), SYNC_IO);
  if (!parsed.ok) process.exit(parsed.exitCode);
  return parsed.command;
}
