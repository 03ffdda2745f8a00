import { describe, expect, it } from 'vitest';
import { nameKey, parseSdnRows } from '../src/screening/sanctions.js';

// The one matching rule: same words, whatever their order, case, accents or punctuation.
describe('sanctions name keys', () => {
  it('match names with the same words', () => {
    expect(nameKey('QUARRY, Ahmad Ben')).toBe(nameKey('Ahmad Ben Quarry'));
    expect(nameKey('José Ñúñez-Ortiz')).toBe(nameKey('NUNEZ ORTIZ, Jose'));
    expect(nameKey('NORTHWIND TRADING CO.')).toBe('CO NORTHWIND TRADING');
  });

  it('do not match a name with a word more or less', () => {
    expect(nameKey('Ahmad Quarry')).not.toBe(nameKey('QUARRY, Ahmad Ben'));
    expect(nameKey('--- ...')).toBe('');
  });

  it('read SDN rows, with -0- as empty and the end-of-file line ignored', () => {
    const parsed = parseSdnRows([
      ['7', 'QUARRY, Ahmad Ben', 'individual', 'SDGT', '-0- '],
      ['x', 'not a number'],
      ['8', '-0- ', '-0- ', 'SDGT'],
      [String.fromCharCode(0x1a)],
    ]);
    expect(parsed.entries).toEqual([
      { entryId: '7', name: 'QUARRY, Ahmad Ben', entityType: 'individual', programs: 'SDGT' },
    ]);
    expect(parsed.skipped).toEqual([2, 3]);
  });
});
