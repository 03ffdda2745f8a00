import { formatPercent } from '../format.js';

export interface KpiCardProps {
  label: string;
  value: string;
  /** The change against the previous period (0.052 = +5.2 %), or null when there is none to show. */
  change: number | null;
}

export function KpiCard({ label, value, change }: KpiCardProps) {
  const direction = change === null ? 'flat' : change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  const sign = change !== null && change > 0 ? '+' : '';
  return (
    <article className="kpi" aria-label={label}>
      <h3>{label}</h3>
      <p className="kpi-value" data-testid={`kpi-${label}`}>
        {value}
      </p>
      <p className={`kpi-change ${direction}`}>
        {change === null ? 'no previous figure' : `${sign}${formatPercent(change)} vs previous period`}
      </p>
    </article>
  );
}
