import { type Command, InvalidArgumentError } from 'commander';
import type { ProviderName, Routing } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { type Field, note, orDash, success, writeJson, writeRecord } from '../../output/write.js';
import { valueOrAsk } from '../../prompt.js';
import { isProvider, PROVIDERS } from '../payments/options.js';

export type Currencies = Record<string, ProviderName[]>;

export interface RoutingGetOptions extends GlobalOptions {
  merchantId: string;
}

export interface RoutingSetOptions extends GlobalOptions {
  merchantId: string;
  currency?: Currencies | undefined;
  clear?: boolean | undefined;
}

const MAX_PROVIDERS = 4;
const MAX_CURRENCIES = 50;

/** `ZMW=mtn,airtel` → `['ZMW', ['mtn', 'airtel']]`, or the reason it is not one. */
function parseEntry(text: string): [string, ProviderName[]] | string {
  const at = text.indexOf('=');
  const currency = (at === -1 ? text : text.slice(0, at)).trim().toUpperCase();
  if (at === -1 || !/^[A-Z]{3}$/.test(currency)) {
    return `expected CURRENCY=provider,provider such as ZMW=mtn,airtel, not "${text}"`;
  }
  const names = text
    .slice(at + 1)
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) return `${currency}: name at least one provider (${PROVIDERS.join(', ')})`;
  const unknown = names.find((name) => !isProvider(name));
  if (unknown !== undefined) return `${currency}: unknown provider "${unknown}"; use ${PROVIDERS.join(', ')}`;
  if (new Set(names).size !== names.length) return `${currency}: a provider is listed twice`;
  if (names.length > MAX_PROVIDERS) return `${currency}: at most ${MAX_PROVIDERS} providers`;
  return [currency, names.filter(isProvider)];
}

function addEntry(currencies: Currencies, text: string): Currencies | string {
  const entry = parseEntry(text);
  if (typeof entry === 'string') return entry;
  const [currency, providers] = entry;
  if (currency in currencies) return `${currency} is given twice`;
  if (Object.keys(currencies).length >= MAX_CURRENCIES) return `at most ${MAX_CURRENCIES} currencies`;
  return { ...currencies, [currency]: providers };
}

/** The commander parser of a repeatable `--currency ZMW=mtn,airtel`. */
export function currencyEntry(value: string, previous: Currencies | undefined): Currencies {
  const result = addEntry(previous ?? {}, value);
  if (typeof result === 'string') throw new InvalidArgumentError(`${result}.`);
  return result;
}

/** A prompt's answer: entries separated by spaces (`ZMW=mtn,airtel EUR=mtn`). */
function parseAnswer(answer: string): Currencies | string {
  let currencies: Currencies = {};
  for (const word of answer.trim().split(/\s+/).filter(Boolean)) {
    const result = addEntry(currencies, word);
    if (typeof result === 'string') return result;
    currencies = result;
  }
  return Object.keys(currencies).length === 0 ? 'name at least one currency' : currencies;
}

function writeRouting(io: IO, json: boolean, routing: Routing): void {
  if (json) {
    writeJson(io, routing);
    return;
  }
  const entries = Object.entries(routing.currencies);
  const fields: Field[] = [
    ['merchant', routing.merchant_id],
    ['updated', orDash(routing.updated_at)],
    ...entries.map(([currency, providers]): Field => [currency, providers.join(', ')]),
  ];
  writeRecord(io, fields);
  if (entries.length === 0) {
    note(io, "No preference: payments without a provider follow the platform's default order.");
  }
}

export async function runGet(
  options: RoutingGetOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  writeRouting(io, options.json, await client.merchants.getRouting(options.merchantId));
}

/** Replaces the whole preference (PUT): currencies left out lose theirs. Reversible, so no confirmation. */
export async function runSet(
  options: RoutingSetOptions,
  io: IO,
  deps: Pick<Deps, 'createClient' | 'prompter'>,
): Promise<void> {
  if (options.clear === true && options.currency !== undefined) {
    throw new UsageError('Use --currency or --clear, not both.');
  }
  let currencies: Currencies = {};
  if (options.clear !== true) {
    if (options.currency !== undefined) currencies = options.currency;
    else {
      const answer = await valueOrAsk(
        undefined,
        {
          flag: '--currency',
          message: 'Providers per currency, in order (such as ZMW=mtn,airtel EUR=mtn):',
          validate: (value) => {
            const parsed = parseAnswer(value);
            return typeof parsed === 'string' ? parsed : true;
          },
        },
        io,
        deps,
      );
      currencies = parseAnswer(answer) as Currencies;
    }
  }
  const { client } = await connect(options, io, deps);
  const routing = await client.merchants.setRouting(options.merchantId, currencies);
  writeRouting(io, options.json, routing);
  if (!options.json) {
    success(
      io,
      options.clear === true
        ? `Cleared the routing preference of ${routing.merchant_id}.`
        : `Replaced the routing preference of ${routing.merchant_id}; currencies not listed follow the default order.`,
    );
  }
}

export function register(parent: Command, app: App): void {
  const routing = parent
    .command('routing')
    .description('The providers tried, in order, per currency, for payments without --provider');
  routing
    .command('get')
    .description("Show a merchant's routing preference")
    .argument('<merchant_id>', 'the merchant id (mer_…)')
    .action((merchantId: string, _flags: object, cmd: Command) =>
      runGet({ ...readGlobals(cmd), merchantId }, app.io, app.deps),
    );
  routing
    .command('set')
    .description(
      "Replace a merchant's whole routing preference: currencies not given lose theirs (no confirmation)",
    )
    .argument('<merchant_id>', 'the merchant id (mer_…)')
    .option(
      '--currency <CUR=providers>',
      `providers to try in order, such as ZMW=mtn,airtel; repeat per currency (${PROVIDERS.join(', ')})`,
      currencyEntry,
    )
    .option('--clear', 'remove every preference (the default order applies)')
    .addHelpText(
      'after',
      `
The preference is replaced as a whole: "set mer_… --currency EUR=mtn" drops ZMW if it had one.
The next provider is tried only when the first certainly did not take the payment.

Example:
  molam merchants routing set mer_… --currency ZMW=mtn,airtel,zamtel --currency EUR=mtn`,
    )
    .action(
      (
        merchantId: string,
        flags: Omit<RoutingSetOptions, keyof GlobalOptions | 'merchantId'>,
        cmd: Command,
      ) => runSet({ ...readGlobals(cmd), merchantId, ...flags }, app.io, app.deps),
    );
}
