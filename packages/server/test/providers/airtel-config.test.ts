import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAirtelAdapter } from '../../src/payments/providers/airtel/adapter.js';
import { loadAirtelConfig } from '../../src/payments/providers/airtel/config.js';
import { nationalNumber } from '../../src/payments/providers/airtel/countries.js';
import { ProviderConfigError } from '../../src/payments/providers/env.js';
import { collectCalls, testPayment } from './helpers.js';

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();
const base = {
  AIRTEL_BASE_URL: 'https://openapiuat.airtel.africa',
  AIRTEL_CLIENT_ID: 'id',
  AIRTEL_CLIENT_SECRET: 'secret',
  AIRTEL_COUNTRY: 'ZM',
};

describe('Airtel configuration', () => {
  it('is disabled with the variables to set', () => {
    expect(loadAirtelConfig({ AIRTEL_CLIENT_ID: 'x' })).toEqual({
      enabled: false,
      reason: 'Airtel is disabled: set AIRTEL_BASE_URL, AIRTEL_CLIENT_SECRET, AIRTEL_COUNTRY',
    });
  });

  it('collects without a PIN, and says what disbursement needs', async () => {
    const result = loadAirtelConfig(base);
    if (!result.enabled) throw new Error(result.reason);
    expect(result.config.disabledFlows.disbursement).toBe(
      'Airtel disbursement is disabled: set AIRTEL_DISBURSEMENT_PIN, AIRTEL_PIN_PUBLIC_KEY',
    );
    const adapter = createAirtelAdapter(result.config);
    expect(adapter.capabilities).toMatchObject({ flows: ['collection'], currencies: ['ZMW'] });
    expect(await adapter.submit(testPayment({ flow: 'disbursement' }), collectCalls().log)).toMatchObject({
      kind: 'rejected',
      code: 'not_allowed',
      fallbackAllowed: true,
      reason: expect.stringContaining('AIRTEL_DISBURSEMENT_PIN'),
    });
    await adapter.close?.();
  });

  it('accepts a PEM written with \\n escapes and defaults the padding to PKCS#1', () => {
    const result = loadAirtelConfig({
      ...base,
      AIRTEL_DISBURSEMENT_PIN: '1234',
      AIRTEL_PIN_PUBLIC_KEY: pem.replace(/\n/g, '\\n'),
    });
    if (!result.enabled) throw new Error(result.reason);
    expect(result.config.disbursement?.padding).toBe('pkcs1');
    expect(result.config.disabledFlows).toEqual({});
  });

  it('throws on a bad key, padding, country or PIN, naming each variable', () => {
    try {
      loadAirtelConfig({
        ...base,
        AIRTEL_COUNTRY: 'FR',
        AIRTEL_DISBURSEMENT_PIN: '12ab',
        AIRTEL_PIN_PUBLIC_KEY: 'not a key',
        AIRTEL_PIN_PADDING: 'none',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProviderConfigError);
      expect((error as ProviderConfigError).problems.map((problem) => problem.field).sort()).toEqual([
        'AIRTEL_COUNTRY',
        'AIRTEL_DISBURSEMENT_PIN',
        'AIRTEL_PIN_PADDING',
        'AIRTEL_PIN_PUBLIC_KEY',
      ]);
      expect((error as Error).message).not.toContain('12ab');
    }
  });

  it('strips the country calling code from MSISDNs', () => {
    expect(nationalNumber('260971234567', 'ZM')).toBe('971234567');
    expect(nationalNumber('256701234567', 'UG')).toBe('701234567');
    expect(nationalNumber('256701234567', 'ZM')).toBeUndefined();
    expect(nationalNumber('260', 'ZM')).toBeUndefined();
  });
});
