import { describe, expect, it } from 'vitest';
import { maskMsisdn, REDACTED, redactBody, redactText } from '../../src/payments/providers/redact.js';

describe('redaction', () => {
  it('masks MSISDNs keeping the first 3 and last 2 digits', () => {
    expect(maskMsisdn('260971234567')).toBe('260*******67');
    expect(maskMsisdn('971234567')).toBe('971****67');
    expect(maskMsisdn('1234')).toBe('****');
  });

  it('replaces secret fields and masks phone-number fields at any depth', () => {
    const body = {
      client_id: 'abc',
      client_secret: 's3cr3t-value',
      pin: 'ENCRYPTED==',
      payer: { partyIdType: 'MSISDN', partyId: '46733123450' },
      subscriber: { msisdn: 971234567 },
      list: [{ Password: 'p' }],
      financialTransactionId: '1234567890',
    };
    expect(redactBody(body)).toEqual({
      client_id: 'abc',
      client_secret: REDACTED,
      pin: REDACTED,
      payer: { partyIdType: 'MSISDN', partyId: '467******50' },
      subscriber: { msisdn: '971****67' },
      list: [{ Password: REDACTED }],
      financialTransactionId: '1234567890',
    });
  });

  it('takes extra field names and scrubs secret values out of free text', () => {
    const redaction = { secretFields: ['tok'], msisdnFields: ['Phone'], secretValues: ['hunter22'] };
    expect(redactBody({ tok: 'x', phone: '260971234567', note: 'pw hunter22' }, redaction)).toEqual({
      tok: REDACTED,
      phone: '260*******67',
      note: `pw ${REDACTED}`,
    });
    expect(redactText('payer 260971234567 refused; key hunter22', redaction)).toBe(
      `payer 260*******67 refused; key ${REDACTED}`,
    );
    const urlish = { secretValues: ['p@ss word&1'] };
    expect(redactText('GET /pay?Password=p%40ss+word%261 and p%40ss%20word%261', urlish)).toBe(
      `GET /pay?Password=${REDACTED} and ${REDACTED}`,
    );
  });
});
