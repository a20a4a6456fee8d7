// The old app's finance.db into a Spending store, by LEGACY.md's import rules:
// the source is backed up and only read; ids are kept; every row is imported,
// imported with recorded fixes, or quarantined with its reason and original
// values; columns and tables we have no place for are kept as JSON; all of it
// lands in ONE target transaction that checks itself before it commits.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { BulkRecord } from '../bulk.js';
import type { Canonical } from '../canonical.js';
import { clear, holdsUserData, counts } from '../datamover/move-store.js';
import { adoptKeywords } from '../rules/rule-store.js';
import { COPY_ORDER } from '../datamover/copy-order.js';
import type { FixEntry, MoveProgress, MoveReport, RejectEntry, TableReport } from '../datamover/move-report.js';
import { AppError } from '../errors.js';
import { openExecutor, parseStoreTarget, type StoreTarget } from '../open-store.js';
import { redactUrl } from '../pg/connection-errors.js';
import { sameStore } from '../same-store.js';
import type { Executor } from '../sql/executor.js';
import { stampStore } from '../store-meta.js';
import { TABLES } from '../table-columns.js';
import { fingerprintTable, RowHasher } from '../verify/table-fingerprints.js';
import { originalRow, sourceIdText } from './exact-values.js';
import {
  LEGACY_TABLES,
  requireColumns,
  RowConverter,
  type FieldFix,
  type Imported,
  type LegacyTable,
} from './legacy-rules.js';
import { IdSet } from './id-set.js';
import { csvStem, removeImportCsvs, writeImportCsvs, type ImportCsvs } from './import-csv.js';
import { backupLegacySqlite } from './legacy-backup.js';
import { withSecretsProtected, type ProtectSecrets, type SecretProblem } from './legacy-secrets.js';
import { openLegacyPg, openLegacySqlite, type LegacyRow, type LegacySource } from './legacy-source.js';

export interface LegacyImportOptions {
  /** The old app's finance.db, or a postgres:// URL of its database. */
  source: string;
  target: StoreTarget;
  replace?: boolean;
  /** A copy of the source is made here once the import is known to write something. */
  backupDir?: string;
  /** Runs once the import is known to write something, before the source is copied (the app backs up the store). */
  beforeWrite?: () => Promise<void>;
  /**
   * Backs up a PostgreSQL source (pg_dump lives in the app layer) as of `snapshot`,
   * the one the import reads; returns the file.
   */
  backupPostgres?: (url: string, snapshot?: string) => Promise<string>;
  /** Encrypts the old data's secrets under Spending's key; without it, a source holding any is refused. */
  protectSecrets?: ProtectSecrets;
  signal?: AbortSignal;
  onProgress?: (progress: MoveProgress) => void;
}

export interface LegacyReport extends MoveReport {
  runId: string;
  /** SHA-256 of the source's content, not of a file (content-identity.ts): "already imported" goes by it. */
  sourceSha256: string;
  backupPath: string | null;
  /** Columns and tables kept as JSON in legacy_extras. */
  extras: { table: string; rows: number; columns: string[] }[];
  /** Tables not read, and why (views, full-text index internals, tables this SQLite cannot open). */
  skipped: { table: string; reason: string }[];
  /** Bank tokens (and other secrets) that could not be re-encrypted; kept as they were (ciphertext). */
  tokenProblems: SecretProblem[];
  /** The quarantined rows and the fixed fields as CSV, next to the backup copy (null without a backupDir). */
  rejectsCsv: string | null;
  fixesCsv: string | null;
}

const metaKey = (identity: string) => `legacy_import:${identity}`;

export async function importLegacy(options: LegacyImportOptions): Promise<LegacyReport> {
  const started = performance.now();
  // Before either is opened: opening the target would migrate, and so change, the old app's file.
  const sourceTarget = parseStoreTarget(options.source);
  if (sameStore(sourceTarget, options.target))
    throw new AppError(
      'invalid_input',
      `${sourceTarget.kind === 'sqlite' ? sourceTarget.path : redactUrl(sourceTarget.url)} is both the old app's database to import and the store to import into (the same ${options.target.kind === 'sqlite' ? 'file' : 'database'}). Nothing was written.`,
      'Import into another store: a new file (--db spending.sqlite) or your Spending store.',
    );
  const postgres = sourceTarget.kind === 'postgres';
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
    const identity = await source.identity(options.signal);
    const { executor, schemaVersion } = await openExecutor(options.target);
    try {
      // Backups cost a full copy each at 1M rows, so none is made for an import that writes nothing.
      const refusal = await alreadyDoneOrRefused(source, executor, options, identity);
      if (refusal) return refusal;
      await options.beforeWrite?.();
      const backupPath = postgres
        ? ((await options.backupPostgres?.(options.source, await source.exportSnapshot?.())) ?? null)
        : options.backupDir
          ? await backupLegacySqlite(source, options.backupDir, identity, options.signal)
          : null;
      // A smaller page cache for this one long transaction keeps a 1M-row import under 300 MB.
      if (executor.dialect.name === 'sqlite') await executor.run(sql`PRAGMA cache_size = -16384`);
      return await run(source, executor, options, { identity, backupPath, started, schemaVersion });
    } finally {
      await executor.close();
    }
  } catch (error) {
    // Wherever the cancel landed (reading, backing up, importing), nothing was written.
    if (options.signal?.aborted)
      throw new AppError(
        'unavailable',
        'Cancelled; the target is as it was.',
        'Run the import again when you are ready.',
      );
    throw error;
  } finally {
    await source.close();
  }
}

