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
