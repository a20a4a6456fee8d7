import { describe, expect, it } from 'vitest';
import { splitByMonth } from './month-split.js';

describe('splitByMonth', () => {
  it('uses whole months when the range is open or aligned', () => {
    expect(splitByMonth({})).toEqual({ months: {}, edges: [] });
    expect(splitByMonth({ from: '2024-02-01', to: '2024-02-29' })).toEqual({
      months: { from: '2024-02', to: '2024-02' },
      edges: [],
    });
    expect(splitByMonth({ to: '2023-12-31' })).toEqual({ months: { to: '2023-12' }, edges: [] });
  });

  it('scans partial months at either end', () => {
    expect(splitByMonth({ from: '2024-01-15', to: '2024-04-10' })).toEqual({
      months: { from: '2024-02', to: '2024-03' },
      edges: [
        { from: '2024-01-15', to: '2024-01-31' },
        { from: '2024-04-01', to: '2024-04-10' },
      ],
    });
    expect(splitByMonth({ from: '2024-12-02' })).toEqual({
      months: { from: '2025-01' },
      edges: [{ from: '2024-12-02', to: '2024-12-31' }],
    });
  });

  it('scans a partial single month, or adjacent partial months, without whole months', () => {
    expect(splitByMonth({ from: '2024-03-05', to: '2024-03-06' })).toEqual({
      edges: [{ from: '2024-03-05', to: '2024-03-06' }],
    });
    expect(splitByMonth({ from: '2024-03-05', to: '2024-04-06' })).toEqual({
      edges: [
        { from: '2024-03-05', to: '2024-03-31' },
        { from: '2024-04-01', to: '2024-04-06' },
      ],
    });
  });

  it('returns nothing for an inverted range', () => {
    expect(splitByMonth({ from: '2024-05-01', to: '2024-04-01' })).toEqual({ edges: [] });
  });
});
