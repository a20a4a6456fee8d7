// One engine for moving a Spending store between SQLite and PostgreSQL, in
// either direction. The source is only read. The target is written in ONE
// transaction that also verifies, before it commits, that every table's rows
// and checksum equal the source's: a crash, a cancel or a mismatch at any
// point leaves the target as it was. Rows stream through in pages, so memory
// stays flat; PostgreSQL is written with COPY.
import { existsSync, statSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { BulkRow } from '../bulk.js';
import { AppError } from '../errors.js';
import { DEFAULT_CATEGORIES, DEFAULT_USER_EMAIL } from '../model.js';
import { openExecutor, type StoreTarget } from '../open-store.js';
import { redactUrl } from '../pg/connection-errors.js';
import { sameStore } from '../same-store.js';
import { diskFullDuring } from '../store-errors.js';
import type { Executor } from '../sql/executor.js';
import { TABLES, type TableName } from '../table-columns.js';
import type { ReadRows } from '../table-pages.js';
import {
  compareFingerprints,
  fingerprintAll,
  fingerprintTable,
  executorReader,
  RowHasher,
  type Fingerprints,
} from '../verify/table-fingerprints.js';
import { COPY_ORDER, DERIVED_TABLES } from './copy-order.js';
import { exactRows } from './exact-row.js';
import { compareChecks, type MoveProgress, type MoveReport, type TableReport } from './move-report.js';
import { openMoveSource, type MoveSource } from './source.js';
import { storeChecks } from './store-checks.js';

export interface MoveOptions {
  from: StoreTarget;
  to: StoreTarget;
  /** Replace whatever the target holds; without it a target with other data is refused. */
  replace?: boolean;
  /** Copy and verify, then roll back. */
  dryRun?: boolean;
  /** Runs once the move is known to write something (the app backs up first). */
  beforeWrite?: () => Promise<void>;
  signal?: AbortSignal;
  onProgress?: (progress: MoveProgress) => void;
}

class RolledBack extends Error {}

const describe = (t: StoreTarget) => (t.kind === 'sqlite' ? t.path : redactUrl(t.url));

export async function counts(read: ReadRows, tables: readonly TableName[]): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await read(sql`SELECT COUNT(*) AS n FROM ${sql.identifier(table)}`);
    result[table] = Number(row?.n ?? 0);
  }
  return result;
}

/** Only the rows every new store starts with: default categories and rules, the default user, its identity. */
export async function holdsUserData(read: ReadRows, rows: Record<string, number>): Promise<boolean> {
  const seeded = new Set<string>(['categories', 'users', 'app_meta', 'rules']);
  if (COPY_ORDER.some((t) => !seeded.has(t) && (rows[t] ?? 0) > 0)) return true;
  const categories = await read(sql`SELECT name FROM categories`);
  const users = await read(sql`SELECT email FROM users`);
  const rules = await read(sql`SELECT builtin FROM rules`);
  return (
    categories.some((c) => !(DEFAULT_CATEGORIES as readonly string[]).includes(String(c.name))) ||
    users.some((u) => u.email !== DEFAULT_USER_EMAIL) ||
    rules.some((r) => r.builtin !== true && r.builtin !== 1)
  );
}

export interface Preflight {
  /** Rows per copied table in the source. */
  tables: Record<string, number>;
  rows: number;
  targetHoldsData: boolean;
}

/** What a move would copy and whether the target is free, without copying anything. */
export async function preflightMove(from: StoreTarget, to: StoreTarget): Promise<Preflight> {
  if (sameStore(from, to)) throw new AppError('invalid_input', 'The source and the target are the same store.');
  const source = await openMoveSource(from);
  try {
    const tables = await counts(source.read, COPY_ORDER);
    const rows = Object.values(tables).reduce((a, b) => a + b, 0);
    // A SQLite file that does not exist yet holds nothing; planning must not create it.
    if (to.kind === 'sqlite' && !existsSync(to.path)) return { tables, rows, targetHoldsData: false };
    const { executor } = await openExecutor(to);
    try {
      const read: ReadRows = (query) => executor.all(query);
      return {
        tables,
        rows,
        targetHoldsData: await holdsUserData(read, await counts(read, COPY_ORDER)),
      };
    } finally {
      await executor.close();
    }
  } finally {
    await source.close();
  }
}

