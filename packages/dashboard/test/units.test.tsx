import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { KpiCard } from '../src/components/KpiCard.js';
import { daysIn, rangeOf } from '../src/dates.js';
import { periodFigures } from '../src/figures.js';
import { change, formatMoney, toMajor } from '../src/format.js';
import { hrefOf, parseRoute } from '../src/router.js';

afterEach(cleanup);

describe('figures of a period', () => {
  const totals = {
    transactions: 4,
    successful: 3,
    failed: 1,
    refunds: 0,
    revenue: 4001,
    fees: 111,
    net_revenue: 3890,
    customers: 2,
    new_customers: 1,
  };

  it('takes the server’s totals and makes the ratios from them', () => {
    expect(periodFigures(totals)).toEqual({
      revenue: 4001,
      netRevenue: 3890,
      transactions: 4,
      successful: 3,
      failed: 1,
      successRate: 0.75,
      averageTransaction: 1334,
      customers: 2,
    });
  });

  it('has no ratios for an empty period', () => {
    expect(periodFigures()).toMatchObject({ successRate: null, averageTransaction: null, revenue: 0 });
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
    // ISO 4217 gives MGA two decimals, whatever the browser's own data says.
    expect(plain(formatMoney(125_000, 'MGA', 'en-US'))).toBe('MGA 1,250.00');
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
