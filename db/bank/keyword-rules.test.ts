import { describe, expect, it } from 'vitest';
import { categoriser } from './keyword-rules.js';

describe('categoriser', () => {
  const categorise = categoriser([
    { category: 'Groceries', keyword: 'tesco' },
    { category: 'Transport', keyword: 'Tesco Petrol' },
    { category: 'Dining', keyword: 'cafe' },
  ]);

  it('matches keywords case-insensitively anywhere in the text', () => {
    expect(categorise('CARD PAYMENT TO TESCO STORES 3297')).toBe('Groceries');
    expect(categorise('Corner Cafe ltd')).toBe('Dining');
  });

  it('prefers the longest keyword', () => {
    expect(categorise('TESCO PETROL STATION')).toBe('Transport');
  });

  it('matches the way search does: Unicode case folding and normalisation, accents kept', () => {
    const unicode = categoriser([
      { category: 'Dining', keyword: 'café' },
      { category: 'Travel', keyword: 'straße' },
      { category: 'Groceries', keyword: 'ｔｅｓｃｏ' },
    ]);
    expect(unicode('CAFÉ ROUGE')).toBe('Dining');
    expect(unicode('Cafe\u0301 Nero')).toBe('Dining');
    expect(unicode('Cafe Plain')).toBe('Other');
    expect(unicode('STRASSE 12')).toBe('Travel');
    expect(unicode('TESCO STORES')).toBe('Groceries');
  });

  it('breaks a tie between equally long keywords by code units, not by the locale', () => {
    // localeCompare puts é before f; code unit order puts f first.
    const tie = categoriser([
      { category: 'Accented', keyword: 'éa' },
      { category: 'Plain', keyword: 'fa' },
    ]);
    expect(tie('éa fa')).toBe('Plain');
  });

  it('leaves unmatched text uncategorised', () => {
    expect(categorise('HMRC')).toBe('Other');
  });
});
