import { describe, expect, it } from 'vitest';
import { categoriser } from './keyword-rules.js';

describe('categoriser', () => {
  const categorise = categoriser([
    { id: 1, category: 'Groceries', keyword: 'tesco' },
    { id: 2, category: 'Transport', keyword: 'Tesco Petrol' },
    { id: 3, category: 'Dining', keyword: 'cafe' },
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
      { id: 1, category: 'Dining', keyword: 'café' },
      { id: 2, category: 'Travel', keyword: 'straße' },
      { id: 3, category: 'Groceries', keyword: 'ｔｅｓｃｏ' },
    ]);
    expect(unicode('CAFÉ ROUGE')).toBe('Dining');
    expect(unicode('Cafe\u0301 Nero')).toBe('Dining');
    expect(unicode('Cafe Plain')).toBeNull();
    expect(unicode('STRASSE 12')).toBe('Travel');
    expect(unicode('TESCO STORES')).toBe('Groceries');
  });

  it('breaks a tie between equally long keywords by code units, not by the locale', () => {
    // localeCompare puts é before f; code unit order puts f first.
    const tie = categoriser([
      { id: 1, category: 'Accented', keyword: 'éa' },
      { id: 2, category: 'Plain', keyword: 'fa' },
    ]);
    expect(tie('éa fa')).toBe('Plain');
  });

  it('leaves unmatched text uncategorised', () => {
    expect(categorise('HMRC')).toBeNull();
  });

  it('gives a keyword held by two categories to the one added last, whatever order the rules arrive in', () => {
    const rules = [
      { id: 7, category: 'Shopping', keyword: 'amazon' },
      { id: 4, category: 'Entertainment', keyword: 'Amazon' },
    ];
    expect(categoriser(rules)('AMAZON.CO.UK')).toBe('Shopping');
    expect(categoriser([...rules].reverse())('AMAZON.CO.UK')).toBe('Shopping');
  });
});
