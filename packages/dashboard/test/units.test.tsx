import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { KpiCard } from '../src/components/KpiCard.js';
import { daysIn, rangeOf } from '../src/dates.js';
import { periodFigures } from '../src/figures.js';
import { change, formatMoney, toMajor } from '../src/format.js';
import { hrefOf, parseRoute } from '../src/router.js';

afterEach(cleanup);

const bucket = (values: Partial<Record<string, number | null>>) => ({
  date: '2026-12-01',
  hour: null,
  transactions: 0,
  successful: 0,
  failed: 0,
  refunds: 0,
  revenue: 0,
  fees: 0,
  net_revenue: 0,
  customers: 0,
  new_customers: 0,
  ...values,
});

describe('figures of a period', () => {
  it('sums the days and makes the ratios from the sums', () => {
    const figures = periodFigures([
      bucket({
        transactions: 3,
        successful: 2,
        failed: 1,
        revenue: 3000,
        net_revenue: 2900,
        new_customers: 1,
      }),
      bucket({ transactions: 1, successful: 1, revenue: 1001, net_revenue: 990, new_customers: null }),
    ]);
    expect(figures).toEqual({
      revenue: 4001,
      netRevenue: 3890,
      transactions: 4,
      successful: 3,
      failed: 1,
      successRate: 0.75,
      averageTransaction: 1334,
      newCustomers: 1,
    });
  });

  it('has no ratios for an empty period', () => {
    expect(periodFigures([])).toMatchObject({ successRate: null, averageTransaction: null, revenue: 0 });
    expect(change(5, 0)).toBeNull();
    expect(change(150, 100)).toBe(0.5);
  });
});

describe('money and dates', () => {
  it('formats minor units by the currency’s own digits', () => {
    // Intl puts a no-break space between the code and the number.
    const plain = (text: string) => text.replace(/\s/g, ' ');
    expect(plain(formatMoney(125_000, 'ZMW', 'en-US'))).toBe('ZMW 1,250.00');
    expect(plain(formatMoney(5000, 'XOF', 'en-US'))).toBe('XOF 5,000');
    expect(toMajor(1250, 'ZMW')).toBe(12.5);
  });

  it('counts ranges in the merchant’s calendar, across a month’s end', () => {
    expect(rangeOf('7d', '2026-12-03')).toEqual({ from: '2026-11-27', to: '2026-12-03' });
    expect(rangeOf('month', '2026-12-03')).toEqual({ from: '2026-12-01', to: '2026-12-03' });
    expect(daysIn(rangeOf('30d', '2026-03-29'))).toBe(30);
  });
});

describe('routes', () => {
  it('round-trips every page through its path', () => {
    for (const route of [
      { page: 'overview' },
      { page: 'payments' },
      { page: 'payment', id: 'pay_01X' },
    ] as const) {
      expect(parseRoute(hrefOf(route))).toEqual(route);
    }
    expect(parseRoute('/elsewhere')).toEqual({ page: 'overview' });
  });
});

describe('a KPI card', () => {
  it('shows the value and the change in words, coloured by direction', () => {
    render(<KpiCard label="Revenue" value="ZMW 12.50" change={-0.25} />);
    expect(screen.getByTestId('kpi-Revenue').textContent).toBe('ZMW 12.50');
    const changeLine = screen.getByText(/vs previous period/);
    expect(changeLine.textContent).toBe('-25% vs previous period');
    expect(changeLine.className).toContain('down');
  });

  it('says when there is nothing to compare with', () => {
    render(<KpiCard label="Customers" value="3" change={null} />);
    expect(screen.getByText('no previous figure')).toBeTruthy();
  });
});
