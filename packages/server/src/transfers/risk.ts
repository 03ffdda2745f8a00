/**
 * Seed 002's risk table, exactly: amount over the first threshold +30, over the second +20, more than five
 * transfers by the customer today +25, a sanctioned party +100, KYC not verified +40; 50 or more is HIGH and
 * needs an OTP. The seed's thresholds are USD 5,000 and 10,000; other currencies will take theirs from
 * configuration, in minor units, in the `CUR:first:second` form `parseThresholds` reads (the setting arrives
 * with the transfer endpoint).
 */

export type RiskRule =
  | 'amount_above_first_threshold'
  | 'amount_above_second_threshold'
  | 'many_transfers_today'
  | 'sanctioned'
  | 'kyc_not_verified';

export const RISK_POINTS: Record<RiskRule, number> = {
  amount_above_first_threshold: 30,
  amount_above_second_threshold: 20,
  many_transfers_today: 25,
  sanctioned: 100,
  kyc_not_verified: 40,
};

/** HIGH from this score up: the transfer needs an OTP. */
export const HIGH_RISK_SCORE = 50;
/** More than this many transfers by the customer today adds points. */
export const DAILY_TRANSFERS_BEFORE_RISK = 5;

export interface RiskThresholds {
  /** Minor units: above it, +30. */
  first: number;
  /** Minor units: above it, +20 more. */
  second: number;
}

/** The seed's own figures, for USD (minor units). */
export const SEED_THRESHOLDS: Record<string, RiskThresholds> = { USD: { first: 500_000, second: 1_000_000 } };

export interface RiskInput {
  amount: number;
  currency: string;
  /** The customer's transfers today, this one included: the sixth of the day is "more than five". */
  transfersToday: number;
  sanctioned: boolean;
  kycVerified: boolean;
}

export interface RiskAssessment {
  score: number;
  level: 'LOW' | 'HIGH';
  /** The rules that fired, in the table's order. */
  rules: RiskRule[];
}

/** Reads `USD:500000:1000000,XOF:3000000:6000000`; throws a message naming the bad part. */
export function parseThresholds(text: string): Record<string, RiskThresholds> {
  const thresholds: Record<string, RiskThresholds> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const match = /^([A-Z]{3}):(\d+):(\d+)$/.exec(part.trim());
    if (!match) throw new Error(`"${part}" is not CUR:first:second (minor units)`);
    const [, currency = '', first, second] = match;
    if (Number(first) >= Number(second))
      throw new Error(`${currency}: the first threshold must be below the second`);
    thresholds[currency] = { first: Number(first), second: Number(second) };
  }
  return thresholds;
}

export function assessRisk(input: RiskInput, thresholds: RiskThresholds): RiskAssessment {
  const rules: RiskRule[] = [];
  if (input.amount > thresholds.first) rules.push('amount_above_first_threshold');
  if (input.amount > thresholds.second) rules.push('amount_above_second_threshold');
  if (input.transfersToday > DAILY_TRANSFERS_BEFORE_RISK) rules.push('many_transfers_today');
  if (input.sanctioned) rules.push('sanctioned');
  if (!input.kycVerified) rules.push('kyc_not_verified');
  const score = rules.reduce((total, rule) => total + RISK_POINTS[rule], 0);
  return { score, level: score >= HIGH_RISK_SCORE ? 'HIGH' : 'LOW', rules };
}
