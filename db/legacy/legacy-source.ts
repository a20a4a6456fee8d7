// The old app's data, opened read-only: its finance.db (SQLite) or its
// PostgreSQL database. The import engine sees tables, columns and rows the
// same way for both.
import type Database from 'better-sqlite3';
import { AppError } from '../errors.js';
import { nextTurn } from '../next-turn.js';
import { contentIdentity } from './content-identity.js';

export interface LegacySource {
  readonly kind: 'sqlite' | 'postgres';
  readonly location: string;
  /** Table -> its columns, without SQLite's own tables. */
  readonly tables: Map<string, string[]>;
  count(table: string): Promise<number>;
  maxId(table: string): Promise<number>;
  /** Rows by column name in id (or rowid) order; `sql` overrides the plain SELECT (SQLite only). */
  rows(table: string, sql?: string): AsyncIterable<Record<string, unknown>>;
  /** Same data, same identity, whatever the files look like: a re-run is recognised by it. */
  identity(signal?: AbortSignal): Promise<string>;
  /** SQLite only: a copy of exactly what this source reads, through the online backup API. */
  backup?(destination: string, signal?: AbortSignal): Promise<void>;
  /** PostgreSQL only: the snapshot this source reads, for `pg_dump --snapshot`. */
  exportSnapshot?(): Promise<string>;
  close(): Promise<void>;
}

/** Rows read between two turns of the event loop. */
const PAGE_ROWS = 5_000;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Read-only, but a reader of a WAL database still needs finance.db-shm (SQLite
 * creates it, and an empty -wal, when missing): the database's bytes and its
 * -wal's are never changed, and the rows still in the -wal are read.
 */
export async function openLegacySqlite(path: string): Promise<LegacySource> {
  const { default: Sqlite } = await import('better-sqlite3');
  let db: Database.Database | undefined;
  try {
    db = new Sqlite(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 2000');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    // One read transaction: every table from the same moment.
    db.exec('BEGIN');
  } catch (error) {
    db?.close();
    const code = (error as { code?: string }).code ?? '';
    throw new AppError(
      code === 'SQLITE_BUSY' ? 'unavailable' : 'invalid_input',
      code === 'SQLITE_BUSY'
        ? `${path} is locked by another program. Nothing was written.`
        : `${path} cannot be read as a SQLite database (${code || (error as Error).message}). Nothing was written.`,
      code === 'SQLITE_BUSY'
        ? 'Close the old app, then try again.'
        : "Choose the old app's finance.db (usually in its backend/ folder).",
    );
  }
  const connection = db;
  const names = (
    connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
  )
    .map((r) => r.name)
    .filter((n) => !n.startsWith('sqlite_'));
  const tables = new Map(
    names.map((n) => [
      n,
      (connection.prepare(`PRAGMA table_info(${quote(n)})`).all() as { name: string }[]).map((c) => c.name),
    ]),
  );
  const order = (table: string) => (tables.get(table)?.includes('id') ? 'id' : 'rowid');
  return {
    kind: 'sqlite',
    location: path,
    tables,
    count: (table) =>
      Promise.resolve((connection.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n),
    maxId: (table) =>
      Promise.resolve(
        tables.get(table)?.includes('id')
          ? ((connection.prepare(`SELECT MAX(id) AS id FROM ${quote(table)}`).get() as { id: number | null }).id ?? 0)
          : 0,
      ),
    async *rows(table, sql) {
      const statement = connection.prepare(
        sql ?? `SELECT rowid AS __rowid, * FROM ${quote(table)} ORDER BY ${order(table)}`,
      );
      let sinceTurn = 0;
      for (const row of statement.iterate() as IterableIterator<Record<string, unknown>>) {
        yield row;
        if (++sinceTurn === PAGE_ROWS) {
          sinceTurn = 0;
          await nextTurn();
        }
      }
    },
    identity: (signal) =>
      contentIdentity(
        tables,
        (table) =>
          connection
            .prepare(`SELECT * FROM ${quote(table)}`)
            .raw(true)
            .iterate() as Iterable<unknown[]>,
        signal,
      ),
    // From this connection, inside its read transaction: the copy is the very snapshot imported.
    backup: async (destination, signal) => {
      await connection.backup(destination, {
        progress: () => {
          signal?.throwIfAborted();
          return 256;
        },
      });
    },
    close: () => {
      connection.close();
      return Promise.resolve();
    },
  };
}

export async function openLegacyPg(url: string): Promise<LegacySource> {
  const [{ openReadOnlyClient }, { redactUrl }] = await Promise.all([
    import('../pg/read-only-client.js'),
    import('../pg/connection-errors.js'),
  ]);
  const client = await openReadOnlyClient(url, 'spending-legacy-import');
  const { rows: columns } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const c of columns) tables.set(c.table_name, [...(tables.get(c.table_name) ?? []), c.column_name]);
  const hasId = (table: string) => tables.get(table)?.includes('id') ?? false;
  const source: LegacySource = {
    kind: 'postgres',
    location: redactUrl(url),
    tables,
    count: async (table) =>
      Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`)).rows[0]?.n ?? 0),
    maxId: async (table) =>
      hasId(table)
        ? Number(
            (await client.query<{ id: string | null }>(`SELECT MAX(id) AS id FROM ${quote(table)}`)).rows[0]?.id ?? 0,
          )
        : 0,
    async *rows(table) {
      // Keyset pages by id, or the whole (small) table when it has none.
      if (!hasId(table)) {
        yield* (await client.query<Record<string, unknown>>(`SELECT * FROM ${quote(table)}`)).rows;
        return;
      }
      let after: number | null = null;
      for (;;) {
        const page: Record<string, unknown>[] = (
          await client.query<Record<string, unknown>>(
            `SELECT * FROM ${quote(table)} WHERE $1::bigint IS NULL OR id > $1 ORDER BY id LIMIT 5000`,
            [after],
          )
        ).rows;
        yield* page;
        const last: Record<string, unknown> | undefined = page.at(-1);
        if (!last || page.length < 5000) return;
        after = Number(last.id);
      }
    },
    identity: (signal) =>
      contentIdentity(
        tables,
        async function* (table) {
          for await (const row of source.rows(table)) yield Object.values(row);
        },
        signal,
      ),
    exportSnapshot: async () =>
      (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]?.id ?? '',
    close: () => client.end(),
  };
  return source;
}
