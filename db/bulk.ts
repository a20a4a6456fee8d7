// Tables that accept bulk appends, and their columns in canonical form:
// money as integer pence, dates as YYYY-MM-DD, everything else as stored.
export const BULK_TABLES = {
  transactions: {
    id: 'int',
    date: 'date',
    description: 'text',
    amount: 'money',
    category: 'text',
    merchant: 'text',
    source_file: 'text',
    huququllah_classification: 'text',
  },
  amazon_orders: {
    id: 'int',
    order_id: 'text',
    order_date: 'date',
    website: 'text',
    currency: 'text',
    total_owed: 'money',
    product_names: 'text',
    order_status: 'text',
    shipment_status: 'text',
    source_file: 'text',
  },
  amazon_transaction_matches: {
    id: 'int',
    transaction_id: 'int',
    amazon_order_id: 'int',
    match_confidence: 'real',
  },
} as const satisfies Record<string, Record<string, BulkColumnKind>>;

export type BulkColumnKind = 'int' | 'real' | 'money' | 'date' | 'text';
export type BulkTable = keyof typeof BULK_TABLES;
export type BulkValue = string | number | null;
export type BulkRow = Readonly<Record<string, BulkValue>>;
export interface BulkPart {
  table: BulkTable;
  rows: Iterable<BulkRow>;
}

/**
 * The columns a bulk insert writes. `id` is written only when the first row
 * carries one, so the database assigns ids otherwise; any other missing value
 * is written as NULL.
 */
export function bulkColumns(table: BulkTable, first: BulkRow | undefined): [string, BulkColumnKind][] {
  return Object.entries(BULK_TABLES[table]).filter(([name]) => name !== 'id' || first?.id != null);
}

/** Reads the first row without losing it, for streams that can be iterated once. */
export function peekFirst(rows: Iterable<BulkRow>): { first: BulkRow | undefined; rows: Iterable<BulkRow> } {
  const iterator = rows[Symbol.iterator]();
  const head = iterator.next();
  if (head.done) return { first: undefined, rows: [] };
  return {
    first: head.value,
    rows: (function* () {
      yield head.value;
      yield* { [Symbol.iterator]: () => iterator };
    })(),
  };
}
