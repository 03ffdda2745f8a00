import { randomUUID } from 'node:crypto';
import { LIMITS } from '@molam/contract';
import { type Command, Option } from 'commander';
import type { Flow, PaymentCreateParams, ProviderName } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import { singleQuote } from '../../completion/tree.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { amountProblem, currencyExponent, formatMoney } from '../../money.js';
import { note, paint } from '../../output/write.js';
import { valueOrAsk } from '../../prompt.js';
import { withIdempotencyKey } from '../../report.js';
import { idempotencyKey } from '../shared/parse.js';
import {
  DEFAULT_TIMEOUT_SECONDS,
  EXTERNAL_ID_RULE,
  FLOWS,
  isExternalId,
  isFlow,
  MSISDN_HINT,
  metadataEntry,
  normalizeMsisdn,
  PROVIDERS,
  timeoutSeconds,
} from './options.js';
import { writePayment } from './render.js';
import { finishWait, waitForPayment } from './wait.js';

export interface PaymentsCreateOptions extends GlobalOptions {
  externalId?: string | undefined;
  flow?: Flow | undefined;
  /** As typed: an integer of minor units, checked against the currency before anything is sent. */
  amount?: string | undefined;
  currency?: string | undefined;
  payer?: string | undefined;
  payee?: string | undefined;
  provider?: ProviderName | undefined;
  description?: string | undefined;
  payerMessage?: string | undefined;
  payeeNote?: string | undefined;
  metadata?: Record<string, string> | undefined;
  idempotencyKey?: string | undefined;
  wait?: boolean | undefined;
  timeout?: number | undefined;
}

const CURRENCY = /^[A-Z]{3}$/;
const TEXT_LIMITS = [
  ['--description', 'description', LIMITS.paymentText.description],
  ['--payer-message', 'payerMessage', LIMITS.paymentText.payer_message],
  ['--payee-note', 'payeeNote', LIMITS.paymentText.payee_note],
] as const;

/** A new key per invocation; `cli-` + a UUID is also a valid external id (40 characters). */
export function newIdempotencyKey(): string {
  return `cli-${randomUUID()}`;
}

/** Every value given on the command line is checked before any question is asked or request sent. */
function checkFlags(options: PaymentsCreateOptions): void {
  if (options.payer !== undefined && options.payee !== undefined) {
    throw new UsageError('Give --payer (for a collection) or --payee (for a disbursement), not both.');
  }
  if (options.flow === 'collection' && options.payee !== undefined) {
    throw new UsageError('A collection takes money from a payer: use --payer, not --payee.');
  }
  if (options.flow === 'disbursement' && options.payer !== undefined) {
    throw new UsageError('A disbursement sends money to a payee: use --payee, not --payer.');
  }
  if (options.externalId !== undefined && !isExternalId(options.externalId)) {
    throw new UsageError(`--external-id: ${EXTERNAL_ID_RULE}.`);
  }
  if (
    options.externalId === undefined &&
    options.idempotencyKey !== undefined &&
    !isExternalId(options.idempotencyKey)
  ) {
    throw new UsageError(
      `Give --external-id: it defaults to the idempotency key, and this key is not a valid external id (${EXTERNAL_ID_RULE}).`,
    );
  }
  if (options.currency !== undefined && !CURRENCY.test(options.currency.trim().toUpperCase())) {
    throw new UsageError(`--currency: expected an ISO 4217 code such as ZMW, not "${options.currency}".`);
  }
  if (options.amount !== undefined) {
    const problem = amountProblem(options.amount, options.currency, '--amount');
    if (problem) throw new UsageError(problem);
  }
  for (const flag of ['payer', 'payee'] as const) {
    const value = options[flag];
    if (value !== undefined && normalizeMsisdn(value) === undefined) {
      throw new UsageError(`--${flag}: ${MSISDN_HINT}, not "${value}".`);
    }
  }
  for (const [flag, name, max] of TEXT_LIMITS) {
    const value = options[name];
    if (value !== undefined && value.length > max)
      throw new UsageError(`${flag}: at most ${max} characters.`);
  }
  if (options.timeout !== undefined && options.wait !== true) {
    throw new UsageError('--timeout only applies with --wait.');
  }
}

