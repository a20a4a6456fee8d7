// Which statement rows are already stored, decided without a database.
import { describe, expect, it } from 'vitest';
import { descriptionKey, findDuplicates, type StoredRow } from './dedupe.js';

const stored = (id: number, description: string, extra: Partial<StoredRow> = {}): StoredRow => ({
  id,
  date: '2025-01-02',
  pence: -310,
  key: descriptionKey(description),
  importId: null,
  bank: false,
  ...extra,
});
const row = (line: number, description: string, importId?: string) => ({
  line,
  date: '2025-01-02',
  description,
  amountPence: -310,
  ...(importId ? { importId } : {}),
});

describe('findDuplicates', () => {
  it('lets each stored row answer for one statement row: the third identical coffee is new', () => {
    const outcomes = findDuplicates(
      [row(1, 'COSTA COFFEE'), row(2, 'Costa, coffee'), row(3, 'COSTA  COFFEE')],
      [stored(10, 'COSTA COFFEE'), stored(11, 'costa coffee')],
    );
    expect(outcomes).toEqual([
      { duplicate: true, transactionId: 10, by: 'same date, amount and description' },
      { duplicate: true, transactionId: 11, by: 'same date, amount and description' },
      { duplicate: false },
    ]);
  });

  it('matches import ids first; rows whose import ids differ are different transactions whatever their text', () => {
    const outcomes = findDuplicates(
      [row(1, 'NETFLIX', 'F-2'), row(2, 'NETFLIX', 'F-3'), row(3, 'NETFLIX', 'F-3')],
      [stored(10, 'NETFLIX', { importId: 'F-1' }), stored(11, 'NETFLIX.COM', { importId: 'F-2' })],
    );
    expect(outcomes).toEqual([
      { duplicate: true, transactionId: 11, by: 'import id' },
      { duplicate: false },
      { duplicate: true, transactionId: null, by: 'import id' },
    ]);
  });

  it('takes a bank-synced row whose text is contained in the statement’s, but not a row typed by hand', () => {
    expect(
      findDuplicates([row(1, 'CARD PAYMENT TO PRET A MANGER ON 01-01')], [stored(10, 'PRET A MANGER', { bank: true })]),
    ).toEqual([{ duplicate: true, transactionId: 10, by: 'bank sync' }]);
    expect(findDuplicates([row(1, 'CARD PAYMENT TO PRET A MANGER ON 01-01')], [stored(10, 'PRET A MANGER')])).toEqual([
      { duplicate: false },
    ]);
  });
});
