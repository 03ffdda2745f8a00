import { connectionOf } from './api/connect.js';
import type { Settings } from './config/settings.js';
import { CliError, ExitCode, type ExitCodeValue } from './errors.js';
import type { IO } from './io.js';
import { paint } from './output/write.js';
import { redactSecrets } from './secrets.js';

export interface FieldError {
  field: string;
  message: string;
  code?: string | undefined;
}

/** The `error` member of the JSON document `--json` mode writes to stderr on failure. */
export interface ErrorReport {
  code: string;
  /** The HTTP status when the API answered; 0 when it could not be reached; null for local errors. */
  status: number | null;
  title: string;
  detail: string;
  request_id: string | null;
  errors: FieldError[];
  /** Only for a failed create whose request may be retried: the key to retry it with. */
  idempotency_key?: string;
}

const idempotencyKeys = new WeakMap<object, string>();

/**
 * Marks `error` as the failure of a request sent with this idempotency key, so its report names the key
 * (`idempotency_key` in JSON, a line for people): repeating the request with it can never pay twice.
 */
export function withIdempotencyKey(error: unknown, key: string): unknown {
  if (typeof error === 'object' && error !== null) idempotencyKeys.set(error, key);
  return error;
}

interface Described {
  report: ErrorReport;
  exitCode: ExitCodeValue;
}

function local(code: string, title: string, detail: string, exitCode: ExitCodeValue): Described {
  return { report: { code, status: null, title, detail, request_id: null, errors: [] }, exitCode };
}

function readField(error: object, name: string): unknown {
  return (error as Record<string, unknown>)[name];
}

/** Server-side AppErrors (migrations, database) are plain values with a code; recognised by shape. */
function isAppError(error: Error): boolean {
  return error.name === 'AppError' && typeof readField(error, 'code') === 'string';
}

async function isSdkError(error: unknown): Promise<boolean> {
  try {
    const { MolamError } = await import('@molam/sdk');
    return error instanceof MolamError;
  } catch {
    return false;
  }
}

export async function describeError(error: unknown): Promise<Described> {
  if (error instanceof CliError) {
    const title = error.exitCode === ExitCode.usage ? 'Usage error' : 'Error';
    return local(error.code, title, error.message, error.exitCode);
  }
  if (!(error instanceof Error)) return local('unexpected_error', 'Error', String(error), ExitCode.failure);
  if (error.name === 'ExitPromptError')
    return local('interrupted', 'Interrupted', 'Cancelled at the prompt.', ExitCode.interrupted);
  const fromApi = await isSdkError(error);
  if (fromApi || isAppError(error)) {
    // An AppError here comes from a local database operation: its HTTP mapping means nothing to the user.
    const status = fromApi ? readField(error, 'status') : null;
    const errors = readField(error, 'errors');
    const requestId = readField(error, 'requestId');
    return {
      report: {
        code: String(readField(error, 'code')),
        status: typeof status === 'number' ? status : null,
        title: String(readField(error, 'title') ?? 'Error'),
        detail: String(readField(error, 'detail') ?? error.message),
        request_id: typeof requestId === 'string' ? requestId : null,
        errors: Array.isArray(errors) ? (errors as FieldError[]) : [],
      },
      exitCode: ExitCode.failure,
    };
  }
  return local('unexpected_error', 'Error', error.message, ExitCode.failure);
}

function redactReport(report: ErrorReport): ErrorReport {
  return {
    ...report,
    title: redactSecrets(report.title),
    detail: redactSecrets(report.detail),
    errors: report.errors.map((entry) => ({ ...entry, message: redactSecrets(entry.message) })),
  };
}

const URL_SOURCES: Record<Settings['baseUrlSource'], (profile: string) => string> = {
  profile: (profile) => `the base URL of profile "${profile}"`,
  '--base-url': () => '--base-url',
  MOLAM_BASE_URL: () => 'MOLAM_BASE_URL',
  default: (profile) => `the default URL (profile "${profile}" names none)`,
};

/** Where a URL points, without anything secret it may carry (user info, query string). */
function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.replace(/\/$/, '')}`;
  } catch {
    return redactSecrets(url);
  }
}

function hintFor(report: ErrorReport, io: IO): string | undefined {
  if (report.status === 0) {
    const connection = connectionOf(io);
    if (connection === undefined)
      return 'Is the server running, and is the base URL right (--base-url, MOLAM_BASE_URL, profile)?';
    const source = URL_SOURCES[connection.baseUrlSource](connection.profile);
    return `Nothing answers at ${shownUrl(connection.baseUrl)} (${source}). Is that server running? "molam config list" shows every profile and its URL.`;
  }
  if (report.status === 401) return 'Check the API key of this profile ("molam login").';
  return undefined;
}

/** Writes the error to stderr (never stdout) and returns the exit code. */
export async function reportError(
  error: unknown,
  io: IO,
  options: { json: boolean; usageHint?: string | undefined },
): Promise<ExitCodeValue> {
  const described = await describeError(error);
  const key = typeof error === 'object' && error !== null ? idempotencyKeys.get(error) : undefined;
  const report = {
    ...redactReport(described.report),
    ...(key === undefined ? {} : { idempotency_key: key }),
  };
  if (options.json) {
    io.stderr.write(`${JSON.stringify({ error: report })}\n`);
    return described.exitCode;
  }
  const chalk = paint(io);
  const facts = [report.status ? `HTTP ${report.status}` : '', report.code].filter(Boolean).join(', ');
  const headline =
    report.title === 'Error' || report.title === 'Usage error'
      ? report.detail
      : `${report.title}: ${report.detail}`;
  const lines = [
    `${chalk.red('Error:')} ${headline}${described.report.status === null ? '' : ` (${facts})`}`,
  ];
  for (const entry of report.errors) lines.push(`  ${entry.field}: ${entry.message}`);
  if (report.request_id) lines.push(`Request id: ${report.request_id}`);
  if (key !== undefined)
    lines.push(`Idempotency key: ${key} (repeat the command with --idempotency-key ${key} to retry safely)`);
  // Usage errors with their own code (not_logged_in, confirmation_required …) already say what to do.
  const hint = report.code === 'usage_error' ? options.usageHint : hintFor(report, io);
  if (hint) lines.push(chalk.dim(hint));
  // For bug reports: the stack of an error we did not expect, still without secrets.
  if (io.env.MOLAM_DEBUG && error instanceof Error && error.stack)
    lines.push(chalk.dim(redactSecrets(error.stack)));
  io.stderr.write(`${lines.join('\n')}\n`);
  return described.exitCode;
}
