import type { Deps } from './deps.js';
import { UsageError } from './errors.js';
import type { IO } from './io.js';

/** Reads one secret from a pipe, trimmed, or a usage error when the pipe was empty. */
export async function readSecretFromStdin(io: IO, what: string): Promise<string> {
  const secret = (await io.stdin.readAll()).trim();
  if (secret === '') throw new UsageError(`No ${what} on standard input.`);
  if (/\s/.test(secret))
    throw new UsageError(`The ${what} on standard input must be a single line without spaces.`);
  return secret;
}

/** A hidden prompt at a terminal, else standard input: never the command line, where `ps` and history see it. */
export async function readSecret(io: IO, deps: Pick<Deps, 'prompter'>, what: string): Promise<string> {
  if (!io.stdin.isTTY) return readSecretFromStdin(io, what);
  const secret = (await (await deps.prompter()).secret(`Paste the ${what}:`)).trim();
  if (secret === '') throw new UsageError(`No ${what} given.`);
  return secret;
}
