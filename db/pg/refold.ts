// Fills the derived columns of every transaction (see REFOLD_NOTE): batches
// read in id order, folded here and written back by one UPDATE each, with the
// secondary indexes dropped and built after COMMIT (as a fast load does) and
// the running totals' and the change notification's triggers off: each UPDATE
// would otherwise copy its rows into transition tables to change nothing that
// another copy shows.
import type pg from 'pg';
import { derive, REFOLD_NOTE } from '../derived-columns.js';
import { withSecondaryIndexesRebuilt } from './bulk-load.js';

const BATCH = 10_000;

export async function refoldSearchText(client: pg.ClientBase): Promise<void> {
  if (!(await client.query('SELECT 1 FROM app_meta WHERE key = $1', [REFOLD_NOTE])).rowCount) return;
  try {
    await client.query('BEGIN');
    await withSecondaryIndexesRebuilt(
      client,
      async () => {
        await client.query(
          'ALTER TABLE transactions DISABLE TRIGGER transactions_totals_update, DISABLE TRIGGER transactions_notify_update',
        );
        for (let after = 0; ;) {
          const { rows } = await client.query<{ id: number; description: string; merchant: string | null }>(
            `SELECT id, description, merchant FROM transactions WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
            [after],
          );
          const last = rows.at(-1);
          if (!last) break;
          await client.query(
            `UPDATE transactions t SET description_folded = v.d, merchant_folded = v.m
               FROM unnest($1::integer[], $2::text[], $3::text[]) AS v (id, d, m) WHERE t.id = v.id`,
            [rows.map((r) => r.id), rows.map((r) => derive(r.description)), rows.map((r) => derive(r.merchant))],
          );
          after = last.id;
        }
        await client.query(
          'ALTER TABLE transactions ENABLE TRIGGER transactions_totals_update, ENABLE TRIGGER transactions_notify_update',
        );
      },
      { deferIndexes: true },
    );
    await client.query('DELETE FROM app_meta WHERE key = $1', [REFOLD_NOTE]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
