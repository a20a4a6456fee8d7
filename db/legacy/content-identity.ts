// What identifies an old app's database for "already imported": its content,
// not the bytes of one file. finance.db in WAL mode keeps its newest rows in
// finance.db-wal, so the main file's SHA-256 neither sees them nor changes
// when more arrive. Decided: the same tables, columns and rows give the same
// identity whatever the file layout (WAL or not, before or after a checkpoint
// or a VACUUM, which may renumber the hidden rowids of tables without an id:
// those are not hashed); any added, removed or changed row gives another one.
// Each row is hashed on its own and the hashes are added up, so the order
// rows come back in (a VACUUM's, or PostgreSQL's heap order) does not matter.
// A full read, about as costly as reading the rows once for the import.
import { createHash, hash } from 'node:crypto';
import { nextTurn } from '../next-turn.js';

/** Rows between two turns of the event loop, so progress and a cancel get through. */
const TURN_ROWS = 5_000;

/** Big integers, which JSON cannot hold (blobs are Buffers, whose toJSON lists their bytes). */
const bigints = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? { bigint: value.toString() } : value;

function text(values: readonly unknown[]): string {
  try {
    // Without a replacer: a third faster, and the drivers here return no bigints unless asked.
    return JSON.stringify(values);
  } catch {
    return JSON.stringify(values, bigints);
  }
}

/** `rows` gives each table's rows as values in column order, in any order. */
export async function contentIdentity(
  tables: ReadonlyMap<string, readonly string[]>,
  rows: (table: string) => Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>,
  signal?: AbortSignal,
): Promise<string> {
  const whole = createHash('sha256');
  for (const table of [...tables.keys()].sort()) {
    // The row hashes added up in eight 32-bit lanes (each wraps on its own), so duplicates count.
    const sum = new Uint32Array(8);
    let count = 0;
    /** True when it is time to give the event loop a turn. */
    const add = (values: readonly unknown[]): boolean => {
      const digest = hash('sha256', text(values), 'buffer');
      for (let lane = 0; lane < 8; lane++) sum[lane] = (sum[lane] ?? 0) + digest.readUInt32LE(lane * 4);
      return ++count % TURN_ROWS === 0;
    };
    const turn = async () => {
      signal?.throwIfAborted();
      await nextTurn();
    };
    const source = rows(table);
    // A synchronous driver's rows without an await per row: a million awaits cost a visible fraction.
    if (Symbol.asyncIterator in source) {
      for await (const values of source) if (add(values)) await turn();
    } else {
      for (const values of source) if (add(values)) await turn();
    }
    whole.update(`${JSON.stringify([table, tables.get(table), count, [...sum]])}\n`);
  }
  return whole.digest('hex');
}