function amountQuestion(currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return `Amount in ${currency} (a whole number; ${currency} has no minor unit):`;
  if (exponent === undefined) return `Amount in minor units of ${currency}:`;
  const example = exponent === 2 ? 1250 : 1250 * 10 ** (exponent - 2);
  return `Amount in minor units of ${currency} (${example} = ${formatMoney(example, currency)}):`;
}

/** A word a POSIX shell reads back unchanged. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_.,:=+/@%-]+$/.test(word) ? word : singleQuote(word);
}

/** The same request, every value spelled out, so that running it again replays instead of paying twice. */
function retryCommand(options: PaymentsCreateOptions, body: PaymentCreateParams, key: string): string {
  const words = ['molam'];
  if (options.profile !== undefined) words.push('--profile', options.profile);
  if (options.baseUrl !== undefined) words.push('--base-url', options.baseUrl);
  words.push('payments', 'create');
  if (options.externalId !== undefined) words.push('--external-id', body.external_id);
  words.push('--flow', body.flow, '--amount', String(body.amount), '--currency', body.currency);
  if (body.flow === 'collection') words.push('--payer', body.payer);
  else words.push('--payee', body.payee);
  if (body.provider !== undefined) words.push('--provider', body.provider);
  if (body.description !== undefined) words.push('--description', body.description);
  if (body.payer_message !== undefined) words.push('--payer-message', body.payer_message);
  if (body.payee_note !== undefined) words.push('--payee-note', body.payee_note);
  for (const [name, value] of Object.entries(body.metadata ?? {}))
    words.push('--metadata', `${name}=${value}`);
  words.push('--idempotency-key', key);
  if (options.wait === true) words.push('--wait');
  if (options.timeout !== undefined) words.push('--timeout', String(options.timeout));
  return words.map(shellWord).join(' ');
}

type PromptingDeps = Pick<Deps, 'prompter'>;

async function resolveBody(
  options: PaymentsCreateOptions,
  externalId: string,
  io: IO,
  deps: PromptingDeps,
): Promise<PaymentCreateParams> {
  const implied: Flow | undefined =
    options.payer !== undefined ? 'collection' : options.payee !== undefined ? 'disbursement' : undefined;
  const flowAnswer = await valueOrAsk(
    options.flow ?? implied,
    {
      flag: '--flow',
      message: 'Flow (collection: from a payer; disbursement: to a payee):',
      validate: (value) => isFlow(value.trim().toLowerCase()) || 'collection or disbursement',
    },
    io,
    deps,
  );
  const flow = flowAnswer.trim().toLowerCase() as Flow;
  const currency = (
    await valueOrAsk(
      options.currency,
      {
        flag: '--currency',
        message: 'Currency (ISO 4217, such as ZMW):',
        validate: (value) => CURRENCY.test(value.trim().toUpperCase()) || 'expected a code such as ZMW',
      },
      io,
      deps,
    )
  )
    .trim()
    .toUpperCase();
  const amount = await valueOrAsk(
    options.amount,
    {
      flag: '--amount',
      message: amountQuestion(currency),
      validate: (value) => amountProblem(value, currency) ?? true,
    },
    io,
    deps,
  );
  const party = flow === 'collection' ? 'payer' : 'payee';
  const msisdn = await valueOrAsk(
    options[party],
    {
      flag: `--${party}`,
      message: `${party === 'payer' ? 'Payer' : 'Payee'} phone number (such as 260971234567):`,
      validate: (value) => normalizeMsisdn(value) !== undefined || MSISDN_HINT,
    },
    io,
    deps,
  );
  const common = { external_id: externalId, amount: Number(amount.trim()), currency };
  const phone = normalizeMsisdn(msisdn) ?? msisdn;
  const body: PaymentCreateParams =
    flow === 'collection'
      ? { ...common, flow, payer: phone }
      : { ...common, flow: 'disbursement', payee: phone };
  if (options.provider !== undefined) body.provider = options.provider;
  if (options.description !== undefined) body.description = options.description;
  if (options.payerMessage !== undefined) body.payer_message = options.payerMessage;
  if (options.payeeNote !== undefined) body.payee_note = options.payeeNote;
  if (options.metadata !== undefined) body.metadata = options.metadata;
  return body;
}

function describeRequest(body: PaymentCreateParams): string {
  const money = formatMoney(body.amount, body.currency);
  const party = body.flow === 'collection' ? `from ${body.payer}` : `to ${body.payee}`;
  return `Creating a ${body.flow} of ${money} ${party} (external id ${body.external_id})…`;
}

