// Fills an EMPTY store with demo data in one transaction, reporting progress
// and stopping (with nothing written) when cancelled.
import type { BulkRow } from '../../../db/bulk.js';
import { AppError } from '../../../db/errors.js';
import { sameCategoryName } from '../../../db/model.js';
import { diskFullDuring } from '../../../db/store-errors.js';
import type { Store } from '../../../db/store.js';
import { HOUSING } from './account-holders.js';
import { generateDemoData, type DemoOptions } from './demo-data.js';

export interface SeedProgress {
  done: number;
  total: number;
}

export interface SeedResult {
  transactions: number;
  amazonOrders: number;
  amazonMatches: number;
}

export interface SeedControls {
  onProgress?: (progress: SeedProgress) => void;
  signal?: AbortSignal;
}

const PROGRESS_EVERY = 10_000;
/** Measured on SQLite, -wal file included: a load needs about twice what its data ends up taking. */
const BYTES_PER_TRANSACTION = 700;

function* watched(rows: Iterable<BulkRow>, total: number, controls: SeedControls): Generator<BulkRow> {
  let done = 0;
  for (const row of rows) {
    yield row;
    if (++done % PROGRESS_EVERY === 0) {
      // Throwing from inside the insert makes the store roll the whole seed back.
      controls.signal?.throwIfAborted();
      controls.onProgress?.({ done, total });
    }
  }
  controls.onProgress?.({ done, total });
}

const notEmpty = () =>
  new AppError(
    'conflict',
    'This store already holds transactions; demo data only goes into an empty store.',
    'Point --db at a new file (for example --db demo.sqlite).',
  );

export async function seedDemo(store: Store, options: DemoOptions, controls: SeedControls = {}): Promise<SeedResult> {
  // Said at once; the load checks again under its lock, in case another seed got there first.
  if ((await store.countTransactions({})) > 0) throw notEmpty();
  const data = generateDemoData(options);
  // Rent and mortgages have a category of their own, as a user would make it; one of that name may exist already.
  const missing = (await store.listCategories()).some((c) => sameCategoryName(c.name, HOUSING))
    ? []
    : [{ name: HOUSING }];
  try {
    const [transactions = 0, amazonOrders = 0, amazonMatches = 0] = await store.bulkInsert(
      [
        { table: 'transactions', rows: watched(data.transactions, options.transactions, controls) },
        // These two arrays fill while the transactions stream is consumed, before they are read.
        { table: 'amazon_orders', rows: data.amazonOrders },
        { table: 'amazon_transaction_matches', rows: data.amazonMatches },
        { table: 'categories', rows: missing },
      ],
      { onlyIntoEmpty: notEmpty() },
    );
    return { transactions, amazonOrders, amazonMatches };
  } catch (error) {
    // The load rolled back, so its space is free again. The estimate stands in where the store
    // could not measure the need: a disk that filled part way through, or PostgreSQL's.
    throw diskFullDuring(error, {
      what: `adding ${options.transactions.toLocaleString('en-GB')} demo transactions`,
      neededBytes: options.transactions * BYTES_PER_TRANSACTION,
    });
  }
}
