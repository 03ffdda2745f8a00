import type { AnalyticsBucket } from '@molam/sdk';

/** What the KPI cards show for a period: sums of the days, and the ratios made from those sums. */
export interface PeriodFigures {
  revenue: number;
  netRevenue: number;
  transactions: number;
  successful: number;
  failed: number;
  /** Successful / transactions, or null when there were none. */
  successRate: number | null;
  /** Revenue / successful, rounded to a minor unit, or null when nothing succeeded. */
  averageTransaction: number | null;
  newCustomers: number;
}

export function periodFigures(buckets: readonly AnalyticsBucket[]): PeriodFigures {
  const sum = (pick: (bucket: AnalyticsBucket) => number | null) =>
    buckets.reduce((total, bucket) => total + (pick(bucket) ?? 0), 0);
  const transactions = sum((b) => b.transactions);
  const successful = sum((b) => b.successful);
  const revenue = sum((b) => b.revenue);
  return {
    revenue,
    netRevenue: sum((b) => b.net_revenue),
    transactions,
    successful,
    failed: sum((b) => b.failed),
    successRate: transactions === 0 ? null : successful / transactions,
    averageTransaction: successful === 0 ? null : Math.round(revenue / successful),
    newCustomers: sum((b) => b.new_customers),
  };
}
