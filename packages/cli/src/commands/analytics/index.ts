import type { Command } from 'commander';
import type { AnalyticsBucket } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { formatMoney } from '../../money.js';
import { type Column, writeTable } from '../../output/table.js';
import { note, orDash, writeJson, writeRecord } from '../../output/write.js';
import { calendarDate } from '../shared/dates.js';
import { integerBetween } from '../shared/parse.js';

export interface AnalyticsOptions extends GlobalOptions {
  currency?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  hourly?: boolean | undefined;
  days?: number | undefined;
  limit?: number | undefined;
}

type Run = (options: AnalyticsOptions, io: IO, deps: Pick<Deps, 'createClient'>) => Promise<void>;

const growth = (value: string | null) => (value === null ? '-' : `${value} %`);
const currency = (options: AnalyticsOptions) =>
  options.currency === undefined ? {} : { currency: options.currency.toUpperCase() };

/** Which figures these are: the currency, the zone, and how fresh. */
function context(io: IO, result: { currency: string; time_zone: string; as_of: string }): void {
  note(io, `In ${result.currency}, ${result.time_zone} days; every event received before ${result.as_of}.`);
}

export const runOverview: Run = async (options, io, deps) => {
  const { client } = await connect(options, io, deps);
  const result = await client.analytics.overview(currency(options));
  if (options.json) return writeJson(io, result);
  const money = (amount: number) => formatMoney(amount, result.currency);
  writeRecord(io, [
    ['Today', result.today.date],
    ['Transactions', `${result.today.transactions} (${growth(result.today.transaction_growth)})`],
    ['Successful', String(result.today.successful_transactions)],
    ['Failed', String(result.today.failed_transactions)],
    ['Refunds', String(result.today.refunds)],
    ['Revenue', `${money(result.today.revenue)} (${growth(result.today.revenue_growth)})`],
    ['Fees', money(result.today.fees)],
    ['Net revenue', money(result.today.net_revenue)],
    ['Average', money(result.today.avg_transaction)],
    ['Month from', result.month.start_date],
    ['Month transactions', `${result.month.transactions} (${growth(result.month.transaction_growth)})`],
    ['Month revenue', `${money(result.month.revenue)} (${growth(result.month.revenue_growth)})`],
    ['Month customers', String(result.month.customers)],
  ]);
  context(io, result);
};

export const runSeries: Run = async (options, io, deps) => {
  if (options.from === undefined || options.to === undefined) {
    throw new UsageError('Give --from and --to (YYYY-MM-DD).');
  }
  const { client } = await connect(options, io, deps);
  const result = await client.analytics.series({
    start_date: options.from,
    end_date: options.to,
    granularity: options.hourly ? 'hourly' : 'daily',
    ...currency(options),
  });
  if (options.json) return writeJson(io, result);
  const money = (amount: number) => formatMoney(amount, result.currency);
  const columns: Column<AnalyticsBucket>[] = [
    { header: options.hourly ? 'HOUR' : 'DATE', value: (row) => row.hour ?? row.date },
    { header: 'TRANSACTIONS', value: (row) => String(row.transactions) },
    { header: 'FAILED', value: (row) => String(row.failed) },
    { header: 'REFUNDS', value: (row) => String(row.refunds) },
    { header: 'REVENUE', value: (row) => money(row.revenue) },
    { header: 'NET', value: (row) => money(row.net_revenue) },
    { header: 'CUSTOMERS', value: (row) => orDash(row.customers === null ? null : String(row.customers)) },
    { header: 'NEW', value: (row) => orDash(row.new_customers === null ? null : String(row.new_customers)) },
  ];
  await writeTable(io, result.data, columns);
  context(io, result);
};

export const runMethods: Run = async (options, io, deps) => {
  const { client } = await connect(options, io, deps);
  const result = await client.analytics.paymentMethods({
    ...(options.days === undefined ? {} : { days: options.days }),
    ...currency(options),
  });
  if (options.json) return writeJson(io, result);
  await writeTable(io, result.payment_methods, [
    { header: 'METHOD', value: (row) => row.method },
    { header: 'COUNT', value: (row) => String(row.count) },
    { header: 'AMOUNT', value: (row) => formatMoney(row.amount, result.currency) },
  ]);
  context(io, result);
};

export const runProducts: Run = async (options, io, deps) => {
  const { client } = await connect(options, io, deps);
  const result = await client.analytics.topProducts({
    ...(options.days === undefined ? {} : { days: options.days }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...currency(options),
  });
  if (options.json) return writeJson(io, result);
  await writeTable(io, result.products, [
    { header: 'PRODUCT', value: (row) => row.product_id },
    { header: 'NAME', value: (row) => orDash(row.product_name) },
    { header: 'SOLD', value: (row) => String(row.transactions) },
    { header: 'AMOUNT', value: (row) => formatMoney(row.amount, result.currency) },
  ]);
  context(io, result);
};

export const runCustomers: Run = async (options, io, deps) => {
  const { client } = await connect(options, io, deps);
  const result = await client.analytics.customers({
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...currency(options),
  });
  if (options.json) return writeJson(io, result);
  note(
    io,
    `${result.summary.total_customers} customers, ${result.summary.avg_transactions} payments and ${formatMoney(result.summary.avg_spend, result.currency)} each on average.`,
  );
  await writeTable(io, result.top_customers, [
    { header: 'CUSTOMER', value: (row) => row.customer_id },
    { header: 'PAYMENTS', value: (row) => String(row.transactions) },
    { header: 'SPENT', value: (row) => formatMoney(row.total_spent, result.currency) },
    { header: 'FIRST', value: (row) => row.first_transaction },
    { header: 'LAST', value: (row) => row.last_transaction },
  ]);
  context(io, result);
};

export function register(program: Command, app: App): void {
  const analytics = program
    .command('analytics')
    .description(
      'Your figures, per currency and in your time zone: overview, series, methods, products, customers',
    );
  const action = (run: Run) => (flags: Omit<AnalyticsOptions, keyof GlobalOptions>, cmd: Command) =>
    run({ ...readGlobals(cmd), ...flags }, app.io, app.deps);
  const currencyFlag = [
    '--currency <code>',
    "the currency of every figure (default: the merchant's)",
  ] as const;
  const daysFlag = [
    '--days <n>',
    'the last n days, today included (default 30)',
    integerBetween(1, 366),
  ] as const;
  analytics
    .command('overview')
    .description('Today and this month, against the period before')
    .option(...currencyFlag)
    .action(action(runOverview));
  analytics
    .command('series')
    .description('Per day (up to 366) or per hour (up to 7 days), zeros included')
    .option('--from <day>', 'the first day (YYYY-MM-DD)', calendarDate)
    .option('--to <day>', 'the last day (YYYY-MM-DD), included', calendarDate)
    .option('--hourly', 'one row per hour')
    .option(...currencyFlag)
    .action(action(runSeries));
  analytics
    .command('methods')
    .description('Succeeded payments by payment method')
    .option(...daysFlag)
    .option(...currencyFlag)
    .action(action(runMethods));
  analytics
    .command('products')
    .description('The products that sold most')
    .option(...daysFlag)
    .option('--limit <n>', 'how many (1-100, default 10)', integerBetween(1, 100))
    .option(...currencyFlag)
    .action(action(runProducts));
  analytics
    .command('customers')
    .description('A summary, and the customers who spent most')
    .option('--limit <n>', 'how many (1-100, default 50)', integerBetween(1, 100))
    .option(...currencyFlag)
    .action(action(runCustomers));
}
