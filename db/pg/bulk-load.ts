// Loading into an EMPTY transactions table the way pg_restore and pgloader
// do: secondary indexes dropped and rebuilt after the COPY, the running-totals
// trigger suspended and the totals recomputed in one GROUP BY. All inside the
// caller's transaction, so a failure restores indexes and trigger with it.
import type pg from 'pg';

const TOTALS_TRIGGER = 'transactions_totals_insert';
// Off too during the load: with it on, PostgreSQL would keep every loaded row
// in a transition table only to count them. One notification is sent instead.
const NOTIFY_TRIGGER = 'transactions_notify_insert';

const REBUILD_TOTALS = `
  DELETE FROM transaction_totals;
  INSERT INTO transaction_totals (month, category, n, spend_pence, income_pence)
  SELECT to_char(date, 'YYYY-MM'), COALESCE(category, ''), COUNT(*),
    COALESCE(SUM(CASE WHEN amount < 0 THEN amount * 100 ELSE 0 END), 0)::bigint,
    COALESCE(SUM(CASE WHEN amount > 0 THEN amount * 100 ELSE 0 END), 0)::bigint
  FROM transactions GROUP BY 1, 2;
  DELETE FROM huququllah_totals;
  INSERT INTO huququllah_totals (month, class, n, pence)
  SELECT to_char(date, 'YYYY-MM'), COALESCE(huququllah_classification, ''), COUNT(*), SUM(amount * 100)::bigint
  FROM transactions WHERE amount < 0 GROUP BY 1, 2`;

/** Marks a table comment holding index definitions still to build. */
const PENDING = 'spending:pending-indexes:';

export interface FastLoadOptions {
  /**
   * Leave the secondary indexes to be built after COMMIT, several at once
   * (finishPendingIndexes). The list is written as the table's comment in the
   * same transaction as the rows, so a crash after COMMIT still gets them built
   * the next time the store opens.
   */
  deferIndexes?: boolean;
}

export async function withTransactionsLoadedFast<T>(
  client: pg.PoolClient,
  load: () => Promise<T>,
  options: FastLoadOptions = {},
): Promise<T> {
  const { rowCount } = await client.query('SELECT 1 FROM transactions LIMIT 1');
  if (rowCount) return load();
  return withSecondaryIndexesRebuilt(
    client,
    async () => {
      await client.query(
        `ALTER TABLE transactions DISABLE TRIGGER ${TOTALS_TRIGGER}, DISABLE TRIGGER ${NOTIFY_TRIGGER}`,
      );
      const result = await load();
      await client.query(`ALTER TABLE transactions ENABLE TRIGGER ${TOTALS_TRIGGER}, ENABLE TRIGGER ${NOTIFY_TRIGGER}`);
      await client.query(REBUILD_TOTALS);
      await client.query(
        `SELECT store_notify('transactions', 'insert', count(*), NULL) FROM transactions HAVING count(*) > 0`,
      );
      return result;
    },
    options,
  );
}

/**
 * Runs `work` (which writes every row of `transactions`) with the table's
 * secondary indexes dropped, then builds them once: now, or after COMMIT when
 * `deferIndexes`. Inside the caller's transaction.
 */
export async function withSecondaryIndexesRebuilt<T>(
  client: pg.ClientBase,
  work: () => Promise<T>,
  options: FastLoadOptions = {},
): Promise<T> {
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
      WHERE x.indrelid = 'transactions'::regclass AND NOT x.indisunique AND NOT x.indisprimary`,
  );
  for (const index of indexes) await client.query(`DROP INDEX ${quoteIdent(index.name)}`);
  const result = await work();
  if (options.deferIndexes && indexes.length) {
    // Builds an earlier deferral left undone (a crash after its COMMIT) stay
    // listed, unless an index of the same name is listed now.
    const { rows } = await client.query<{ note: string | null }>(
      `SELECT obj_description('transactions'::regclass, 'pg_class') AS note`,
    );
    const dropped = new Set(indexes.map((i) => i.name));
    const earlier = pendingDefinitions(rows[0]?.note).filter((d) => !dropped.has(indexName(d)));
    const note = `${PENDING}${JSON.stringify([...earlier, ...indexes.map((i) => i.definition)])}`;
    await client.query(`COMMENT ON TABLE transactions IS '${note.replaceAll("'", "''")}'`);
    return result;
  }
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const index of indexes) await client.query(index.definition);
  return result;
}

const PARALLEL_BUILDS = 3;

/**
 * CREATE INDEX IF NOT EXISTS, tolerating a build of the same index that is
 * still running in the session of a process that was killed: ours waits for
 * it, then fails on the duplicate name; by then the index exists (or the other
 * build failed and ours can run), so one more try settles it.
 */
async function createIndex(client: pg.PoolClient, definition: string): Promise<void> {
  const statement = definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS ');
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(statement);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 3 || (code !== '23505' && code !== '42P07')) throw error;
    }
  }
}

/** Builds the indexes a deferred fast load left, a few at once, biggest first; safe to repeat. */
export async function finishPendingIndexes(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ note: string | null }>(
    `SELECT obj_description('transactions'::regclass, 'pg_class') AS note`,
  );
  const note = rows[0]?.note;
  if (!note?.startsWith(PENDING)) return 0;
  // Trigram (GIN) indexes take longest: start them first so the others fill the remaining time.
  const pending = pendingDefinitions(note).sort(
    (a, b) => Number(b.includes('USING gin')) - Number(a.includes('USING gin')),
  );
  const queue = [...pending];
  const worker = async () => {
    const client = await pool.connect();
    try {
      await client.query(`SET maintenance_work_mem = '128MB'`);
      for (let next = queue.shift(); next; next = queue.shift()) await createIndex(client, next);
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_BUILDS, pending.length) }, worker));
  await pool.query('COMMENT ON TABLE transactions IS NULL');
  return pending.length;
}

function pendingDefinitions(note: string | null | undefined): string[] {
  return note?.startsWith(PENDING) ? (JSON.parse(note.slice(PENDING.length)) as string[]) : [];
}

/** The name in pg_get_indexdef's 'CREATE INDEX name ON ...'. */
function indexName(definition: string): string {
  return /^CREATE (?:UNIQUE )?INDEX (\S+) ON /.exec(definition)?.[1] ?? '';
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
