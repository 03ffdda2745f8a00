import { describe, expect, it } from 'vitest';
import { assessRisk, parseThresholds, SEED_THRESHOLDS } from '../src/transfers/risk.js';

// Seed 002's table, rule by rule, at the seed's USD thresholds (minor units: $5,000.00 = 500 000).
const USD = SEED_THRESHOLDS.USD ?? { first: 0, second: 0 };
const calm = { amount: 100_000, currency: 'USD', transfersToday: 0, sanctioned: false, kycVerified: true };

describe('risk', () => {
  it('scores nothing for a small transfer by a verified customer', () => {
    expect(assessRisk(calm, USD)).toEqual({ score: 0, level: 'LOW', rules: [] });
  });

  it('adds 30 above $5,000 (not at it)', () => {
    expect(assessRisk({ ...calm, amount: 500_000 }, USD).score).toBe(0);
    expect(assessRisk({ ...calm, amount: 500_001 }, USD)).toEqual({
      score: 30,
      level: 'LOW',
      rules: ['amount_above_first_threshold'],
    });
  });

  it('adds 20 more above $10,000: HIGH', () => {
    expect(assessRisk({ ...calm, amount: 1_000_000 }, USD).score).toBe(30);
    expect(assessRisk({ ...calm, amount: 1_500_000 }, USD)).toEqual({
      score: 50,
      level: 'HIGH',
      rules: ['amount_above_first_threshold', 'amount_above_second_threshold'],
    });
  });

  it('adds 25 for more than five transfers today (not five)', () => {
    expect(assessRisk({ ...calm, transfersToday: 5 }, USD).score).toBe(0);
    expect(assessRisk({ ...calm, transfersToday: 6 }, USD)).toMatchObject({ score: 25, level: 'LOW' });
  });

  it('adds 100 for a sanctioned party: HIGH on its own', () => {
    expect(assessRisk({ ...calm, sanctioned: true }, USD)).toEqual({
      score: 100,
      level: 'HIGH',
      rules: ['sanctioned'],
    });
  });

  it('adds 40 when KYC is not verified, HIGH with any other rule', () => {
    expect(assessRisk({ ...calm, kycVerified: false }, USD)).toMatchObject({ score: 40, level: 'LOW' });
    expect(assessRisk({ ...calm, kycVerified: false, transfersToday: 6 }, USD)).toMatchObject({
      score: 65,
      level: 'HIGH',
    });
  });

  it('adds every rule that fires', () => {
    const all = assessRisk(
      { amount: 2_000_000, currency: 'USD', transfersToday: 9, sanctioned: true, kycVerified: false },
      USD,
    );
    expect(all).toMatchObject({ score: 215, level: 'HIGH' });
    expect(all.rules).toHaveLength(5);
  });

  it('reads thresholds per currency from configuration', () => {
    expect(parseThresholds('USD:500000:1000000,XOF:3000000:6000000')).toEqual({
      USD: { first: 500_000, second: 1_000_000 },
      XOF: { first: 3_000_000, second: 6_000_000 },
    });
    expect(() => parseThresholds('usd:1:2')).toThrow(/CUR:first:second/);
    expect(() => parseThresholds('USD:10:5')).toThrow(/below the second/);
  });
});
