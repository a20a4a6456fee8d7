import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { AppError } from '../errors.js';
import { migrateOrExplain } from '../migrate-or-explain.js';
import { migrationsDir } from '../migrations-dir.js';
import { PgExecutor } from './pg-executor.js';

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
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    KEEP_AS_TEXT.has(oid) ? (value: string) => value : defaultParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface OpenPgOptions {
  poolSize?: number;
}

/** The URL with any password replaced, safe for logs and the UI. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

function explain(error: unknown, url: string): unknown {
  const code = (error as { code?: string }).code;
  const where = redactUrl(url);
  switch (code) {
    case 'ECONNREFUSED':
      return new AppError(
        'unavailable',
        `Nothing is accepting connections at ${where}.`,
        'Start the PostgreSQL server or check the host and port.',
      );
    case 'ENOTFOUND':
      return new AppError('unavailable', `The host in ${where} does not resolve.`, 'Check the host name.');
    case '28P01':
    case '28000':
      return new AppError(
        'unavailable',
        `PostgreSQL refused the user name or password for ${where}.`,
        'Check the user and password.',
      );
    case '3D000':
      return new AppError(
        'unavailable',
        `The database in ${where} does not exist.`,
        'Create it, or pick an existing database.',
      );
    default:
      return error;
  }
}

export async function openPgExecutor(url: string, options: OpenPgOptions = {}): Promise<PgExecutor> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types,
    application_name: 'spending',
  });
  // An idle client losing its server must not crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        await migrateOrExplain(
          () => migrate(drizzle({ client }), { migrationsFolder: migrationsDir('pg') }),
          redactUrl(url),
        );
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    } finally {
      client.release();
    }
    return new PgExecutor(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw explain(error, url);
  }
}
