import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AIRTEL_CLASSIFICATION,
  AIRTEL_ENQUIRY_TABLE,
} from '../../src/payments/providers/airtel/classification.js';
import { type ClassificationRule, classify } from '../../src/payments/providers/classification.js';
import { MTN_CLASSIFICATION, MTN_STATUS_TABLE } from '../../src/payments/providers/mtn/classification.js';
import { ZAMTEL_CLASSIFICATION } from '../../src/payments/providers/zamtel/classification.js';

/** Table cells as the formatter pads them, compared without the padding. */
const squeeze = (text: string) => text.replace(/ +/g, ' ');
const readme = squeeze(
  readFileSync(new URL('../../src/payments/providers/README.md', import.meta.url), 'utf8'),
);
const any = (value: string | number) => (value === '*' ? 'any' : String(value));

const tables = { MTN: MTN_CLASSIFICATION, Airtel: AIRTEL_CLASSIFICATION, Zamtel: ZAMTEL_CLASSIFICATION };

describe('classification tables', () => {
  it.each(Object.entries(tables))('%s ends every operation with a catch-all row', (_name, table) => {
    for (const operation of new Set(table.map((rule) => rule.operation))) {
      const last = table.filter((rule) => rule.operation === operation).at(-1);
      expect(last).toMatchObject({ status: '*', code: '*' });
    }
  });

  it.each(Object.entries(tables))(
    '%s: final rows say which failure and whether to fall back',
    (_name, table) => {
      for (const rule of table.filter((row) => row.decision === 'final')) {
        expect(rule.failure).toBeDefined();
        expect(rule.fallbackAllowed).toBeTypeOf('boolean');
      }
    },
  );

  it('matches the first row in table order, codes before statuses where listed first', () => {
    expect(classify(MTN_CLASSIFICATION, 'submit', 500, ['NOT_ALLOWED']).decision).toBe('final');
    expect(classify(MTN_CLASSIFICATION, 'submit', 500, ['INTERNAL_PROCESSING_ERROR']).decision).toBe(
      'ambiguous',
    );
    expect(classify(MTN_CLASSIFICATION, 'submit', 'not_sent', []).decision).toBe('retry');
    expect(classify(AIRTEL_CLASSIFICATION, 'submit', 200, ['DP00800001007', 'ESB000010']).failure).toBe(
      'insufficient_funds',
    );
    expect(classify([], 'status', 200, []).decision).toBe('ambiguous');
  });
});

describe('the operators README lists the tables as they are', () => {
  const row = (rule: ClassificationRule) =>
    `| ${rule.operation} | ${any(rule.status)} | ${any(rule.code)} | ${rule.decision} | ${rule.failure ?? ''} | ${
      rule.fallbackAllowed === undefined ? '' : rule.fallbackAllowed ? 'yes' : 'no'
    } | ${rule.meaning} |`;

  it.each(Object.entries(tables))('%s classification', (_name, table) => {
    for (const rule of table) expect(readme).toContain(squeeze(row(rule)));
  });

  it('MTN status and Airtel enquiry mappings', () => {
    for (const rule of MTN_STATUS_TABLE) {
      const cells = `| ${rule.status} | ${any(rule.reason)} | ${rule.outcome} | ${rule.failure ?? ''} |`;
      expect(readme).toContain(squeeze(cells));
    }
    for (const rule of AIRTEL_ENQUIRY_TABLE) {
      expect(readme).toContain(squeeze(`| ${rule.status} | ${rule.outcome} | ${rule.failure ?? ''} |`));
    }
  });
});
