import type { Command } from 'commander';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { CliError, UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { success } from '../../output/write.js';
import { integerBetween } from '../shared/parse.js';
import { SECRET_ENV } from './listen.js';
import { secretProblem } from './options.js';
import { writeEvent } from './render.js';

export interface WebhooksVerifyOptions extends GlobalOptions {
  secret?: string | undefined;
  id: string;
  timestamp: string;
  signature: string;
  /** Seconds `--timestamp` may be from now; the SDK's default (300) when absent. */
  tolerance?: number | undefined;
}

/** The SDK's reason in more words when the fix is known. */
function explain(error: { message: string; reason: string }, trailingNewline: boolean): string {
  if (trailingNewline) {
    return (
      'The signature matches the body without the line break at its end: standard input adds one the ' +
      `delivery did not have. Pipe the body exactly as received (printf '%s' "$BODY", not echo). (reason ${error.reason})`
    );
  }
  if (error.reason === 'timestamp_too_old') {
    return `${error.message} Add --tolerance SECONDS to check an older delivery.`;
  }
  return error.message;
}

/**
 * Checks a delivery as a receiver would: the raw body from standard input, the three `webhook-*` headers
 * from the flags. Prints the event (exit 0) or the reason it fails (exit 1, code = the SDK's reason).
 */
export async function run(options: WebhooksVerifyOptions, io: IO, deps: Pick<Deps, 'clock'>): Promise<void> {
  const secret = options.secret ?? (io.env[SECRET_ENV] || undefined);
  if (secret === undefined) {
    throw new UsageError(`Give the endpoint's signing secret with --secret or ${SECRET_ENV}.`);
  }
  const problem = secretProblem(secret);
  if (problem) throw new UsageError(`${options.secret !== undefined ? '--secret' : SECRET_ENV}: ${problem}.`);
  if (io.stdin.isTTY) {
    throw new UsageError(
      'Pipe the raw body of the delivery on standard input: molam webhooks verify … < body.json',
    );
  }
  const body = await io.stdin.readAll();
  const headers = {
    'webhook-id': options.id,
    'webhook-timestamp': options.timestamp,
    'webhook-signature': options.signature,
  };
  const { verifyWebhook, WebhookVerificationError } = await import('@molam/sdk');
  const verifyOptions = {
    now: () => deps.clock.now(),
    ...(options.tolerance !== undefined ? { toleranceSeconds: options.tolerance } : {}),
  };
  let event: Awaited<ReturnType<typeof verifyWebhook>>;
  try {
    event = await verifyWebhook(body, headers, secret, verifyOptions);
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    let trailingNewline = false;
    const signatureProblem = ['no_matching_signature', 'body_reserialized'].includes(error.reason);
    if (signatureProblem && /\r?\n$/.test(body)) {
      trailingNewline = await verifyWebhook(body.replace(/\r?\n$/, ''), headers, secret, verifyOptions).then(
        () => true,
        (retry: unknown) =>
          retry instanceof WebhookVerificationError &&
          !['no_matching_signature', 'body_reserialized'].includes(retry.reason),
      );
    }
    throw new CliError(explain(error, trailingNewline), { code: error.reason });
  }
  writeEvent(io, options.json, event);
  if (!options.json) {
    const age = Math.floor(deps.clock.now() / 1000) - Number(options.timestamp);
    success(io, `Signature verified: ${event.type} ${event.id}, signed ${age} s ago.`);
  }
}

export function register(parent: Command, app: App): void {
  parent
    .command('verify')
    .description('Check the signature of a delivery: the raw body on stdin, its webhook-* headers as flags')
    .option(
      '--secret <whsec>',
      `the endpoint's signing secret (prefer ${SECRET_ENV}: flags end up in shell history)`,
    )
    .requiredOption('--id <id>', 'the webhook-id header')
    .requiredOption('--timestamp <seconds>', 'the webhook-timestamp header')
    .requiredOption('--signature <signatures>', 'the webhook-signature header (v1,… entries)')
    .option(
      '--tolerance <seconds>',
      'how far the timestamp may be from now (default 300)',
      integerBetween(0, 315_360_000),
    )
    .addHelpText(
      'after',
      `
Exit 0 and the event when the signature matches; exit 1 with the reason (no_matching_signature,
timestamp_too_old, body_reserialized …) when it does not.

Example:
  molam webhooks verify --id evt_… --timestamp 1767225600 --signature 'v1,K5oZ…' < body.json`,
    )
    .action((flags: Omit<WebhooksVerifyOptions, keyof GlobalOptions>, cmd: Command) =>
      run({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
    );
}
