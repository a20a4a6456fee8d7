// The old app's finance.db into a Spending store, by LEGACY.md's import rules:
// the source is backed up and only read; ids are kept; every row is imported,
// imported with recorded fixes, or quarantined with its reason and original
// values; columns and tables we have no place for are kept as JSON; all of it
// lands in ONE target transaction that checks itself before it commits.
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { format } from 'date-fns';
import { sql } from 'drizzle-orm';
import { sha256File } from '../file-sha256.js';
import type { BulkRecord } from '../bulk.js';
import type { Canonical } from '../canonical.js';
import { clear, holdsUserData, counts } from '../datamover/move-store.js';
import { adoptKeywords } from '../rules/rule-store.js';
import { COPY_ORDER } from '../datamover/copy-order.js';
import type { FixEntry, MoveProgress, MoveReport, RejectEntry, TableReport } from '../datamover/move-report.js';
import { AppError } from '../errors.js';
import { openExecutor, type StoreTarget } from '../open-store.js';
import type { Executor } from '../sql/executor.js';
import { TABLES } from '../table-columns.js';
import { fingerprintTable, RowHasher } from '../verify/table-fingerprints.js';
import { convertRow, LEGACY_TABLES, type FieldFix, type Imported, type LegacyTable } from './legacy-rules.js';
import { IdSet } from './id-set.js';
import { openLegacyPg, openLegacySqlite, type LegacySource } from './legacy-source.js';

export interface LegacyImportOptions {
  /** The old app's finance.db, or a postgres:// URL of its database. */
  source: string;
  target: StoreTarget;
  replace?: boolean;
  /** A copy of the source is made here before anything else. */
  backupDir?: string;
  /** Backs up a PostgreSQL source (pg_dump lives in the app layer); returns the file. */
  backupPostgres?: (url: string) => Promise<string>;
  /** Re-encrypts bank tokens under Spending's key (the secrets service lives in the app layer). */
  protectTokens?: (
    rows: TokenRow[],
  ) => Promise<{ rows: TokenRow[]; failures: { id: number; column: string; reason: string }[] }>;
  signal?: AbortSignal;
  onProgress?: (progress: MoveProgress) => void;
}

export interface TokenRow {
  id: number;
  access_token: string | null;
  refresh_token: string | null;
}

export interface LegacyReport extends MoveReport {
  runId: string;
  sourceSha256: string;
  backupPath: string | null;
  /** Columns and tables kept as JSON in legacy_extras. */
  extras: { table: string; rows: number; columns: string[] }[];
  /** Bank tokens that could not be re-encrypted; kept as they were (ciphertext). */
  tokenProblems: { id: number; column: string; reason: string }[];
}

const metaKey = (identity: string) => `legacy_import:${identity}`;

export async function importLegacy(options: LegacyImportOptions): Promise<LegacyReport> {
  const started = performance.now();
  const postgres = /^postgres(ql)?:\/\//i.test(options.source);
  const source = postgres ? await openLegacyPg(options.source) : await openLegacySqlite(options.source);
  try {
    if (source.tables.has('app_meta'))
      throw new AppError(
        'invalid_input',
        `${source.location} is a Spending store, not the old app's database.`,
        'Use `spending migrate` to move a store.',
      );
    if (!source.tables.has('transactions'))
      throw new AppError(
        'invalid_input',
        `${source.location} is not the old app's database (it has no transactions table). Nothing was written.`,
        "Choose the old app's finance.db, or its PostgreSQL database (spending_db).",
      );
    const identity = await source.identity();
    const backupPath = postgres
      ? ((await options.backupPostgres?.(options.source)) ?? null)
      : options.backupDir
        ? await backup(options.source, options.backupDir, identity)
        : null;
    const { executor } = await openExecutor(options.target);
    try {
      // A smaller page cache for this one long transaction keeps a 1M-row import under 300 MB.
      if (executor.dialect.name === 'sqlite') await executor.run(sql`PRAGMA cache_size = -16384`);
      return await run(source, executor, options, { identity, backupPath, started });
    } finally {
      await executor.close();
    }
  } finally {
    await source.close();
  }
}

async function backup(path: string, dir: string, sha: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const copy = join(dir, `legacy-${format(new Date(), 'yyyyMMdd-HHmmss')}-${basename(path)}`);
  await copyFile(path, copy);
  if ((await sha256File(copy)) !== sha)
    throw new AppError(
      'unavailable',
      `The backup copy ${copy} does not match ${path}. Nothing was imported.`,
      'Check the disk, then try again.',
    );
  return copy;
}

