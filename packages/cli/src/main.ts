import { type Command, CommanderError } from 'commander';
import { type Deps, defaultDeps } from './deps.js';
import { ExitCode, type ExitCodeValue, UsageError } from './errors.js';
import type { IO } from './io.js';
import { createProgram } from './program.js';
import { reportError } from './report.js';

/** `--json` is looked for before parsing, so that even a parse error can be reported as JSON. */
function jsonRequested(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** `molam keys create` for `molam --json keys create --name x`: the command the user was reaching for. */
function commandPath(program: Command, argv: readonly string[]): string {
  let command = program;
  const names = [program.name()];
  for (const word of argv) {
    const sub = command.commands.find(
      (candidate) => candidate.name() === word || candidate.aliases().includes(word),
    );
    if (!sub) continue;
    command = sub;
    names.push(sub.name());
  }
  return names.join(' ');
}

const QUIET_EXITS = new Set(['commander.helpDisplayed', 'commander.version']);

/** Runs one invocation and returns the exit code; never throws and never calls process.exit. */
export async function main(
  argv: readonly string[],
  io: IO,
  deps: Deps = defaultDeps,
): Promise<ExitCodeValue> {
  const json = jsonRequested(argv);
  const program = createProgram({ io, deps }, { json });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    const path = commandPath(program, argv);
    const usageHint = `Run "${path} --help" for usage.`;
    if (!(error instanceof CommanderError)) return reportError(error, io, { json, usageHint });
    if (QUIET_EXITS.has(error.code)) return ExitCode.ok;
    // Commander already printed the help of a command that needs a subcommand.
    if (error.code === 'commander.help' && !json) return ExitCode.usage;
    const message =
      error.code === 'commander.help'
        ? `"${path}" needs a subcommand.`
        : error.message.replace(/^error: /, '');
    return reportError(new UsageError(message), io, { json, usageHint });
  }
}
