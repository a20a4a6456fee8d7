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

  it('leaves unmatched text uncategorised', () => {
    expect(categorise('HMRC')).toBe('Other');
  });
});
