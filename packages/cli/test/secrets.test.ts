import { describe, expect, it } from 'vitest';
import { maskKey, redactSecrets } from '../src/secrets.js';

describe('maskKey', () => {
  it('keeps the mode and four characters', () => {
    expect(maskKey('mk_test_ab12cd34EFGH5678ijkl9012MNOP3456')).toBe('mk_test_ab12…');
    expect(maskKey('mk_live_ZZ99abcdefgh')).toBe('mk_live_ZZ99…');
  });

  it('shows almost nothing of a value that does not look like a key', () => {
    expect(maskKey('something-else-entirely')).toBe('some…');
    expect(maskKey('short')).toBe('…');
  });
});

describe('redactSecrets', () => {
  it('masks keys and URL passwords in free text', () => {
    const text = 'key mk_test_ab12cd34EFGH5678 failed on postgres://app:hunter2@db:5432/molam';
    expect(redactSecrets(text)).toBe('key mk_test_ab12… failed on postgres://app:***@db:5432/molam');
  });
});
