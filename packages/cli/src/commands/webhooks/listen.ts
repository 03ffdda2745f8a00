import { type Command, Option } from 'commander';
import type { EventType } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { note, paint } from '../../output/write.js';
import { VERSION } from '../../version.js';
import { integerBetween } from '../shared/parse.js';
import { describeFailure, follow } from './follow.js';
import { type Forwarder, type ForwardResult, forwardEvent, parseForwardUrl } from './forward.js';
import { EVENT_TYPES, eventTypeList, secretProblem } from './options.js';

export interface WebhooksListenOptions extends GlobalOptions {
  forwardTo?: string | undefined;
  events?: EventType[] | undefined;
  printSecret?: boolean | undefined;
  /** Seconds of failed reconnection after which the command exits 1. */
  giveUpAfter?: number | undefined;
}

export const DEFAULT_GIVE_UP_AFTER_SECONDS = 120;
/** The receiver's answer must start within this long, as for a real delivery. */
export const FORWARD_TIMEOUT_MS = 30_000;
/** Signs with this secret instead of a new one, so a receiver can keep its secret across sessions. */
export const SECRET_ENV = 'MOLAM_WEBHOOK_SECRET';

type ListenDeps = Pick<Deps, 'createClient' | 'clock' | 'fetch' | 'onInterrupt'>;

/** `MOLAM_WEBHOOK_SECRET` when set, else a new secret for this session. */
export function listenerSecret(io: IO, generate: () => string): { secret: string; fromEnv: boolean } {
  const fromEnv = io.env[SECRET_ENV];
  if (fromEnv === undefined || fromEnv === '') return { secret: generate(), fromEnv: false };
  const problem = secretProblem(fromEnv);
  if (problem) throw new UsageError(`${SECRET_ENV}: ${problem}.`);
  return { secret: fromEnv, fromEnv: true };
}

function forwardLine(io: IO, result: ForwardResult): string {
  const chalk = paint(io);
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  const status =
    result.status === null ? chalk.red('ERR') : (ok ? chalk.green : chalk.red)(String(result.status));
  const error = result.error === null ? '' : `: ${result.error}`;
  return `${chalk.dim('<--')} [${status}] POST ${result.url} (${result.duration_ms} ms)${error}`;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * Prints every event of the key's merchant as it happens and, with `--forward-to`, POSTs it there signed
 * like a real delivery. Runs until Ctrl-C (exit 0), or until reconnecting has failed for `--give-up-after`
 * seconds (exit 1).
 */
export async function run(options: WebhooksListenOptions, io: IO, deps: ListenDeps): Promise<void> {
  const forwardTo = options.forwardTo === undefined ? undefined : parseForwardUrl(options.forwardTo);
  const sdk = await import('@molam/sdk');
  const { secret, fromEnv } = listenerSecret(io, sdk.generateWebhookSecret);
  if (options.printSecret === true) {
    io.stdout.write(options.json ? `${JSON.stringify({ secret })}\n` : `${secret}\n`);
    if (!fromEnv && !options.json) {
      note(io, `This secret is new: set ${SECRET_ENV} to it for "molam webhooks listen" to sign with it.`);
    }
    return;
  }

  const { client, settings } = await connect(options, io, deps);
  const chalk = paint(io);
  const types = options.events && options.events.length > 0 ? options.events : undefined;
  const forwarder: Forwarder | undefined =
    forwardTo === undefined
      ? undefined
      : {
          url: forwardTo,
          secret,
          fetch: deps.fetch,
          clock: deps.clock,
          sign: sdk.signWebhook,
          userAgent: `molam-cli/${VERSION} (webhooks listen)`,
          timeoutMs: FORWARD_TIMEOUT_MS,
        };
  const writeLine = (value: unknown) => io.stdout.write(`${JSON.stringify(value)}\n`);

  const interruption = deps.onInterrupt();
  const { signal } = interruption;
  try {
    await follow({
      signal,
      clock: deps.clock,
      giveUpAfterMs: (options.giveUpAfter ?? DEFAULT_GIVE_UP_AFTER_SECONDS) * 1000,
      open: ({ lastEventId, signal: streamSignal, onOpen }) =>
        client.events.stream({ types, lastEventId, signal: streamSignal, onOpen }),
      onOpen: ({ reconnected, resumedAfter }) => {
        if (reconnected) {
          if (!options.json) {
            note(io, `Reconnected${resumedAfter ? `; resuming after ${resumedAfter}` : ''}.`);
          }
          return;
        }
        if (options.json) {
          writeLine({ object: 'listener', secret, forward_to: forwardTo ?? null, events: types ?? null });
          return;
        }
        const what = types ? types.join(', ') : 'all';
        note(
          io,
          `Listening for ${what} events at ${settings.baseUrl}${forwardTo ? `, forwarding to ${forwardTo}` : ''}.`,
        );
        note(io, `Ready! Your webhook signing secret is ${chalk.bold(secret)} (^C to quit)`);
      },
      onRetry: ({ error, retryInMs }) => {
        if (!options.json) {
          note(
            io,
            chalk.yellow(
              `Event stream unavailable (${describeFailure(error)}); reconnecting in ${seconds(retryInMs)}…`,
            ),
          );
        }
      },
      onResumeRefused: (lastEventId) => {
        if (!options.json) {
          note(
            io,
            `The server does not know event ${lastEventId} (was its database reset?); continuing with new events only.`,
          );
        }
      },
      onEvent: async (event) => {
        if (options.json) writeLine(event);
        else io.stdout.write(`${chalk.dim('-->')} ${chalk.bold(event.type)} ${event.id}\n`);
        if (!forwarder) return;
        const result = await forwardEvent(event, forwarder, signal);
        if (signal.aborted) return;
        if (options.json) writeLine(result);
        else io.stdout.write(`${forwardLine(io, result)}\n`);
      },
    });
  } finally {
    interruption.dispose();
  }
  if (!options.json) note(io, 'Stopped listening.');
}

export function register(parent: Command, app: App): void {
  parent
    .command('listen')
    .description(
      "Print your merchant's events as they happen and forward them, signed, to a local URL (until Ctrl-C)",
    )
    .option(
      '--forward-to <url>',
      'POST each event here, signed like a real delivery (http://localhost:3000/hooks)',
    )
    .addOption(
      new Option('--events <types>', 'only these event types; repeat or separate with commas (default: all)')
        .choices(EVENT_TYPES)
        .argParser(eventTypeList),
    )
    .option('--print-secret', `print the signing secret (${SECRET_ENV}, else a new one) and exit`)
    .option(
      '--give-up-after <seconds>',
      `exit 1 after this long without the event stream (default ${DEFAULT_GIVE_UP_AFTER_SECONDS})`,
      integerBetween(1, 86_400),
    )
    .addHelpText(
      'after',
      `
Each event prints "--> <type> <id>"; with --forward-to, the answer prints "<-- [<status>] POST <url> (<ms> ms)".
Events are signed with the secret printed at start: a new one per session, or ${SECRET_ENV} when set.
After a drop it reconnects (0.5 s doubling to 15 s) and resumes after the last event received.

Examples:
  molam webhooks listen --forward-to localhost:3000/hooks --events payment.succeeded,payment.failed
  export ${SECRET_ENV}=$(molam webhooks listen --print-secret)   # one secret for every session`,
    )
    .action((flags: Omit<WebhooksListenOptions, keyof GlobalOptions>, cmd: Command) =>
      run({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
    );
}