interface RunContext {
  identity: string;
  backupPath: string | null;
  started: number;
  schemaVersion: number;
}

const targetLabel = (target: StoreTarget) => (target.kind === 'sqlite' ? target.path : redactUrl(target.url));

/** The report of a source imported before, or the refusal of a store that holds other data. */
async function alreadyDoneOrRefused(
  source: LegacySource,
  target: Executor,
  options: LegacyImportOptions,
  identity: string,
): Promise<LegacyReport | undefined> {
  const read = (query: Parameters<Executor['all']>[0]) => target.all(query);
  const [done] = await read(sql`SELECT value FROM app_meta WHERE key = ${metaKey(identity)}`);
  if (done)
    return {
      from: source.location,
      to: targetLabel(options.target),
      sourceSha256: identity,
      backupPath: null,
      dryRun: false,
      ok: true,
      alreadyDone: true,
      runId: String(done.value),
      tables: {},
      checks: [],
      rejects: [],
      fixes: [],
      extras: [],
      skipped: [],
      tokenProblems: [],
      rejectsCsv: null,
      fixesCsv: null,
      rows: 0,
      ms: 0,
      rowsPerSecond: 0,
    };
  if (!options.replace && (await holdsUserData(read, await counts(read, COPY_ORDER))))
    throw new AppError(
      'conflict',
      `${targetLabel(options.target)} already holds other data; nothing was written.`,
      'Import into an empty store, or replace its contents (the wizard asks; the CLI takes --replace). Back it up first.',
    );
  return undefined;
}

