// The old app's data, opened read-only: its finance.db (SQLite) or its
// PostgreSQL database. The import engine sees tables, columns and rows the
// same way for both, every value exactly as stored (see exact-values.ts).
import type Database from 'better-sqlite3';
import { AppError } from '../errors.js';
import { nextTurn } from '../next-turn.js';
import { contentIdentity } from './content-identity.js';
import { exactValue, mayBeInexact } from './exact-values.js';

export interface LegacyRow {
  /** The row's values by column name (and by computed name); any other property is not the row's. */
  values: Record<string, unknown>;
  /** SQLite's rowid, where the table has one: names a row that has no id. */
  rowid: unknown;
}

export interface LegacySource {
  readonly kind: 'sqlite' | 'postgres';
  readonly location: string;
  /** Table -> its columns: ordinary tables (WITHOUT ROWID ones too) and virtual tables such as FTS5. */
  readonly tables: Map<string, string[]>;
  /** What is not read, and why: views, full-text index internals, tables this SQLite cannot open. */
  readonly skipped: { table: string; reason: string }[];
  count(table: string): Promise<number>;
  maxId(table: string): Promise<number>;
  /**
   * Rows in id order: valid ids (whole numbers, or text spelling one) ascending,
   * then rows without one; tables without ids in rowid or key order.
   * `computed` adds SQL expressions by name over the table as `t` (SQLite only).
   */
  rows(table: string, computed?: Record<string, string>): AsyncIterable<LegacyRow>;
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

/** Text ids the import takes ('12'; see legacyId), as SQLite orders them. */
const SQLITE_ID_ORDER = `CASE WHEN typeof(t.id) IN ('integer', 'real') THEN t.id
  WHEN typeof(t.id) = 'text' AND t.id GLOB '[1-9]*' AND NOT t.id GLOB '*[^0-9]*' THEN CAST(t.id AS INTEGER) END NULLS LAST`;

interface SqliteTable {
  columns: string[];
  /** How to name the rowid here (a column may be called rowid), or none: WITHOUT ROWID. */
  rowid: string | undefined;
  order: string;
}

function describeSqliteTable(db: Database.Database, name: string, withoutRowid: boolean): SqliteTable {
  const info = db.pragma(`table_info(${quote(name)})`) as { name: string; type: string; pk: number }[];
  const columns = info.map((c) => c.name);
  const taken = new Set(columns.map((c) => c.toLowerCase()));
  const rowid = withoutRowid ? undefined : ['rowid', '_rowid_', 'oid'].find((n) => !taken.has(n));
  const key = info
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => `t.${quote(c.name)}`);
  const tiebreak = rowid ? `t.${rowid}` : key.join(', ');
  const id = info.find((c) => c.name === 'id');
  // An INTEGER PRIMARY KEY is the rowid: ordering by it costs nothing and it holds only whole numbers.
  const idIsRowid = !!rowid && id?.pk === 1 && key.length === 1 && id.type.toUpperCase() === 'INTEGER';
  const order = idIsRowid ? 't.id' : id ? [SQLITE_ID_ORDER, tiebreak].filter(Boolean).join(', ') : tiebreak;
  return { columns, rowid, order };
}

