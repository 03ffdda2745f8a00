import type { AnalyticsTotals } from '@molam/sdk';

/** What the KPI cards show for a period: the server's totals, and the ratios made from them. */
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
  /** Distinct customers who paid in the period. */
  customers: number;
}

const EMPTY: AnalyticsTotals = {
  transactions: 0,
  successful: 0,
  failed: 0,
  refunds: 0,
  revenue: 0,
  fees: 0,
  net_revenue: 0,
  customers: 0,
  new_customers: 0,
};

export function periodFigures(totals: AnalyticsTotals = EMPTY): PeriodFigures {
  const { transactions, successful, revenue } = totals;
  return {
    revenue,
    netRevenue: totals.net_revenue,
    transactions,
    successful,
    failed: totals.failed,
    successRate: transactions === 0 ? null : successful / transactions,
    averageTransaction: successful === 0 ? null : Math.round(revenue / successful),
    customers: totals.customers,
  };
}
