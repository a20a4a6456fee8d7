import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { explainPgError, redactUrl } from './connection-errors.js';
import { migrateOrExplain } from '../migrate-or-explain.js';
import { migrationsDir } from '../migrations-dir.js';
import { PgExecutor } from './pg-executor.js';
import { refoldSearchText } from './refold.js';

const DATE_OID = 1082;
const TIMESTAMP_OID = 1114;
const TIMESTAMPTZ_OID = 1184;
// Any constant both the app and the CLI use, so two processes opening one
// database never run migrations at the same time.
const MIGRATION_LOCK_KEY = 727_274_001;

// Dates and instants stay text: a JS Date would shift DATE values by the
// local time zone.
const KEEP_AS_TEXT = new Set([DATE_OID, TIMESTAMP_OID, TIMESTAMPTZ_OID]);
const defaultParser = pg.types.getTypeParser as (oid: number, format?: string) => (value: string) => unknown;
/** How Spending reads values: dates and timestamps as the text the database holds. */
export const types = {
  getTypeParser: ((oid: number, format?: string) =>
    KEEP_AS_TEXT.has(oid) ? (value: string) => value : defaultParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface OpenPgOptions {
  poolSize?: number;
}

export { redactUrl };

/**
 * The first connection, which brings the schema up to date, is a client of its
 * own rather than the pool's: pg-pool drops a client whose login failed (no or
 * a wrong password) without closing it, and that socket kept the process alive
 * until the server's authentication_timeout, a minute later.
 */
async function migrateSchema(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, types, application_name: 'spending' });
  try {
    await client.connect();
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrateOrExplain(
        () => migrate(drizzle({ client }), { migrationsFolder: migrationsDir('pg') }),
        redactUrl(url),
      );
      // Under the same lock, so a second process waits for the columns to be filled.
      await refoldSearchText(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function openPgExecutor(url: string, options: OpenPgOptions = {}): Promise<PgExecutor> {
  try {
    await migrateSchema(url);
  } catch (error) {
    throw explainPgError(error, redactUrl(url));
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types,
    application_name: 'spending',
  });
  // An idle client losing its server must not crash the process.
  pool.on('error', () => undefined);
  try {
    const executor = new PgExecutor(pool);
    // A move that crashed after its COMMIT may have left index builds to finish.
    await executor.finishPendingWork();
    return executor;
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw explainPgError(error, redactUrl(url));
  }
}
