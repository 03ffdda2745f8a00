import { describe, expect, it } from 'vitest';
import { ProviderConfigError } from '../../src/payments/providers/env.js';
import { createMtnAdapter } from '../../src/payments/providers/mtn/adapter.js';
import { loadMtnConfig } from '../../src/payments/providers/mtn/config.js';
import { collectCalls, testPayment } from './helpers.js';

const collectionEnv = {
  MTN_BASE_URL: 'https://sandbox.momodeveloper.example',
  MTN_COLLECTION_API_USER: 'user',
  MTN_COLLECTION_PRIMARY_KEY: 'key',
  MTN_COLLECTION_SUBSCRIPTION_KEY: 'sub',
  MTN_COLLECTION_TARGET_ENVIRONMENT: 'mtnzambia',
};

describe('MTN configuration', () => {
  it('is disabled with the variables to set when nothing is configured', () => {
    const result = loadMtnConfig({});
    expect(result).toEqual({
      enabled: false,
      reason:
        'MTN collection is disabled: set MTN_BASE_URL, MTN_COLLECTION_API_USER, MTN_COLLECTION_PRIMARY_KEY, ' +
        'MTN_COLLECTION_SUBSCRIPTION_KEY, MTN_COLLECTION_TARGET_ENVIRONMENT; MTN disbursement is disabled: set ' +
        'MTN_BASE_URL, MTN_DISBURSEMENT_API_USER, MTN_DISBURSEMENT_PRIMARY_KEY, MTN_DISBURSEMENT_SUBSCRIPTION_KEY, ' +
        'MTN_DISBURSEMENT_TARGET_ENVIRONMENT',
    });
  });

  it('enables one flow, says why the other is off, and refuses it without a call', async () => {
    const result = loadMtnConfig({ ...collectionEnv, MTN_DISBURSEMENT_API_USER: 'u', MTN_TIMEOUT_MS: '' });
    if (!result.enabled) throw new Error(result.reason);
    expect(result.config.timeoutMs).toBe(10_000);
    expect(result.config.disabledFlows.disbursement).toBe(
      'MTN disbursement is disabled: set MTN_DISBURSEMENT_PRIMARY_KEY, MTN_DISBURSEMENT_SUBSCRIPTION_KEY, ' +
        'MTN_DISBURSEMENT_TARGET_ENVIRONMENT',
    );
    const adapter = createMtnAdapter(result.config);
    expect(adapter.capabilities).toMatchObject({ flows: ['collection'], currencies: ['ZMW'] });
    expect(await adapter.submit(testPayment({ flow: 'disbursement' }), collectCalls().log)).toMatchObject({
      kind: 'rejected',
      code: 'not_allowed',
      fallbackAllowed: true,
      reason: expect.stringContaining('MTN_DISBURSEMENT_PRIMARY_KEY'),
    });
    await adapter.close?.();
  });

  it('throws on malformed values, naming them and never echoing them', () => {
    const attempt = () =>
      loadMtnConfig({
        ...collectionEnv,
        MTN_BASE_URL: 'ftp://nope',
        MTN_TIMEOUT_MS: 'soon',
        MTN_COLLECTION_PRIMARY_KEY: 'k',
      });
    expect(attempt).toThrow(ProviderConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ProviderConfigError).problems.map((problem) => problem.field);
      expect(problems).toEqual(['MTN_BASE_URL', 'MTN_TIMEOUT_MS']);
      expect((error as Error).message).not.toContain('soon');
    }
  });

  it('advertises the currency of the target environment, EUR for the sandbox', () => {
    const result = loadMtnConfig({ ...collectionEnv, MTN_COLLECTION_TARGET_ENVIRONMENT: 'sandbox' });
    if (!result.enabled) throw new Error(result.reason);
    const adapter = createMtnAdapter(result.config);
    expect(adapter.capabilities.currencies).toEqual(['EUR']);
    void adapter.close?.();
  });
});
