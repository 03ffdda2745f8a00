import type { Command } from 'commander';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { confirmOrAbort } from '../../prompt.js';
import { integerBetween } from '../shared/parse.js';
import { writeNewKey } from './render.js';

export interface KeysRotateOptions extends GlobalOptions {
  keyId: string;
  gracePeriod: number | undefined;
  yes: boolean;
}

const SEVEN_DAYS = 604_800;

function describeGrace(seconds: number | undefined): string {
  if (seconds === undefined) return 'keeps working for the server default grace period (one day)';
  if (seconds === 0) return 'stops working at once';
  return `keeps working for ${seconds} s`;
}

export async function run(
  options: KeysRotateOptions,
  io: IO,
  deps: Pick<Deps, 'createClient' | 'prompter'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  const question = `Rotate key ${options.keyId}? The old secret ${describeGrace(options.gracePeriod)}.`;
  await confirmOrAbort(options.yes, question, io, deps);
  const body = options.gracePeriod === undefined ? undefined : { grace_period_seconds: options.gracePeriod };
  writeNewKey(io, options.json, await client.keys.rotate(options.keyId, body));
}

export function register(parent: Command, app: App): void {
  parent
    .command('rotate')
    .description(
      'Issue a new secret for a key; the old one works for a grace period (asks first; --yes to skip)',
    )
    .argument('<key_id>', 'the key id (key_…)')
    .option(
      '--grace-period <seconds>',
      `how long the old secret keeps working (0-${SEVEN_DAYS}; default 86400)`,
      integerBetween(0, SEVEN_DAYS),
    )
    .option('-y, --yes', 'do not ask for confirmation')
    .action((keyId: string, flags: { gracePeriod?: number; yes?: boolean }, cmd: Command) =>
      run(
        { ...readGlobals(cmd), keyId, gracePeriod: flags.gracePeriod, yes: flags.yes === true },
        app.io,
        app.deps,
      ),
    );
}
