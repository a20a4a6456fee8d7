// One PostgreSQL session that only reads, inside a REPEATABLE READ READ ONLY
// transaction: every query sees the same moment and nothing can be written.
// Used to read a store being moved and the old app's database.
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { Row } from '../sql/executor.js';
import { explainPgError, redactUrl } from './connection-errors.js';

const renderer = new PgDialect();

export async function openReadOnlyClient(url: string, applicationName: string): Promise<pg.Client> {
  const [{ default: pgModule }, { types }] = await Promise.all([import('pg'), import('./open-pg.js')]);
  const client = new pgModule.Client({ connectionString: url, types, application_name: applicationName });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query("SET TIME ZONE 'UTC'");
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw explainPgError(error, redactUrl(url));
  }
}

/** Runs drizzle `sql` queries on the client, rows as the driver returns them. */
export function clientReader(client: pg.Client): (query: SQL) => Promise<Row[]> {
  return async (query) => {
    const { sql, params } = renderer.sqlToQuery(query);
    return (await client.query(sql, params)).rows as Row[];
  };
}
