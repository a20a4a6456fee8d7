import { describe, expect, it } from 'vitest';
import { sqliteDialect } from './dialect.js';
import { nextSearchStep } from './search-plan.js';

const costs = sqliteDialect.searchCosts;

describe('nextSearchStep', () => {
  it('goes to the index when the first look found nothing', () => {
    expect(nextSearchStep(0, 101, 1_000_000, costs)).toBe('index');
  });

  it('walks further for a word in about one row in a hundred', () => {
    expect(nextSearchStep(45, 101, 1_000_000, costs)).toEqual({ walk: Math.ceil((101 / (45 / 5000)) * 1.5) });
  });

  it('uses the index for a rare word, and for any word in a small table', () => {
    expect(nextSearchStep(9, 101, 1_000_000, costs)).toBe('index');
    expect(nextSearchStep(45, 101, 20_000, costs)).toBe('index');
  });

  it('never walks further than the dialect allows', () => {
    expect(nextSearchStep(2, 101, 1e12, costs)).toBe('index');
  });
});
