import type { Command } from 'commander';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { success, writeJson } from '../../output/write.js';
import { valueOrAsk } from '../../prompt.js';
import { idempotencyKey, timestamp } from '../shared/parse.js';

export interface WebhooksRecoverOptions extends GlobalOptions {
  endpointId: string;
  since?: string | undefined;
  idempotencyKey?: string | undefined;
}

function timestampRule(value: string): string | true {
  try {
    timestamp(value);
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** After an outage of the receiver: every delivery to the endpoint that failed since `--since` goes again. */
export async function run(
  options: WebhooksRecoverOptions,
  io: IO,
  deps: Pick<Deps, 'createClient' | 'prompter'>,
): Promise<void> {
  const since = timestamp(
    await valueOrAsk(
      options.since,
      {
        flag: '--since',
        message: 'Send again the deliveries failed since (RFC 3339):',
        validate: timestampRule,
      },
      io,
      deps,
    ),
  );
  if (Date.parse(since) > Date.now()) throw new UsageError(`--since (${since}) is in the future.`);
  const { client } = await connect(options, io, deps);
  const requestOptions = options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : undefined;
  const result = await client.webhookEndpoints.recover(options.endpointId, { since }, requestOptions);
  if (options.json) {
    writeJson(io, result);
    return;
  }
  const noun = result.queued === 1 ? 'delivery' : 'deliveries';
  success(
    io,
    `Queued ${result.queued} failed ${noun} to ${options.endpointId} again (failed since ${since}).`,
  );
}

export function register(parent: Command, app: App): void {
  parent
    .command('recover')
    .description('Send again every delivery to an endpoint that failed since a time (after an outage)')
    .argument('<endpoint_id>', 'the endpoint id (we_…)')
    .option(
      '--since <time>',
      'RFC 3339 time, such as 2027-01-31T00:00:00Z (prompted when missing on a terminal)',
    )
    .option(
      '--idempotency-key <key>',
      'make a retried request safe (8-255 printable characters)',
      idempotencyKey,
    )
    .action(
      (
        endpointId: string,
        flags: Omit<WebhooksRecoverOptions, keyof GlobalOptions | 'endpointId'>,
        cmd: Command,
      ) => run({ ...readGlobals(cmd), endpointId, ...flags }, app.io, app.deps),
    );
}
