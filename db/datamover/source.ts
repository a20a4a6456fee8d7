// The store being moved, opened so that it cannot change: SQLite read-only
// inside one read transaction, PostgreSQL in a READ ONLY REPEATABLE READ
// transaction. Every read sees one moment, and nothing is ever written.
import { isUtf8 } from 'node:buffer';
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { AppError } from '../errors.js';
import { nextTurn } from '../next-turn.js';
import { shippedSchemaVersion } from '../migrations-dir.js';
import type { StoreTarget } from '../open-store.js';
import type { TableColumns } from '../table-columns.js';
import { cannotMove } from './exact-row.js';
import { tablePages, type ReadRows } from '../table-pages.js';

export interface MoveSource {
  readonly dialect: 'sqlite' | 'postgres';
  readonly location: string;
  read: ReadRows;
  /** The whole table in primary-key order, in pages of rows as arrays in schema order. */
  pages(table: TableColumns): AsyncIterable<unknown[][]>;
  close(): Promise<void>;
}

const PAGE = 5_000;

/** Keyset pages of objects, turned into arrays: works on any dialect. */
async function* keysetPages(read: ReadRows, table: TableColumns): AsyncGenerator<unknown[][]> {
  const names = Object.keys(table.columns);
  for await (const page of tablePages(read, table, PAGE)) yield page.map((row) => names.map((n) => row[n]));
}

function explainSqliteError(error: unknown, path: string): AppError {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
    return new AppError(
      'invalid_input',
      `${path} is not a SQLite database, or it is damaged (${code}). Nothing was written.`,
      'Choose the right file; if it is a copy, copy it again from the original.',
    );
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return new AppError(
      'unavailable',
      `${path} is locked by another program. Nothing was written.`,
      'Close the program using it (for example the old app, or another Spending), then try again.',
    );
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH')
    return new AppError(
      'unavailable',
      `${path} cannot be opened for reading (${code}). Nothing was written.`,
      'Check that the file exists and that your user may read it.',
    );
  return new AppError('unavailable', `Cannot read ${path}: ${(error as Error).message}. Nothing was written.`);
}

/**
 * better-sqlite3 hands TEXT over decoded, bytes that are not UTF-8 as U+FFFD:
 * copied, verified and all, the move would change them. A row with U+FFFD is
 * read again as bytes (the rare case; reads may run while a statement
 * iterates) and a real U+FFFD goes on; anything else stops the move.
 */
function textChecker(db: Database.Database, table: TableColumns): (row: unknown[]) => void {
  const names = Object.keys(table.columns);
  let bytes: Database.Statement | undefined;
  return (row) => {
    if (!row.some((v) => typeof v === 'string' && v.includes('\uFFFD'))) return;
    bytes ??= db
      .prepare(
        `SELECT ${names.map((n) => `CASE WHEN typeof("${n}") = 'text' THEN CAST("${n}" AS BLOB) END`).join(', ')}
           FROM "${table.name}" WHERE ${table.key.map((k) => `"${k}" = ?`).join(' AND ')}`,
      )
      .raw(true);
    const stored = bytes.get(...table.key.map((k) => row[names.indexOf(k)])) as (Buffer | null)[] | undefined;
    names.forEach((name, i) => {
      const value = row[i];
      if (typeof value !== 'string' || !value.includes('\uFFFD')) return;
      const raw = stored?.[i];
      if (!raw || !isUtf8(raw))
        throw cannotMove(table, row, name, 'holds bytes that are not UTF-8 text, which a move cannot carry exactly');
    });
  };
}

async function openSqliteSource(path: string): Promise<MoveSource> {
  if (!existsSync(path))
    throw new AppError('not_found', `There is no file ${path}. Nothing was written.`, 'Check the path.');
  const [{ default: Database }, { SqliteExecutor }] = await Promise.all([
    import('better-sqlite3'),
    import('../sqlite/sqlite-executor.js'),
  ]);
  let db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 2000');
    db.exec('BEGIN');
    // The first read is where SQLite finds out what the file really is.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db?.close();
    throw explainSqliteError(error, path);
  }
  const executor = new SqliteExecutor(db);
  const connection = db;
  return {
    dialect: 'sqlite',
    location: path,
    read: (query) => executor.all(query),
    // One cursor over the table, rows as arrays: the fastest way SQLite hands rows out.
    async *pages(table) {
      const names = Object.keys(table.columns).map((n) => `"${n}"`);
      const statement = connection
        .prepare(
          `SELECT ${names.join(', ')} FROM "${table.name}" ORDER BY ${table.key.map((k) => `"${k}"`).join(', ')}`,
        )
        .raw(true);
      const checkText = textChecker(connection, table);
      let page: unknown[][] = [];
      for (const row of statement.iterate() as IterableIterator<unknown[]>) {
        checkText(row);
        page.push(row);
        if (page.length === PAGE) {
          yield page;
          page = [];
          await nextTurn();
        }
      }
      if (page.length) yield page;
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

async function openPgSource(url: string): Promise<MoveSource> {
  const [{ openReadOnlyClient, clientReader }, { redactUrl }] = await Promise.all([
    import('../pg/read-only-client.js'),
    import('../pg/connection-errors.js'),
  ]);
  const client = await openReadOnlyClient(url, 'spending-move-source');
  const read = clientReader(client);
  return {
    dialect: 'postgres',
    location: redactUrl(url),
    read,
    pages: (table) => keysetPages(read, table),
    close: () => client.end(),
  };
}

/** Opens a Spending store read-only; refuses anything that is not one, at this app's schema version. */
export async function openMoveSource(target: StoreTarget): Promise<MoveSource> {
  const source = target.kind === 'sqlite' ? await openSqliteSource(target.path) : await openPgSource(target.url);
  try {
    const tables = new Set(
      (source.dialect === 'sqlite'
        ? await source.read(sql`SELECT name FROM sqlite_master WHERE type = 'table'`)
        : await source.read(sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`)
      ).map((r) => String(r.name)),
    );
    if (!tables.has('app_meta'))
      throw new AppError(
        'invalid_input',
        tables.has('transactions')
          ? `${source.location} looks like the old app's database, not a Spending store. Nothing was written.`
          : `${source.location} is not a Spending store${tables.size ? ' (its tables are not ours)' : ' (it is empty)'}. Nothing was written.`,
        "For the old app's finance.db or PostgreSQL database, use `spending import-legacy` (or Import in the app).",
      );
    const [row] = await source.read(sql`SELECT value FROM app_meta WHERE key = 'schema_version'`);
    // Stores made by an older Spending's import-legacy lack it; opening one completes it.
    if (!row)
      throw new AppError(
        'invalid_input',
        `${source.location} has Spending's tables but no schema version, so it cannot be moved or compared yet. Nothing was written.`,
        `Open it once with Spending (for example \`spending stats --db <it>\`), which completes it, then try again.`,
      );
    const version = Number(row.value);
    const shipped = await shippedSchemaVersion(source.dialect === 'sqlite' ? 'sqlite' : 'pg');
    if (version !== shipped)
      throw new AppError(
        'invalid_input',
        `${source.location} is at schema version ${String(version)}; this Spending moves stores at version ${String(shipped)}.`,
        version < shipped
          ? 'Open it once with this version of Spending to upgrade it, then move it.'
          : 'Use the newer Spending that wrote it.',
      );
    return source;
  } catch (error) {
    await source.close();
    throw error;
  }
}