interface RunContext {
  identity: string;
  backupPath: string | null;
  started: number;
}

async function run(
  source: LegacySource,
  target: Executor,
  options: LegacyImportOptions,
  context: RunContext,
): Promise<LegacyReport> {
  const read = (query: Parameters<Executor['all']>[0]) => target.all(query);
  const runId = randomUUID();
  const base = {
    from: source.location,
    to: options.target.kind === 'sqlite' ? options.target.path : options.target.url.replace(/:[^:@/]*@/, ':***@'),
    runId,
    sourceSha256: context.identity,
    backupPath: context.backupPath,
    dryRun: false,
  };
  const [done] = await read(sql`SELECT value FROM app_meta WHERE key = ${metaKey(context.identity)}`);
  if (done)
    return {
      ...base,
      ok: true,
      alreadyDone: true,
      runId: String(done.value),
      tables: {},
      checks: [],
      rejects: [],
      fixes: [],
      extras: [],
      tokenProblems: [],
      rows: 0,
      ms: 0,
      rowsPerSecond: 0,
    };
  if (!options.replace && (await holdsUserData(read, await counts(read, COPY_ORDER))))
    throw new AppError(
      'conflict',
      `${base.to} already holds other data; nothing was written.`,
      'Import into an empty store, or replace its contents (the wizard asks; the CLI takes --replace). Back it up first.',
    );

  const rowCounts = new Map<string, number>();
  for (const table of source.tables.keys()) rowCounts.set(table, await source.count(table));
  const total = [...rowCounts.values()].reduce((a, b) => a + b, 0);
  const tokenProblems: LegacyReport['tokenProblems'] = [];
  const tables: Record<string, TableReport> = {};
  const rejects: RejectEntry[] = [];
  const fixes: FixEntry[] = [];
  const extras = new Map<string, { rows: number; columns: string[] }>();
  const extraRows: BulkRecord[] = [];
  const imported: Imported = {};
  let expectedPence = 0n;
  let processed = 0;

  const progress = (table: string, tableDone: number, tableTotal: number) => {
    const seconds = (performance.now() - context.started) / 1000;
    const rate = processed / Math.max(seconds, 0.001);
    options.onProgress?.({
      table,
      tableDone,
      tableTotal,
      done: processed,
      total,
      rowsPerSecond: Math.round(rate),
      etaSeconds: rate > 0 ? Math.round((total - processed) / rate) : null,
    });
  };

  const keepExtra = (table: string, id: unknown, data: Record<string, unknown>, columns: string[]) => {
    const entry = extras.get(table) ?? { rows: 0, columns };
    entry.rows++;
    extras.set(table, entry);
    extraRows.push({
      run_id: runId,
      source_table: table,
      source_id: idText(id),
      data: JSON.stringify(data, jsonSafe),
    });
  };

  const work = async (tx: Executor) => {
    if (options.replace) await clear(tx);
    const existingCategories = new Set((await tx.all(sql`SELECT name FROM categories`)).map((r) => String(r.name)));
    const existingUsers = new Set((await tx.all(sql`SELECT email FROM users`)).map((r) => String(r.email)));
    for (const table of LEGACY_TABLES) {
      const columns = source.tables.get(table);
      const tableStarted = performance.now();
      const ours = new Set(Object.keys(TABLES[table].columns));
      const extraColumns = (columns ?? []).filter((c) => !ours.has(c));
      const ids = new IdSet();
      imported[table] = ids;
      const report: TableReport = { read: 0, written: 0, rejected: 0, fixed: 0, ms: 0, checksumMatch: true };
      tables[table] = report;
      if (!columns) continue;
      const hasher = new RowHasher();
      const select = selectFor(table, columns, source.tables);
      // Checksums cover the columns the source has; the others take the store's defaults.
      const compared = {
        ...TABLES[table],
        columns: Object.fromEntries(
          Object.entries(TABLES[table].columns).filter(
            ([c]) => columns.includes(c) || (table === 'transactions' && c === 'category'),
          ),
        ),
      };
      // Rows are already in the neutral form: only put them in column order.
      const names = Object.keys(compared.columns);
      const inOrder = (r: Record<string, Canonical>) => names.map((n) => r[n] ?? null);
      const tableTotal = rowCounts.get(table) ?? 0;
      const flush = async (page: Record<string, Canonical>[]) => {
        options.signal?.throwIfAborted();
        if (table === 'bank_connections' && options.protectTokens) await protect(page);
        if (table !== 'categories') hasher.addPage(page.map(inOrder));
        progress(table, report.read, tableTotal);
        return page;
      };
      const protect = async (page: Record<string, Canonical>[]) => {
        const protectedTokens = await options.protectTokens?.(
          page.map((r) => ({
            id: Number(r.id),
            access_token: tokenText(r.access_token),
            refresh_token: tokenText(r.refresh_token),
          })),
        );
        protectedTokens?.rows.forEach((t, i) =>
          Object.assign(page[i] ?? {}, { access_token: t.access_token, refresh_token: t.refresh_token }),
        );
        tokenProblems.push(...(protectedTokens?.failures ?? []));
      };
      async function* rows(): AsyncGenerator<BulkRecord> {
        let page: Record<string, Canonical>[] = [];
        for await (const row of source.rows(table, select)) {
          const raw = withoutRowid(row);
          report.read++;
          processed++;
          const outcome = convertRow(table, raw, imported);
          if (!outcome.ok) {
            report.rejected++;
            rejects.push({
              table,
              id: (raw.id as number | undefined) ?? null,
              reason: outcome.reason,
              original: raw,
            } as RejectEntry & { original: unknown });
            continue;
          }
          if (extraColumns.length)
            keepExtra(table, raw.id, Object.fromEntries(extraColumns.map((c) => [c, raw[c]])), extraColumns);
          if (table === 'categories') {
            const name = String(outcome.row.name);
            if (existingCategories.has(name)) continue; // merged by name
            existingCategories.add(name);
            delete outcome.row.id; // nothing refers to a category by id; the store's own may differ
          }
          if (table === 'users') {
            const email = String(outcome.row.email);
            if (existingUsers.has(email)) {
              ids.add(Number(outcome.row.id)); // the store's default user stands in for the old one
              continue;
            }
            existingUsers.add(email);
          }
          if (outcome.fixes.length) {
            report.fixed++;
            for (const f of outcome.fixes) fixes.push(fixEntry(table, raw.id, f));
          }
          ids.add(table === 'categories' ? String(outcome.row.name) : Number(outcome.row.id));
          if (table === 'transactions') expectedPence += BigInt(outcome.row.amount ?? 0);
          page.push(outcome.row);
          if (page.length === 5_000) {
            yield* await flush(page);
            page = [];
          }
        }
        yield* await flush(page);
      }
      report.written = await tx.bulkInsert(table, rows());
      if (table === 'categories') for (const name of existingCategories) ids.add(name);
      // Merged rows count as imported: rule 3's read = imported + rejected.
      if (table === 'categories' || table === 'users') report.written = report.read - report.rejected;
      if (table !== 'categories' && table !== 'users') {
        const landed = await fingerprintTable((q) => tx.all(q), compared);
        const expected = hasher.result();
        report.checksumMatch = landed.rows === expected.rows && landed.checksum === expected.checksum;
      }
      report.ms = Math.round(performance.now() - tableStarted);
    }
    // Tables we have no place for, kept whole.
    for (const [table, columns] of source.tables) {
      if ((LEGACY_TABLES as readonly string[]).includes(table)) continue;
      const report: TableReport = { read: 0, written: 0, rejected: 0, fixed: 0, ms: 0, checksumMatch: true };
      const tableStarted = performance.now();
      for await (const raw of source.rows(table)) {
        const { __rowid: rowid, ...data } = raw;
        keepExtra(table, data.id ?? rowid, data, columns);
        report.read++;
        report.written++;
        processed++;
      }
      report.ms = Math.round(performance.now() - tableStarted);
      tables[table] = report;
    }
    await tx.bulkInsert('legacy_extras', extraRows);
    await tx.bulkInsert(
      'import_rejects',
      rejects.map((r) => ({
        run_id: runId,
        source_table: r.table,
        source_id: r.id === null ? null : String(r.id),
        reason: r.reason,
        original: JSON.stringify((r as RejectEntry & { original: unknown }).original, jsonSafe),
      })),
    );
    await tx.bulkInsert(
      'import_fixes',
      fixes.map((f) => ({
        run_id: runId,
        table_name: f.table,
        row_id: String(f.id),
        column_name: f.column,
        original_value: f.original,
        fixed_value: (f as FixEntry & { fixed: string | null }).fixed,
        reason: f.reason,
      })),
    );
    await tx.run(sql`INSERT INTO app_meta (key, value) VALUES (${metaKey(context.identity)}, ${runId})`);
    for (const table of LEGACY_TABLES)
      if (source.tables.has(table)) await reserveIds(tx, table, await source.maxId(table));
    // The old app's keywords sort rows from now on, not only after the next start.
    await adoptKeywords(tx);
    await checkPence(tx, tables, expectedPence);
    const mismatched = Object.entries(tables)
      .filter(([, t]) => !t.checksumMatch)
      .map(([t]) => t);
    if (mismatched.length)
      throw new AppError(
        'internal',
        `What landed does not match what was read in ${mismatched.join(', ')}; nothing was written.`,
        'Report this problem; the source is untouched.',
      );
  };

  try {
    await target.transaction(work);
  } catch (error) {
    if (options.signal?.aborted)
      throw new AppError(
        'unavailable',
        'Cancelled; the target is as it was.',
        'Run the import again when you are ready.',
      );
    throw error;
  }
  const ms = Math.round(performance.now() - context.started);
  return {
    ...base,
    ok: true,
    alreadyDone: false,
    tables,
    checks: [],
    rejects: rejects.map(({ table, id, reason }) => ({ table, id, reason })),
    fixes,
    extras: [...extras].map(([table, e]) => ({ table, ...e })),
    tokenProblems,
    rows: processed,
    ms,
    rowsPerSecond: Math.round(processed / Math.max(ms / 1000, 0.001)),
  };
}

