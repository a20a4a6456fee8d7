// The few places where SQLite and PostgreSQL SQL differ, so that every query
// in db/sql/*-queries.ts is written once for both.
import { sql, type SQL } from 'drizzle-orm';
import { decimalToPence, penceToDecimal, penceToReal, realToPence } from '../money.js';

export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Exact substring test of folded text (db/search-fold.ts); `folded` is the folded term. */
  contains(column: SQL, folded: string): SQL;
  /** A money value as a query parameter. */
  money(pence: number): number | string;
  /** Reads a money column into pence. */
  readMoney(value: unknown): number;
  /** An exact sum of a money expression, as integer pence (0 when there are no rows). */
  sumPence(expr: SQL): SQL;
  /** 'YYYY-MM' of a date column. */
  month(column: SQL): SQL;
  /** An instant column as ISO 8601 UTC text. */
  isoInstant(column: SQL): SQL;
  /**
   * The database's clock `seconds` from now, as an instant column holds it: the one clock that processes on
   * several computers sharing a store agree on.
   */
  instantIn(seconds: number): SQL;
  /**
   * Ends a SELECT inside a transaction so the rows it reads stay locked until
   * COMMIT (PostgreSQL); SQLite's BEGIN IMMEDIATE already holds the database.
   */
  readonly forUpdate: SQL;
  /**
   * Restricts a text search for the folded term to candidate rows found
   * through the dialect's search index, or undefined when `contains` is
   * already index-backed or the term is too short for trigrams. Rows still
   * have to pass `contains`.
   */
  searchCandidates(folded: string): SQL | undefined;
  /** How a search weighs walking the sort order against the search index (see db/sql/search-plan.ts). */
  readonly searchCosts: SearchCosts;
  /** Run before an index-backed search, in the same transaction. */
  readonly indexedSearchPrelude?: SQL;
  /**
   * Taken inside a load's transaction without waiting; selects `locked`, false
   * while another load holds it. SQLite needs none: BEGIN IMMEDIATE already
   * admits one writer at a time.
   */
  readonly bulkLoadLock?: SQL;
  /** A money column as integer pence (bigint text on PostgreSQL: read it with readInt). */
  pence(column: SQL): SQL;
  /** Null-safe equality: true when both are NULL. */
  same(a: SQL, b: SQL): SQL;
  /**
   * A JSON array of objects as a table to join (UPDATE … FROM, INSERT … SELECT): one parameter however many
   * rows, so a batch of thousands costs one JSON parse in the database, not thousands of parameters.
   */
  jsonRecords(json: string, columns: readonly JsonColumn[], alias: string): SQL;
  /**
   * Makes other writers of `table` wait until this transaction ends (PostgreSQL); SQLite's BEGIN IMMEDIATE
   * already holds the whole database.
   */
  lockForWrite(table: string): SQL | undefined;
}

export type JsonColumn = readonly [name: string, type: 'integer' | 'text'];

/** FTS5 query for trigram tables built with detail=none: every trigram of the term, ANDed. */
export function trigramQuery(term: string): string | undefined {
  const chars = Array.from(term);
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) trigrams.add(chars.slice(i, i + 3).join(''));
  if (!trigrams.size) return undefined;
  return [...trigrams].map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
}

export interface SearchCosts {
  /** Rows, in sort order, a search looks at first. */
  firstLook: number;
  /** The longest walk ever tried before turning to the index. */
  maxWalk: number;
  /** Measured cost of testing one row while walking, and of fetching one index match (µs, 1M rows). */
  walkPerRow: number;
  indexPerMatch: number;
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  contains: (column, folded) => sql`instr(${column}, ${folded}) > 0`,
  money: penceToReal,
  readMoney: (value) => realToPence(Number(value)),
  // Each REAL is rounded to pence first, so the sum is over exact integers.
  sumPence: (expr) => sql`COALESCE(SUM(CAST(ROUND(${expr} * 100) AS INTEGER)), 0)`,
  month: (column) => sql`substr(${column}, 1, 7)`,
  isoInstant: (column) => sql`strftime('%Y-%m-%dT%H:%M:%SZ', ${column})`,
  // The same ISO text as Date.toISOString(), so instants compare as strings.
  instantIn: (seconds) => sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`${seconds} seconds`})`,
  forUpdate: sql``,
  searchCandidates: (term) => {
    const match = trigramQuery(term);
    return match
      ? sql`id IN (SELECT rowid FROM transactions_search WHERE transactions_search MATCH ${match})`
      : undefined;
  },
  searchCosts: { firstLook: 5_000, maxWalk: 200_000, walkPerRow: 0.25, indexPerMatch: 1.9 },
  pence: (column) => sql`CAST(ROUND(${column} * 100) AS INTEGER)`,
  same: (a, b) => sql`${a} IS ${b}`,
  jsonRecords: (json, columns, alias) =>
    sql`(SELECT ${sql.raw(columns.map(([name]) => `value ->> '$.${name}' AS ${name}`).join(', '))} FROM json_each(${json})) AS ${sql.raw(alias)}`,
  lockForWrite: () => undefined,
};

export const postgresDialect: Dialect = {
  name: 'postgres',
  // LIKE rather than strpos(), because the trigram indexes serve LIKE. Byte for
  // byte under any deterministic collation, which every database default is.
  contains: (column, folded) => sql`${column} LIKE ${containsPattern(folded)}`,
  money: penceToDecimal,
  readMoney: (value) => decimalToPence(String(value)),
  sumPence: (expr) => sql`(COALESCE(SUM(${expr}), 0) * 100)::bigint`,
  month: (column) => sql`to_char(${column}, 'YYYY-MM')`,
  isoInstant: (column) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
  // clock_timestamp(), not now(): inside a transaction now() stands still at its start.
  instantIn: (seconds) => sql`clock_timestamp() + make_interval(secs => ${seconds})`,
  forUpdate: sql` FOR UPDATE`,
  // LIKE is served by the pg_trgm GIN indexes (migration 0007) when the planner wants them.
  searchCandidates: () => undefined,
  // LIKE on the folded columns tests a row about 3.5 times faster than ILIKE
  // on the raw ones did (~0.8 µs a row), so a walk may go three times as far.
  searchCosts: { firstLook: 1_000, maxWalk: 120_000, walkPerRow: 0.25, indexPerMatch: 3.1 },
  // The planner prices text matching far below its real cost and picks a
  // sequential scan over the trigram index below ~1M rows.
  indexedSearchPrelude: sql`SET LOCAL enable_seqscan = off`,
  // Any constant the app and the CLI share (db/pg/open-pg.ts's migration lock is 727_274_001).
  bulkLoadLock: sql`SELECT pg_try_advisory_xact_lock(727274002) AS locked`,
  pence: (column) => sql`(${column} * 100)::bigint`,
  same: (a, b) => sql`${a} IS NOT DISTINCT FROM ${b}`,
  jsonRecords: (json, columns, alias) =>
    sql`json_to_recordset(${json}::json) AS ${sql.raw(`${alias}(${columns.map(([name, type]) => `${name} ${type}`).join(', ')})`)}`,
  lockForWrite: (table) => sql.raw(`LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`),
};

/** Escapes LIKE wildcards so user text matches literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Counts and pence sums arrive as number (SQLite) or bigint text (PostgreSQL). */
export function readInt(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Expected an integer, got ${String(value)}`);
  return n;
}
