// What makes a database a Spending store to everything else that opens it: an
// identity (store_id) and the schema version it was migrated to (a move or a
// verify refuses a store without one). Written wherever a store's schema is
// created or its contents are replaced, not only when the app opens it.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from './sql/executor.js';

async function readStamp(db: Executor, schemaVersion: number): Promise<string | undefined> {
  const rows = await db.all<{ key: string; value: string }>(
    sql`SELECT key, value FROM app_meta WHERE key IN ('store_id', 'schema_version')`,
  );
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  return value('schema_version') === String(schemaVersion) ? value('store_id') : undefined;
}

/**
 * Idempotent: an existing store_id is kept; returns it. A store already
 * stamped is only read, so opening one never waits for another process's
 * write lock and works when the store is read-only.
 */
export async function stampStore(db: Executor, schemaVersion: number): Promise<string> {
  const stamped = await readStamp(db, schemaVersion);
  if (stamped) return stamped;
  return db.transaction(async (tx) => {
    await tx.run(
      sql`INSERT INTO app_meta (key, value) VALUES ('store_id', ${randomUUID()}) ON CONFLICT (key) DO NOTHING`,
    );
    await tx.run(
      sql`INSERT INTO app_meta (key, value) VALUES ('schema_version', ${String(schemaVersion)})
          ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
    const [row] = await tx.all<{ value: string }>(sql`SELECT value FROM app_meta WHERE key = 'store_id'`);
    if (!row) throw new Error('app_meta lost the store_id just written');
    return row.value;
  });
}