export async function moveStore(options: MoveOptions): Promise<MoveReport> {
  const started = performance.now();
  if (sameStore(options.from, options.to))
    throw new AppError('invalid_input', 'The source and the target are the same store.');
  const source = await openMoveSource(options.from);
  try {
    const { executor: target } = await openExecutor(options.to);
    try {
      // A smaller page cache for this one long transaction keeps a 1M-row move under 300 MB of memory.
      if (target.dialect.name === 'sqlite') await target.run(sql`PRAGMA cache_size = -16384`);
      return await copyInto(source, target, options, started);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function copyInto(
  source: MoveSource,
  target: Executor,
  options: MoveOptions,
  started: number,
): Promise<MoveReport> {
  const base = { from: describe(options.from), to: describe(options.to), rejects: [], fixes: [] };
  const sourceRows = await counts(source.read, COPY_ORDER);
  const targetRead: ReadRows = (query) => target.all(query);
  const targetRows = await counts(targetRead, COPY_ORDER);
  if (await holdsUserData(targetRead, targetRows)) {
    const [a, b] = [await fingerprintAll(source.read), await fingerprintAll(targetRead)];
    if (!compareFingerprints(a, b).length)
      return {
        ...base,
        ok: true,
        dryRun: Boolean(options.dryRun),
        alreadyDone: true,
        tables: Object.fromEntries(
          Object.entries(a).map(([t, f]) => [
            t,
            { read: f.rows, written: 0, rejected: 0, fixed: 0, ms: 0, checksumMatch: true },
          ]),
        ),
        checks: [],
        rows: 0,
        ms: Math.round(performance.now() - started),
        rowsPerSecond: 0,
      };
    if (!options.replace)
      throw new AppError(
        'conflict',
        `${base.to} already holds other data; nothing was written.`,
        'Choose an empty target, or replace its contents (the wizard asks; the CLI takes --replace). Back it up first.',
      );
  }

  if (!options.dryRun) await options.beforeWrite?.();
  const total = COPY_ORDER.reduce((n, t) => n + (sourceRows[t] ?? 0), 0);
  let done = 0;
  const tables: Record<string, TableReport> = {};
  const copied: Fingerprints = {};
  const progress = (table: string, tableDone: number) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    options.onProgress?.({
      table,
      tableDone,
      tableTotal: sourceRows[table] ?? 0,
      done,
      total,
      rowsPerSecond: Math.round(rate),
      etaSeconds: rate > 0 ? Math.round((total - done) / rate) : null,
    });
  };

  const work = async (tx: Executor) => {
    await clear(tx);
    for (const table of COPY_ORDER) {
      const tableStarted = performance.now();
      const shape = TABLES[table];
      const hasher = new RowHasher();
      const exact = exactRows(shape);
      async function* rows(): AsyncGenerator<BulkRow> {
        for await (const page of source.pages(shape)) {
          options.signal?.throwIfAborted();
          const values = page.map(exact);
          hasher.addPage(values);
          yield* values;
          done += page.length;
          progress(table, hasher.rows);
        }
      }
      const written = await tx.bulkInsert(table, rows(), { deferIndexes: true });
      copied[table] = hasher.result();
      tables[table] = {
        read: hasher.rows,
        written,
        rejected: 0,
        fixed: 0,
        ms: Math.round(performance.now() - tableStarted),
        checksumMatch: false,
      };
    }
    options.signal?.throwIfAborted();
    // Verified before COMMIT: a target that does not match is never left behind.
    const txRead: ReadRows = (query) => tx.all(query);
    const landed = await fingerprintAll(executorReader(tx), (t) => (COPY_ORDER as readonly string[]).includes(t));
    for (const table of COPY_ORDER) {
      const report = tables[table];
      if (report)
        report.checksumMatch =
          landed[table]?.checksum === copied[table]?.checksum && landed[table]?.rows === copied[table]?.rows;
    }
    for (const derived of DERIVED_TABLES) {
      const [expected, actual] = [
        await fingerprintTable(source.read, TABLES[derived]),
        await fingerprintTable(txRead, TABLES[derived]),
      ];
      tables[derived] = {
        read: expected.rows,
        written: actual.rows,
        rejected: 0,
        fixed: 0,
        ms: 0,
        checksumMatch: expected.checksum === actual.checksum,
      };
    }
    const checks = compareChecks(
      await storeChecks(source.read, source.dialect),
      await storeChecks(txRead, tx.dialect.name),
    );
    const mismatched = [
      ...Object.entries(tables)
        .filter(([, r]) => !r.checksumMatch)
        .map(([t]) => t),
      ...checks.filter((c) => !c.match).map((c) => c.name),
    ];
    if (mismatched.length)
      throw new AppError(
        'internal',
        `The copy does not match the source in ${mismatched.join(', ')}; nothing was written.`,
        'Report this problem; the source is untouched.',
      );
    const report: MoveReport = {
      ...base,
      ok: true,
      dryRun: Boolean(options.dryRun),
      alreadyDone: false,
      tables,
      checks,
      rows: done,
      ms: Math.round(performance.now() - started),
      rowsPerSecond: Math.round(done / Math.max((performance.now() - started) / 1000, 0.001)),
    };
    if (options.dryRun) throw Object.assign(new RolledBack(), { report });
    return report;
  };

  try {
    const report = await target.transaction(work);
    // Committed and verified; the indexes left for now are built several at once.
    options.onProgress?.({
      table: 'indexes',
      tableDone: 0,
      tableTotal: 0,
      done,
      total,
      rowsPerSecond: 0,
      etaSeconds: null,
    });
    await target.finishPendingWork?.();
    report.ms = Math.round(performance.now() - started);
    report.rowsPerSecond = Math.round(done / Math.max(report.ms / 1000, 0.001));
    return report;
  } catch (error) {
    if (error instanceof RolledBack) return (error as RolledBack & { report: MoveReport }).report;
    if (options.signal?.aborted)
      throw new AppError(
        'unavailable',
        'Cancelled; the target is as it was.',
        'Run the move again when you are ready.',
      );
    throw diskFullDuring(error, {
      what: `moving the data into ${base.to}`,
      // About the source's size; a SQLite target holds it twice for a while, in its -wal file and its file.
      ...(options.from.kind === 'sqlite'
        ? { neededBytes: (options.to.kind === 'sqlite' ? 2 : 1) * sqliteFileBytes(options.from.path) }
        : {}),
    });
  }
}

const sqliteFileBytes = (path: string) =>
  ['', '-wal'].reduce((n, suffix) => n + (statSync(path + suffix, { throwIfNoEntry: false })?.size ?? 0), 0);

/** Empties the target inside the move's transaction (defaults included: the source brings its own). */
export async function clear(tx: Executor): Promise<void> {
  const all = [...DERIVED_TABLES, ...[...COPY_ORDER].reverse()];
  if (tx.dialect.name === 'postgres') {
    await tx.run(sql.raw(`TRUNCATE ${all.join(', ')} RESTART IDENTITY`));
    return;
  }
  for (const table of all) await tx.run(sql`DELETE FROM ${sql.identifier(table)}`);
}
