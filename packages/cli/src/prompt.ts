import { CliError, UsageError } from './errors.js';
import type { IO } from './io.js';

/** The questions a command may ask; tests answer them with a fake. */
export interface Prompter {
  text(message: string, validate?: (value: string) => string | true): Promise<string>;
  secret(message: string): Promise<string>;
  confirm(message: string): Promise<boolean>;
}

/**
 * Prompts on stderr, so stdout keeps only the result even in `--json` mode. @inquirer/prompts loads only
 * when a question is actually asked.
 */
export async function createTerminalPrompter(): Promise<Prompter> {
  const { confirm, input, password } = await import('@inquirer/prompts');
  const context = { input: process.stdin, output: process.stderr };
  return {
    text: (message, validate) =>
      input({ message, required: true, ...(validate ? { validate } : {}) }, context),
    secret: (message) => password({ message, mask: true }, context),
    confirm: (message) => confirm({ message, default: false }, context),
  };
}

export interface PromptDeps {
  prompter(): Promise<Prompter>;
}

/** The flag's value, or an answer when a person is at the terminal, or a usage error for scripts. */
export async function valueOrAsk(
  value: string | undefined,
  ask: { flag: string; message: string; validate?: (value: string) => string | true },
  io: IO,
  deps: PromptDeps,
): Promise<string> {
  if (value !== undefined) {
    const verdict = ask.validate?.(value) ?? true;
    if (verdict !== true) throw new UsageError(`${ask.flag}: ${verdict}`);
    return value;
  }
  if (!io.stdin.isTTY) throw new UsageError(`Missing required option ${ask.flag}.`);
  return (await deps.prompter()).text(ask.message, ask.validate);
}

/**
 * Destructive actions go ahead with `--yes`, or after a "yes" at the terminal. Without either there is
 * nobody to ask, so the command refuses rather than guess.
 */
export function requireConfirmation(yes: boolean, question: string, io: IO): void {
  if (!yes && !io.stdin.isTTY) {
    throw new UsageError(
      `${question} Pass --yes to confirm when no terminal is attached.`,
      'confirmation_required',
    );
  }
}

export async function confirmOrAbort(
  yes: boolean,
  question: string,
  io: IO,
  deps: PromptDeps,
): Promise<void> {
  requireConfirmation(yes, question, io);
  if (yes) return;
  if (!(await (await deps.prompter()).confirm(question))) {
    throw new CliError('Cancelled; nothing was changed.', { code: 'cancelled' });
  }
}
