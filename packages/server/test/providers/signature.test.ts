import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signHmacSha256, verifyHmacSha256 } from '../../src/payments/providers/signature.js';

const secret = 'whsec_test_0123456789';
const body = Buffer.from('{"externalId":"pay_1","status":"SUCCESSFUL"}');
const hex = createHmac('sha256', secret).update(body).digest('hex');

describe('verifyHmacSha256', () => {
  it('accepts `sha256=<hex>`, bare hex and upper-case hex', () => {
    expect(verifyHmacSha256(body, `sha256=${hex}`, secret)).toBe(true);
    expect(verifyHmacSha256(body, hex, secret)).toBe(true);
    expect(verifyHmacSha256(body, hex.toUpperCase(), secret)).toBe(true);
    expect(verifyHmacSha256(body, signHmacSha256(body, secret), secret)).toBe(true);
  });

  it('refuses another body, another secret, and a missing header', () => {
    expect(verifyHmacSha256(Buffer.from(`${body} `), hex, secret)).toBe(false);
    expect(verifyHmacSha256(body, hex, 'another-secret')).toBe(false);
    expect(verifyHmacSha256(body, undefined, secret)).toBe(false);
    expect(verifyHmacSha256(body, hex, '')).toBe(false);
  });

  it('is false, never a throw, on malformed headers', () => {
    for (const header of [
      '',
      'sha256=',
      'sha256=zz',
      hex.slice(0, 63),
      `${hex}00`,
      `sha1=${hex}`,
      'sha256=abc',
    ]) {
      expect(verifyHmacSha256(body, header, secret)).toBe(false);
    }
  });
});
