// Picked columns into the mapping the import takes.
import { describe, expect, it } from 'vitest';
import { choiceFromPlan, columnOptions, columnsFor, isComplete, withHeader } from './columns';

const header = { line: 2, cells: ['Date', 'Details', 'Out', 'In', ''] };

describe('statement columns', () => {
  it('names columns by their header, and gives the header line only when one must go by number', () => {
    expect(columnsFor({ kind: 'split', date: 0, description: [1], out: 2, in: 3 }, header)).toEqual({
      columns: { date: 'Date', description: ['Details'], out: 'Out', in: 'In' },
      headerRow: undefined,
    });
    expect(columnsFor({ kind: 'signed', date: 0, description: [4], amount: 2 }, header)).toEqual({
      columns: { date: 'Date', description: [5], amount: 'Out' },
      headerRow: 2,
    });
    expect(columnsFor({ kind: 'signed', date: 0, description: [1], amount: 2 }, null)).toEqual({
      columns: { date: 1, description: [2], amount: 3 },
      headerRow: undefined,
    });
  });

  it('starts from the plan the preview used, and knows when a choice is complete', () => {
    const choice = choiceFromPlan({ date: 0, description: [1], out: 2, in: 3 });
    expect(choice).toEqual({ kind: 'split', date: 0, description: [1], out: 2, in: 3 });
    expect(isComplete(choice)).toBe(true);
    expect(isComplete({ ...choice, kind: 'signed' })).toBe(false);
    expect(isComplete(choiceFromPlan(null))).toBe(false);
  });

  it('shows each column with its first value', () => {
    const table = {
      delimiter: ',',
      header,
      records: [{ line: 3, cells: ['03/02/2025', 'TESCO STORES 3297, LONDON', '42.17', '', 'x'] }],
      plan: null,
    };
    expect(columnOptions(table).map((o) => o.label)).toEqual([
      'Date (03/02/2025)',
      'Details (TESCO STORES 3297, LOND…)',
      'Out (42.17)',
      'In',
      'Column 5 (x)',
    ]);
  });

  it('takes the first line as the header while the columns are not known, unless the mapping says there is none', () => {
    const table = {
      delimiter: ',',
      header: null,
      records: [
        { line: 1, cells: ['Posted on', 'What for'] },
        { line: 2, cells: ['03/02/2025', 'SHOP'] },
      ],
      plan: null,
    };
    expect(withHeader(table, false)).toMatchObject({ header: { line: 1 }, records: [{ line: 2 }] });
    expect(withHeader(table, true)).toBe(table);
  });
});