/** Each column as its storage class and its value, TEXT as bytes: what exactValue reads. */
const exactColumns = (expressions: string[]) =>
  expressions
    .map((e) => `typeof(${e}), CASE WHEN typeof(${e}) = 'text' THEN CAST(${e} AS BLOB) ELSE ${e} END`)
    .join(', ');

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
  const listed = (connection.pragma('table_list') as { schema: string; name: string; type: string; wr: number }[])
    .filter((t) => t.schema === 'main' && !t.name.startsWith('sqlite_'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const described = new Map<string, SqliteTable>();
  const skipped: LegacySource['skipped'] = [];
  for (const t of listed.filter((l) => l.type === 'table' || l.type === 'virtual')) {
    try {
      described.set(t.name, describeSqliteTable(connection, t.name, t.wr === 1));
    } catch (error) {
      // A virtual table whose module this SQLite lacks; its data lives in ordinary tables, which are kept.
      skipped.push({ table: t.name, reason: `cannot be read here (${(error as Error).message})` });
    }
  }
  for (const t of listed.filter((l) => l.type === 'view'))
    skipped.push({ table: t.name, reason: 'a view: its rows come from the tables it reads' });
  const virtual = listed.filter((l) => l.type === 'virtual' && described.has(l.name)).map((l) => l.name);
  for (const t of listed.filter((l) => l.type === 'shadow')) {
    const owner = virtual.filter((v) => t.name.startsWith(`${v}_`)).sort((a, b) => b.length - a.length)[0];
    if (owner) skipped.push({ table: t.name, reason: `the index of ${owner}, whose rows are kept` });
    else described.set(t.name, describeSqliteTable(connection, t.name, t.wr === 1));
  }
  const tables = new Map([...described].map(([name, t]) => [name, t.columns]));

  /** Whether every rowid of the table is a whole number a double holds exactly. */
  const safeRowids = (table: string, rowid: string) => {
    const range = connection
      .prepare(`SELECT min(${rowid}) AS low, max(${rowid}) AS high FROM ${quote(table)}`)
      .safeIntegers(true)
      .get() as { low: bigint | null; high: bigint | null };
    const limit = BigInt(Number.MAX_SAFE_INTEGER);
    return (range.low ?? 0n) >= -limit && (range.high ?? 0n) <= limit;
  };

  return {
    kind: 'sqlite',
    location: path,
    tables,
    skipped,
    count: (table) =>
      Promise.resolve((connection.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n),
    maxId: (table) =>
      Promise.resolve(
        tables.get(table)?.includes('id')
          ? ((connection.prepare(`SELECT MAX(id) AS id FROM ${quote(table)}`).get() as { id: number | null }).id ?? 0)
          : 0,
      ),
    async *rows(table, computed = {}) {
      const shape = described.get(table);
      if (!shape) return;
      const names = [...shape.columns, ...Object.keys(computed)];
      const expressions = [...shape.columns.map((c) => `t.${quote(c)}`), ...Object.values(computed)];
      const from = `FROM ${quote(table)} AS t`;
      let sinceTurn = 0;
      const turn = async () => {
        if (++sinceTurn < PAGE_ROWS) return;
        sinceTurn = 0;
        await nextTurn();
      };
      if (shape.rowid && safeRowids(table, shape.rowid)) {
        // The fast way: values as better-sqlite3 decodes them; the rare row
        // with a value that may not be what the file holds is read again
        // exactly. Reads may run while a statement iterates, in the same transaction.
        let alias = '__rowid';
        while (names.includes(alias)) alias += '_';
        const statement = connection.prepare(
          `SELECT t.${shape.rowid} AS ${quote(alias)}, ${expressions.map((e, i) => `${e} AS ${quote(names[i] ?? '')}`).join(', ')} ${from} ORDER BY ${shape.order}`,
        );
        const exact = connection
          .prepare(`SELECT ${exactColumns(expressions)} ${from} WHERE t.${shape.rowid} = ?`)
          .raw(true)
          .safeIntegers(true);
        for (const row of statement.iterate() as IterableIterator<Record<string, unknown>>) {
          const rowid = row[alias];
          if (names.some((n) => mayBeInexact(row[n]))) {
            const stored = exact.get(rowid) as unknown[];
            names.forEach((n, i) => (row[n] = exactValue(stored[2 * i] as string, stored[2 * i + 1])));
          }
          yield { values: row, rowid };
          await turn();
        }
        return;
      }
      // No rowid to find a row again by (WITHOUT ROWID), or rowids past 2^53:
      // every value read exactly, at some cost; such tables are rare and small.
      const statement = connection
        .prepare(
          `SELECT ${shape.rowid ? `t.${shape.rowid}` : 'NULL'}, ${exactColumns(expressions)} ${from} ORDER BY ${shape.order}`,
        )
        .raw(true)
        .safeIntegers(true);
      for (const stored of statement.iterate() as IterableIterator<unknown[]>) {
        const values = Object.fromEntries(
          names.map((n, i) => [n, exactValue(stored[2 * i + 1] as string, stored[2 * i + 2])]),
        );
        yield { values, rowid: stored[0] };
        await turn();
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

const PG_NUMBER_TYPES = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision']);

/** Text ids the import takes ('12'; see legacyId), as PostgreSQL orders them. */
const PG_TEXT_ID_ORDER = `CASE WHEN id::text ~ '^[1-9][0-9]{0,9}$' THEN id::text::bigint END NULLS LAST, ctid`;

let cursors = 0;

export async function openLegacyPg(url: string): Promise<LegacySource> {
  const [{ openReadOnlyClient }, { redactUrl }] = await Promise.all([
    import('../pg/read-only-client.js'),
    import('../pg/connection-errors.js'),
  ]);
  const client = await openReadOnlyClient(url, 'spending-legacy-import');
  const { rows: columns } = await client.query<{
    table_name: string;
    table_type: string;
    column_name: string;
    data_type: string;
  }>(
    `SELECT c.table_name, t.table_type, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  const idTypes = new Map<string, string>();
  const skipped: LegacySource['skipped'] = [];
  for (const c of columns) {
    if (c.table_type !== 'BASE TABLE') {
      if (!skipped.some((s) => s.table === c.table_name))
        skipped.push({ table: c.table_name, reason: 'a view: its rows come from the tables it reads' });
      continue;
    }
    tables.set(c.table_name, [...(tables.get(c.table_name) ?? []), c.column_name]);
    if (c.column_name === 'id') idTypes.set(c.table_name, c.data_type);
  }
  const hasId = (table: string) => tables.get(table)?.includes('id') ?? false;
  const order = (table: string) => {
    const type = idTypes.get(table);
    if (type === undefined) return '';
    return `ORDER BY ${PG_NUMBER_TYPES.has(type) ? 'id' : PG_TEXT_ID_ORDER}`;
  };
  const source: LegacySource = {
    kind: 'postgres',
    location: redactUrl(url),
    tables,
    skipped,
    count: async (table) =>
      Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`)).rows[0]?.n ?? 0),
    maxId: async (table) =>
      hasId(table)
        ? Number(
            (await client.query<{ id: string | null }>(`SELECT MAX(id) AS id FROM ${quote(table)}`)).rows[0]?.id ?? 0,
          )
        : 0,
    async *rows(table, computed = {}) {
      if (Object.keys(computed).length) throw new Error('Computed columns are read from SQLite sources only');
      // A cursor in the read-only transaction: every row once, whatever the ids are (NULL, repeated, text).
      const cursor = `legacy_rows_${String(++cursors)}`;
      await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT * FROM ${quote(table)} ${order(table)}`);
      try {
        for (;;) {
          const { rows } = await client.query<Record<string, unknown>>(`FETCH ${String(PAGE_ROWS)} FROM ${cursor}`);
          for (const values of rows) yield { values, rowid: null };
          if (rows.length < PAGE_ROWS) return;
        }
      } finally {
        await client.query(`CLOSE ${cursor}`).catch(() => undefined);
      }
    },
    identity: (signal) =>
      contentIdentity(
        tables,
        async function* (table) {
          for await (const row of source.rows(table)) yield Object.values(row.values);
        },
        signal,
      ),
    exportSnapshot: async () =>
      (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]?.id ?? '',
    close: () => client.end(),
  };
  return source;
}
