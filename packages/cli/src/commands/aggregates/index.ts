import type { Command } from 'commander';
import type { AggregateReplay, MolamClient } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { CliError, UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { startStatusLine } from '../../output/status-line.js';
import { note, orDash, success, writeJson, writeRecord } from '../../output/write.js';
import { calendarDate } from '../shared/dates.js';

export interface ReplayOptions extends GlobalOptions {
  from?: string | undefined;
  to?: string | undefined;
  merchant?: string | undefined;
  verify?: boolean | undefined;
  wait?: boolean | undefined;
}

const FINAL = new Set(['succeeded', 'failed']);
const POLL_MS = 500;

const progressOf = (replay: AggregateReplay) =>
  `${replay.status}: ${replay.merchants_done}/${replay.merchants_total} merchants, ${replay.events_replayed} events`;

/** Polls the replay until it ends: a live line on a terminal, a line per merchant otherwise, quiet with --json. */
async function follow(client: MolamClient, replay: AggregateReplay, io: IO, json: boolean) {
  const status =
    io.stderr.isTTY && !json ? startStatusLine(io, () => `Replaying ${progressOf(replay)}`) : undefined;
  let printed = '';
  try {
    while (!FINAL.has(replay.status)) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      replay = await client.aggregates.getReplay(replay.id);
      const line = progressOf(replay);
      if (!status && !json && line !== printed) note(io, line);
      printed = line;
    }
  } finally {
    status?.stop();
  }
  return replay;
}

function writeReplay(io: IO, replay: AggregateReplay): void {
  writeRecord(io, [
    ['ID', replay.id],
    ['Status', replay.status],
    ['Days', `${replay.from} to ${replay.to}`],
    ['Merchant', orDash(replay.merchant_id)],
    ['Kind', replay.verify ? 'verify (writes nothing)' : 'rebuild'],
    ['Merchants', `${replay.merchants_done}/${replay.merchants_total}`],
    ['Events', String(replay.events_replayed)],
    ['Error', orDash(replay.error)],
  ]);
  for (const difference of replay.differences.slice(0, 20)) {
    note(
      io,
      `differs: ${difference.table} ${difference.key} stored ${JSON.stringify(difference.stored)} recomputed ${JSON.stringify(difference.recomputed)}`,
    );
  }
}

export async function runReplay(
  options: ReplayOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  if (options.from === undefined || options.to === undefined) {
    throw new UsageError('Give --from and --to (YYYY-MM-DD): the days to rebuild.');
  }
  if (options.to < options.from)
    throw new UsageError(`--to (${options.to}) is before --from (${options.from}).`);
  const { client } = await connect(options, io, deps);
  let replay = await client.aggregates.createReplay({
    from: options.from,
    to: options.to,
    ...(options.merchant === undefined ? {} : { merchant_id: options.merchant }),
    verify: options.verify === true,
  });
  if (options.wait) replay = await follow(client, replay, io, options.json);
  if (options.json) writeJson(io, replay);
  else writeReplay(io, replay);
  if (replay.status === 'failed') throw new CliError(`Replay ${replay.id} failed: ${replay.error ?? ''}`);
  if (!options.wait) {
    note(io, `Follow it with: molam aggregates replay-status ${replay.id}`);
    return;
  }
  if (options.verify && replay.differences.length > 0) {
    throw new CliError(
      `${replay.differences.length} bucket(s) differ from a recompute; replay without --verify to repair.`,
      {
        code: 'aggregates_differ',
      },
    );
  }
  if (!options.json)
    success(io, options.verify ? 'The aggregates match a recompute.' : 'Aggregates rebuilt.');
}

export async function runReplayStatus(
  options: GlobalOptions & { replayId: string },
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  const replay = await client.aggregates.getReplay(options.replayId);
  if (options.json) writeJson(io, replay);
  else writeReplay(io, replay);
}

export async function runStatus(
  options: GlobalOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  const status = await client.aggregates.status();
  if (options.json) return writeJson(io, status);
  writeRecord(io, [
    ['Mode', status.mode],
    ['Events waiting', String(status.unprocessed_events)],
    ['Lag', `${status.lag_seconds.toFixed(1)} s`],
    ['Oldest waiting', orDash(status.oldest_unprocessed_at)],
    ['Last replay', status.last_replay ? `${status.last_replay.id} ${progressOf(status.last_replay)}` : '-'],
  ]);
}

export function register(program: Command, app: App): void {
  const aggregates = program
    .command('aggregates')
    .description('The analytics aggregates, for operators (admin key): replay, replay-status, status');
  aggregates
    .command('replay')
    .description(
      'Rebuild (or --verify) the aggregates of a range of days from the raw events, in whole local months',
    )
    .option('--from <day>', 'the first local day (YYYY-MM-DD)', calendarDate)
    .option('--to <day>', 'the last local day (YYYY-MM-DD), included', calendarDate)
    .option('--merchant <merchant_id>', 'only this merchant (mer_…)')
    .option('--verify', 'compare the stored aggregates with a recompute; write nothing')
    .option('--wait', 'follow it until it ends, with its progress')
    .action((flags: Omit<ReplayOptions, keyof GlobalOptions>, cmd: Command) =>
      runReplay({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
    );
  aggregates
    .command('replay-status')
    .description('Show a replay and its progress')
    .argument('<replay_id>', 'the replay id (rpl_…)')
    .action((replayId: string, _flags: object, cmd: Command) =>
      runReplayStatus({ ...readGlobals(cmd), replayId }, app.io, app.deps),
    );
  aggregates
    .command('status')
    .description('Events not yet aggregated, the lag, and the last replay')
    .action((_flags: object, cmd: Command) => runStatus(readGlobals(cmd), app.io, app.deps));
}