export async function run(
  options: PaymentsCreateOptions,
  io: IO,
  deps: Pick<Deps, 'createClient' | 'prompter'>,
): Promise<void> {
  checkFlags(options);
  const key = options.idempotencyKey ?? newIdempotencyKey();
  const body = await resolveBody(options, options.externalId ?? key, io, deps);
  const { client } = await connect(options, io, deps);
  if (!options.json) {
    // Printed before the request: if the answer never arrives, the same key makes the retry safe.
    if (options.idempotencyKey === undefined) {
      note(io, `Idempotency key: ${paint(io).bold(key)}`);
      note(io, paint(io).dim(`To retry without paying twice: ${retryCommand(options, body, key)}`));
    }
    note(io, describeRequest(body));
  }
  let payment: Awaited<ReturnType<typeof client.payments.create>>;
  try {
    payment = await client.payments.create(body, { idempotencyKey: key });
  } catch (error) {
    throw withIdempotencyKey(error, key);
  }
  const extra = { idempotency_key: key };
  if (options.wait !== true) {
    writePayment(io, options.json, payment, extra);
    if (!options.json) note(io, `Follow it with: molam payments watch ${payment.id}`);
    return;
  }
  if (!options.json) note(io, `Created ${payment.id} (${payment.status}).`);
  const settings = { json: options.json, timeoutSeconds: options.timeout ?? DEFAULT_TIMEOUT_SECONDS };
  finishWait(io, settings, await waitForPayment(client, payment.id, settings, io, payment), extra);
}

const HELP = `
Amounts are integers of MINOR units of the currency: --amount 1250 --currency ZMW is 12.50 ZMW,
--amount 1000 --currency XOF is 1000 XOF (no minor unit), --amount 1250 --currency KWD is 1.250 KWD.
--payer makes it a collection and --payee a disbursement, so --flow may be left out.

Every create sends an Idempotency-Key. Without --idempotency-key a new one is made and printed on stderr
(in the JSON output as "idempotency_key"), with the command that retries the request safely: the server
answers a repeat with the same key and body with the same payment, never a second one. The external id
defaults to the idempotency key.

Examples:
  molam payments create --payer 260971234567 --amount 1250 --currency ZMW --wait
  molam payments create --payee 260971234567 --amount 500000 --currency ZMW --external-id payout-77 \\
    --idempotency-key payout-77 --metadata batch=2027-01 --json`;

export function register(parent: Command, app: App): void {
  parent
    .command('create')
    .description('Create a collection or a disbursement; missing values are prompted for on a terminal')
    .option(
      '--external-id <id>',
      'your id for the payment, unique per merchant (default: the idempotency key)',
    )
    .addOption(
      new Option('--flow <flow>', 'collection (from a payer) or disbursement (to a payee)').choices(FLOWS),
    )
    .option('--amount <minor-units>', 'an integer of MINOR units: 1250 with --currency ZMW is 12.50 ZMW')
    .option('--currency <code>', 'ISO 4217 code, such as ZMW')
    .option('--payer <msisdn>', 'the phone number paying, for a collection (such as 260971234567)')
    .option('--payee <msisdn>', 'the phone number paid, for a disbursement')
    .addOption(
      new Option('--provider <provider>', "default: the merchant's routing for the currency").choices(
        PROVIDERS,
      ),
    )
    .option('--description <text>', `for you (at most ${LIMITS.paymentText.description} characters)`)
    .option(
      '--payer-message <text>',
      `shown to the payer (at most ${LIMITS.paymentText.payer_message} characters)`,
    )
    .option('--payee-note <text>', `shown to the payee (at most ${LIMITS.paymentText.payee_note} characters)`)
    .option('--metadata <key=value>', 'your own data; repeat for more keys', metadataEntry)
    .option(
      '--idempotency-key <key>',
      'the key of an earlier attempt, to retry it safely (default: a new key, printed)',
      idempotencyKey,
    )
    .option('--wait', 'wait until it is successful (exit 0) or failed (exit 1)')
    .option(
      '--timeout <seconds>',
      `with --wait: give up (exit 1) after this long (default ${DEFAULT_TIMEOUT_SECONDS})`,
      timeoutSeconds,
    )
    .addHelpText('after', HELP)
    .action((flags: Omit<PaymentsCreateOptions, keyof GlobalOptions>, cmd: Command) =>
      run({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
    );
}