/**
 * New rows get ids above every id the old app used, quarantined ones included,
 * so a quarantined row can later come back under its own id.
 */
async function reserveIds(tx: Executor, table: string, maxId: number): Promise<void> {
  if (!maxId) return;
  if (tx.dialect.name === 'postgres') {
    await tx.run(
      sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), GREATEST(${maxId}, (SELECT COALESCE(MAX(id), 0) FROM ${sql.identifier(table)})))`,
    );
    return;
  }
  await tx.run(sql`UPDATE sqlite_sequence SET seq = MAX(seq, ${maxId}) WHERE name = ${table}`);
  await tx.run(
    sql`INSERT INTO sqlite_sequence (name, seq) SELECT ${table}, ${maxId} WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ${table})`,
  );
}

/** Transactions from the later branch have no category: it came from transaction_enrichments. */
function selectFor(table: LegacyTable, columns: string[], tables: Map<string, string[]>): string | undefined {
  const enrichments = tables.get('transaction_enrichments');
  if (
    table === 'transactions' &&
    !columns.includes('category') &&
    enrichments?.includes('transaction_id') &&
    enrichments.includes('primary_category')
  )
    return `SELECT t.*, (SELECT e.primary_category FROM transaction_enrichments e WHERE e.transaction_id = t.id ORDER BY e.rowid DESC LIMIT 1) AS category FROM transactions t ORDER BY t.id`;
  return undefined;
}

const tokenText = (value: Canonical | undefined): string | null => (typeof value === 'string' ? value : null);

function fixEntry(table: string, id: unknown, fix: FieldFix): FixEntry & { fixed: string | null } {
  return {
    table,
    id: (id as number | undefined) ?? null,
    column: fix.column,
    original: fix.original,
    reason: fix.reason,
    fixed: fix.fixed,
  };
}

/** SQLite's rowid rides along for tables without ids; it is not the user's data. */
function withoutRowid(row: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...row };
  delete copy.__rowid;
  return copy;
}

const idText = (id: unknown): string | null =>
  typeof id === 'number' || typeof id === 'string' || typeof id === 'bigint' ? String(id) : null;

/** Blobs as base64 and everything else as is, so an original row survives JSON. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { base64: Buffer.from(value).toString('base64') };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Import rule 6: the pence that landed equal the pence of the valid source rows. */
async function checkPence(tx: Executor, tables: Record<string, TableReport>, expected: bigint): Promise<void> {
  const pence =
    tx.dialect.name === 'sqlite'
      ? sql`SUM(CAST(ROUND(amount * 100) AS INTEGER))`
      : sql`CAST(SUM(amount * 100) AS BIGINT)`;
  const [row] = await tx.all(sql`SELECT COUNT(*) AS n, ${pence} AS pence FROM transactions`);
  const landed = BigInt((row?.pence as string | number | null | undefined) ?? 0);
  const count = Number(row?.n ?? 0);
  if (count !== (tables.transactions?.written ?? 0) || landed !== expected)
    throw new AppError(
      'internal',
      `The transactions that landed (${String(count)}, ${String(landed)} pence) are not those imported (${String(tables.transactions?.written)}, ${String(expected)} pence); nothing was written.`,
      'Report this problem; the source is untouched.',
    );
}
