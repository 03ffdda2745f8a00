import type { AnalyticsSeries, Molam } from '@molam/sdk';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Breakdowns } from '../components/Breakdowns.js';
import { KpiCard } from '../components/KpiCard.js';
import { ErrorState, Loading } from '../components/states.js';
import { PALETTE, TrendChart } from '../components/TrendChart.js';
import { type DateRange, daysIn, PRESETS, type Preset, rangeOf, rangeProblem } from '../dates.js';
import { periodFigures } from '../figures.js';
import { change, formatCount, formatMoney, formatPercent, toMajor } from '../format.js';

/** Unix seconds of each bucket: its hour, or its local day drawn at midnight UTC (the axis shows dates). */
const timesOf = (series: AnalyticsSeries) =>
  series.data.map((bucket) => Date.parse(bucket.hour ?? `${bucket.date}T00:00:00Z`) / 1000);

export function Overview({ molam }: { molam: Molam }) {
  const [preset, setPreset] = useState<Preset>('30d');
  const [custom, setCustom] = useState<DateRange | null>(null);
  const [currency, setCurrency] = useState<string | undefined>(undefined);
  const [hourly, setHourly] = useState(false);
  const context = useQuery({
    queryKey: ['overview', currency],
    // The page (and the control just used) stays while another currency loads.
    placeholderData: keepPreviousData,
    queryFn: () => molam.analytics.overview(currency ? { currency } : {}),
  });
  const today = context.data?.today.date;
  const typed = today ? rangeOf('custom', today, custom ?? undefined) : null;
  const problem = preset === 'custom' && typed && today ? rangeProblem(typed, today) : null;
  const range = today && problem === null ? rangeOf(preset, today, typed ?? undefined) : null;
  const granularity = hourly && range && daysIn(range) <= 7 ? 'hourly' : 'daily';
  const series = useQuery({
    placeholderData: keepPreviousData,
    queryKey: ['series', range?.from, range?.to, granularity, context.data?.currency],
    enabled: range !== null && context.data !== undefined && problem === null,
    queryFn: () =>
      molam.analytics.series({
        start_date: range?.from ?? '',
        end_date: range?.to ?? '',
        granularity,
        compare: 'previous',
        currency: context.data?.currency,
      }),
  });
  const chart = useMemo(() => {
    if (!series.data) return null;
    const buckets = series.data.data;
    const currencyCode = series.data.currency;
    return {
      times: timesOf(series.data),
      revenue: [
        {
          label: 'Revenue',
          values: buckets.map((b) => toMajor(b.revenue, currencyCode)),
          color: PALETTE.blue,
        },
      ],
      volume: [
        { label: 'Successful', values: buckets.map((b) => b.successful), color: PALETTE.green },
        { label: 'Failed', values: buckets.map((b) => b.failed), color: PALETTE.vermillion },
      ],
    };
  }, [series.data]);

  if (context.isPending) return <Loading what="your figures" />;
  if (context.isError) return <ErrorState error={context.error} retry={() => context.refetch()} />;
  const money = (minor: number) => formatMoney(minor, context.data.currency);

  return (
    <section aria-labelledby="overview-title">
      <header className="page-header">
        <h2 id="overview-title">Overview</h2>
        <p className="muted">
          Days in {context.data.time_zone}; every event received before{' '}
          {new Date(context.data.as_of).toLocaleTimeString()} is counted.
        </p>
      </header>
      <fieldset className="toolbar">
        <legend className="visually-hidden">Period, granularity and currency</legend>
        {PRESETS.map((option) => (
          <button
            key={option.id}
            type="button"
            aria-pressed={preset === option.id}
            onClick={() => setPreset(option.id)}
          >
            {option.label}
          </button>
        ))}
        {preset === 'custom' && typed ? (
          <>
            <label>
              From{' '}
              <input
                type="date"
                value={typed.from}
                max={today}
                onChange={(event) => setCustom({ ...typed, from: event.target.value })}
              />
            </label>
            <label>
              To{' '}
              <input
                type="date"
                value={typed.to}
                max={today}
                onChange={(event) => setCustom({ ...typed, to: event.target.value })}
              />
            </label>
          </>
        ) : null}
        <label>
          <input type="checkbox" checked={hourly} onChange={(event) => setHourly(event.target.checked)} />{' '}
          Hourly (7 days at most)
        </label>
        <label>
          Currency{' '}
          <select value={context.data.currency} onChange={(event) => setCurrency(event.target.value)}>
            {[...new Set([context.data.currency, ...context.data.currencies])].map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        </label>
      </fieldset>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : series.isPending ? (
        <Loading what="the period" />
      ) : series.isError ? (
        <ErrorState error={series.error} retry={() => series.refetch()} />
      ) : (
        <>
          <Figures series={series.data} money={money} chart={chart} />
          {range && range.to === today ? (
            <Breakdowns
              molam={molam}
              days={daysIn(range)}
              currency={series.data.currency}
              totals={series.data.totals}
            />
          ) : (
            <p className="muted">
              Payment methods, products and customers are shown for periods that end today.
            </p>
          )}
        </>
      )}
    </section>
  );
}

interface FiguresProps {
  series: AnalyticsSeries;
  money: (minor: number) => string;
  chart: {
    times: number[];
    revenue: { label: string; values: number[]; color: string }[];
    volume: { label: string; values: number[]; color: string }[];
  } | null;
}

function Figures({ series, money, chart }: FiguresProps) {
  const now = periodFigures(series.totals);
  const before = periodFigures(series.previous_totals);
  const ratioChange = (a: number | null, b: number | null) =>
    a === null || b === null ? null : change(a, b);
  return (
    <>
      <div className="kpis">
        <KpiCard label="Revenue" value={money(now.revenue)} change={change(now.revenue, before.revenue)} />
        <KpiCard
          label="Net revenue"
          value={money(now.netRevenue)}
          change={change(now.netRevenue, before.netRevenue)}
        />
        <KpiCard
          label="Transactions"
          value={formatCount(now.transactions)}
          change={change(now.transactions, before.transactions)}
        />
        <KpiCard
          label="Success rate"
          value={now.successRate === null ? '–' : formatPercent(now.successRate)}
          change={ratioChange(now.successRate, before.successRate)}
        />
        <KpiCard
          label="Average transaction"
          value={now.averageTransaction === null ? '–' : money(now.averageTransaction)}
          change={ratioChange(now.averageTransaction, before.averageTransaction)}
        />
        <KpiCard
          label="Customers"
          value={formatCount(now.customers)}
          change={change(now.customers, before.customers)}
        />
      </div>
      {chart ? (
        <div className="charts">
          <figure>
            <figcaption>Revenue ({series.currency})</figcaption>
            <TrendChart
              times={chart.times}
              series={chart.revenue}
              description={`Revenue per ${series.granularity === 'hourly' ? 'hour' : 'day'}, ${series.start_date} to ${series.end_date}: ${money(now.revenue)} in all.`}
            />
          </figure>
          <figure>
            <figcaption>Successful and failed payments</figcaption>
            <TrendChart
              times={chart.times}
              series={chart.volume}
              description={`${now.successful} successful and ${now.failed} failed, ${series.start_date} to ${series.end_date}.`}
            />
          </figure>
        </div>
      ) : null}
    </>
  );
}