async function run(
  source: LegacySource,
  target: Executor,
  options: LegacyImportOptions,
  context: RunContext,
): Promise<LegacyReport> {
  const runId = randomUUID();
  const base = {
    from: source.location,
    to: targetLabel(options.target),
    runId,
    sourceSha256: context.identity,
    backupPath: context.backupPath,
    dryRun: false,
  };

  const rowCounts = new Map<string, number>();
  for (const table of source.tables.keys()) rowCounts.set(table, await source.count(table));
  const total = [...rowCounts.values()].reduce((a, b) => a + b, 0);
  const tokenProblems: LegacyReport['tokenProblems'] = [];
  const tables: Record<string, TableReport> = {};
  const rejects: RejectEntry[] = [];
  const fixes: FixEntry[] = [];
  const extras = new Map<string, { rows: number; columns: string[] }>();
  const extraRows: BulkRecord[] = [];
  const imported: Imported = { ids: {}, standIns: { users: new Map() } };
  const converters = new Map<LegacyTable, RowConverter>();
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

  // Before a row is judged, so no secret reaches a reject, a fix, legacy_extras, the report or an error.
  const protectedRows = (table: string, rows: AsyncIterable<LegacyRow>) =>
    withSecretsProtected(table, source.tables.get(table) ?? [], rows, options.protectSecrets, tokenProblems);

  const written: { csvs?: ImportCsvs } = {};

  const keepExtra = (table: string, id: unknown, row: Record<string, unknown>, columns: string[]) => {
    const entry = extras.get(table) ?? { rows: 0, columns };
    entry.rows++;
    extras.set(table, entry);
    extraRows.push({
      run_id: runId,
      source_table: table,
      source_id: sourceIdText(id),
      data: JSON.stringify(originalRow(row, columns)),
    });
  };

  const work = async (tx: Executor) => {
    if (options.replace) {
      await clear(tx);
      // clear() took the store's identity and schema version with everything else.
      await stampStore(tx, context.schemaVersion);
    }
    const existingCategories = new Set((await tx.all(sql`SELECT name FROM categories`)).map((r) => String(r.name)));
    const existingUsers = new Map(
      (await tx.all(sql`SELECT id, email FROM users`)).map((r) => [String(r.email), Number(r.id)]),
    );
    for (const table of LEGACY_TABLES) {
      const columns = source.tables.get(table);
      const tableStarted = performance.now();
      const ours = new Set(Object.keys(TABLES[table].columns));
      const extraColumns = (columns ?? []).filter((c) => !ours.has(c));
      const ids = new IdSet();
      imported.ids[table] = ids;
      const report: TableReport = { read: 0, written: 0, rejected: 0, fixed: 0, ms: 0, checksumMatch: true };
      tables[table] = report;
      if (!columns) continue;
      const sourceColumns = columns;
      requireColumns(table, columns, source.location);
      const computed = computedColumns(table, columns, source.tables);
      const converter = new RowConverter(table, [...columns, ...Object.keys(computed ?? {})], imported, ids);
      converters.set(table, converter);
      const hasher = new RowHasher();
      // Checksums cover the columns the source has; the others take the store's defaults.
      const compared = {
        ...TABLES[table],
        columns: Object.fromEntries(
          Object.entries(TABLES[table].columns).filter(([c]) => columns.includes(c) || c in (computed ?? {})),
        ),
      };
      // Rows are already in the neutral form: only put them in column order.
      const names = Object.keys(compared.columns);
      const inOrder = (r: Record<string, Canonical>) => names.map((n) => r[n] ?? null);
      const tableTotal = rowCounts.get(table) ?? 0;
      const flush = (page: Record<string, Canonical>[]) => {
        options.signal?.throwIfAborted();
        if (table !== 'categories') hasher.addPage(page.map(inOrder));
        progress(table, report.read, tableTotal);
        return page;
      };
      async function* rows(): AsyncGenerator<BulkRecord> {
        let page: Record<string, Canonical>[] = [];
        for await (const { values: raw } of protectedRows(table, source.rows(table, computed))) {
          report.read++;
          processed++;
          const outcome = converter.convert(raw);
          if (!outcome.ok) {
            report.rejected++;
            rejects.push({
              table,
              id: typeof raw.id === 'number' ? raw.id : sourceIdText(raw.id),
              reason: outcome.reason,
              original: originalRow(raw, sourceColumns),
            } as RejectEntry & { original: unknown });
            continue;
          }
          // Categories keep no id (nothing refers to one by id; the store's own may differ): their source id names them.
          const rowId = outcome.row.id ?? raw.id;
          if (extraColumns.length) keepExtra(table, rowId, raw, extraColumns);
          if (table === 'categories') {
            const name = String(outcome.row.name);
            if (existingCategories.has(name)) continue; // merged by name
            existingCategories.add(name);
            ids.add(name);
          }
          if (table === 'users') {
            const email = String(outcome.row.email);
            const standIn = existingUsers.get(email);
            if (standIn !== undefined) {
              // The store's own user (its default one) stands in for the old one; links to it follow.
              imported.standIns.users?.set(Number(outcome.row.id), standIn);
              continue;
            }
            existingUsers.set(email, Number(outcome.row.id));
          }
          if (outcome.fixes.length) {
            report.fixed++;
            for (const f of outcome.fixes) fixes.push(fixEntry(table, rowId, f));
          }
          if (table === 'transactions') expectedPence += BigInt(outcome.row.amount ?? 0);
          page.push(outcome.row);
          if (page.length === 5_000) {
            yield* flush(page);
            page = [];
          }
        }
        yield* flush(page);
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
      for await (const { values, rowid } of protectedRows(table, source.rows(table))) {
        keepExtra(table, values.id ?? rowid, values, columns);
        report.read++;
        report.written++;
        processed++;
      }
      report.ms = Math.round(performance.now() - tableStarted);
      tables[table] = report;
    }
    await tx.bulkInsert('legacy_extras', extraRows);
    const rejectRows = rejects.map((r) => ({
      run_id: runId,
      source_table: r.table,
      source_id: r.id === null ? null : String(r.id),
      reason: r.reason,
      original: JSON.stringify((r as RejectEntry & { original: unknown }).original, jsonSafe),
    }));
    await tx.bulkInsert('import_rejects', rejectRows);
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
    for (const [table, converter] of converters) await reserveIds(tx, table, converter.highestId);
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
    // Last, once all else checked out; files for an import that then fails to commit are removed below.
    if (options.backupDir)
      written.csvs = await writeImportCsvs(
        csvStem(context.backupPath, options.backupDir),
        rejectRows.map((r) => [r.source_table, r.source_id, r.reason, r.original]),
        fixes.map((f) => [
          f.table,
          f.id,
          f.column,
          f.original,
          (f as FixEntry & { fixed: string | null }).fixed,
          f.reason,
        ]),
      );
  };

  try {
    await target.transaction(work);
  } catch (error) {
    if (written.csvs) await removeImportCsvs(written.csvs);
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
    skipped: source.skipped,
    tokenProblems,
    rejectsCsv: written.csvs?.rejectsCsv ?? null,
    fixesCsv: written.csvs?.fixesCsv ?? null,
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
function computedColumns(
  table: LegacyTable,
  columns: string[],
  tables: Map<string, string[]>,
): Record<string, string> | undefined {
  const enrichments = tables.get('transaction_enrichments');
  if (
    table === 'transactions' &&
    !columns.includes('category') &&
    enrichments?.includes('transaction_id') &&
    enrichments.includes('primary_category')
  )
    return {
      category: `(SELECT e.primary_category FROM transaction_enrichments e WHERE e.transaction_id = t.id ORDER BY ${enrichments.includes('id') ? 'e.id' : 'e.rowid'} DESC LIMIT 1)`,
    };
  return undefined;
}

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
