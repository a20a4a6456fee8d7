// One consistent view of a PostgreSQL database that other sessions can share:
// pg_dump --snapshot reads exactly what our fingerprints read, so a backup's
// recorded checksums describe the archive even while the app keeps writing.
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Row } from '../sql/executor.js';
import { explainPgError, redactUrl } from './connection-errors.js';
import { types } from './open-pg.js';

const renderer = new PgDialect();

export async function withSnapshot<T>(
  url: string,
  work: (snapshot: string, read: (query: SQL) => Promise<Row[]>) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, types, application_name: 'spending-snapshot' });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw explainPgError(error, redactUrl(url));
  }
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const read = async (query: SQL) => {
      const { sql, params } = renderer.sqlToQuery(query);
      return (await client.query(sql, params)).rows as Row[];
    };
    const result = await work(rows[0]?.id ?? '', read);
    await client.query('COMMIT');
    return result;
  } finally {
    await client.end().catch(() => undefined);
  }
}
