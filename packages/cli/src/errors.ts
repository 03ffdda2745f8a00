/** Process exit codes; scripts branch on these, so they never change meaning. */
export const ExitCode = {
  ok: 0,
  /** The API refused, the database failed, or something else went wrong at run time. */
  failure: 1,
  /** The command line was wrong or incomplete: nothing was sent anywhere. */
  usage: 2,
  /** The user pressed Ctrl-C at a prompt. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the CLI raises on purpose, with a stable code for `--json` consumers. */
export class CliError extends Error {
  readonly code: string;
  readonly exitCode: ExitCodeValue;

  constructor(message: string, options: { code?: string; exitCode?: ExitCodeValue } = {}) {
    super(message);
    this.name = 'CliError';
    this.code = options.code ?? 'cli_error';
    this.exitCode = options.exitCode ?? ExitCode.failure;
  }
}

/** The invocation is wrong or incomplete (missing value without a terminal, bad flag value …). */
export class UsageError extends CliError {
  constructor(message: string, code = 'usage_error') {
    super(message, { code, exitCode: ExitCode.usage });
    this.name = 'UsageError';
  }
}
