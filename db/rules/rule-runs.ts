// Applying rules to stored transactions, as the Store does it for both
// dialects: rows stream in id order, a page at a time; the caller decides
// what changes; only rows that change are written, and only while they still
// hold what was read; each apply is one transaction and one undoable run.
import { sql, type SQL } from 'drizzle-orm';
import { AppError } from '../errors.js';
import { readInt, type JsonColumn } from '../sql/dialect.js';
import type { Executor } from '../sql/executor.js';
import type { TransactionFilter } from '../model.js';
import type { Dialect } from '../sql/dialect.js';
import { filterConditions, UNCATEGORISED } from '../sql/transaction-queries.js';
import type { MatchInput } from './matcher.js';
import type { ChangeSummary, RuleRun, RuleRunKind, RuleScope, SampleRow, UndoResult } from './rule-model.js';
import { readJson } from './rule-rows.js';

/** Column positions in a scanned row (arrays, not objects: a scan may read a million). */
export const SCAN = {
  id: 0,
  description: 1,
  merchant: 2,
  pence: 3,
  category: 4,
  categorySource: 5,
  huququllah: 6,
  date: 7,
  source: 8,
} as const;

/** A scanned row as the matcher reads it. */
export function matchInput(row: readonly unknown[]): MatchInput {
  return {
    description: row[SCAN.description] as string,
    merchant: row[SCAN.merchant] as string | null,
    pence: row[SCAN.pence] as number,
    date: row[SCAN.date] as string | null,
    source: row[SCAN.source] as string | null,
  };
}

/** Columns a scan reads only when some rule looks at them; otherwise they arrive as null. */
export interface ScanNeeds {
  date: boolean;
  source: boolean;
}

/** One row's values before and after. Old values are as stored ('' stays ''), so the write can check them. */
export interface RowChange {
  id: number;
  oldCategory: string | null;
  newCategory: string | null;
  oldCategorySource: string | null;
  newCategorySource: string | null;
  oldMerchant: string | null;
  newMerchant: string | null;
  oldHuququllah: string | null;
  newHuququllah: string | null;
}

export interface ApplyRun {
  kind: RuleRunKind;
  /** What the user asked for, kept with the run. */
  request: unknown;
  scope: RunScope;
  needs: ScanNeeds;
  decide(page: readonly unknown[][]): RowChange[];
  /** The changes of a page that were written (rows changed meanwhile are left out). */
  written(changes: readonly RowChange[]): void;
  summary(): ChangeSummary;
}

const PAGE = 10_000;
const WRITE_BATCH = 2_000;

const CHANGE_COLUMNS: readonly JsonColumn[] = [
  ['tid', 'integer'],
  ['oc', 'text'],
  ['nc', 'text'],
  ['os', 'text'],
  ['ns', 'text'],
  ['om', 'text'],
  ['nm', 'text'],
  ['oh', 'text'],
  ['nh', 'text'],
];

const changeRecord = (c: RowChange) => ({
  tid: c.id,
  oc: c.oldCategory,
  nc: c.newCategory,
  os: c.oldCategorySource,
  ns: c.newCategorySource,
  om: c.oldMerchant,
  nm: c.newMerchant,
  oh: c.oldHuququllah,
  nh: c.newHuququllah,
});

/** What a run looks at: a rule scope, or the expenses the Transactions page's filters show (bulk Huququllah classing). */
export type RunScope = RuleScope | { kind: 'expenses'; filter: TransactionFilter };

const categoryMoves = (c: RowChange) => c.oldCategory !== c.newCategory || c.oldCategorySource !== c.newCategorySource;

function scopeCondition(d: Dialect, scope: RunScope): SQL | undefined {
  switch (scope.kind) {
    case 'expenses':
      return sql.join([sql`amount < 0`, ...filterConditions(d, scope.filter)], sql` AND `);
    case 'all':
      return undefined;
    case 'uncategorised':
      return UNCATEGORISED;
    case 'ids':
      return sql`id IN (${sql.join(
        scope.ids.map((id) => sql`${id}`),
        sql`, `,
      )})`;
    case 'merchant':
      return sql`merchant = ${scope.merchant}`;
    case 'categories': {
      const named = scope.categories.length
        ? sql`category IN (${sql.join(
            scope.categories.map((c) => sql`${c}`),
            sql`, `,
          )})`
        : undefined;
      if (named && scope.uncategorised) return sql`(${named} OR ${UNCATEGORISED})`;
      return named ?? (scope.uncategorised ? UNCATEGORISED : sql`1 = 0`);
    }
  }
}

export function sampleRows(db: Executor, ids: readonly number[]): Promise<SampleRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return db
    .all(
      sql`SELECT id, date, description, amount, merchant, category FROM transactions WHERE id IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}) ORDER BY id`,
    )
    .then((rows) =>
      rows.map((r) => ({
        id: readInt(r.id),
        date: String(r.date),
        description: String(r.description),
        amountPence: db.dialect.readMoney(r.amount),
        merchant: (r.merchant as string | null) ?? null,
        category: (r.category as string | null) ?? null,
      })),
    );
}

export class RuleRuns {
  constructor(private readonly db: Executor) {}

  /** The scope's rows in id order, a page at a time (see SCAN for the columns); resolves to how many. */
  async scan(
    scope: RunScope,
    needs: ScanNeeds,
    onPage: (rows: readonly unknown[][]) => void | Promise<void>,
    db: Executor = this.db,
  ): Promise<number> {
    const d = db.dialect;
    const where = scopeCondition(d, scope);
    const columns = sql`id, description, merchant, ${d.pence(sql`amount`)}, category, category_source,
      huququllah_classification, ${needs.date ? sql`date` : sql`NULL`}, ${needs.source ? sql`source_file` : sql`NULL`}`;
    let after = 0;
    let total = 0;
    for (;;) {
      const rows = await db.values(
        sql`SELECT ${columns} FROM transactions WHERE id > ${after}${where ? sql` AND ${where}` : sql``}
            ORDER BY id LIMIT ${PAGE}`,
      );
      if (!rows.length) return total;
      for (const row of rows) row[SCAN.pence] = readInt(row[SCAN.pence]);
      total += rows.length;
      await onPage(rows);
      if (rows.length < PAGE) return total;
      after = readInt(rows.at(-1)?.[SCAN.id]);
    }
  }

  samples(ids: readonly number[]): Promise<SampleRow[]> {
    return sampleRows(this.db, ids);
  }

  /** Scans, decides and writes in ONE transaction, recorded as a run; runId is null when nothing changed. */
  apply(run: ApplyRun): Promise<{ runId: number | null }> {
    return this.db.transaction(async (tx) => {
      const [created] = await tx.all(
        sql`INSERT INTO rule_runs (kind, scope, changed, summary) VALUES (${run.kind}, ${JSON.stringify(run.request)}, 0, '{}')
            RETURNING id`,
      );
      const runId = readInt(created?.id);
      await this.scan(
        run.scope,
        run.needs,
        async (page) => {
          const changes = run.decide(page);
          if (changes.length) run.written(await writeChanges(tx, runId, changes));
        },
        tx,
      );
      const summary = run.summary();
      if (!summary.changed) {
        await tx.run(sql`DELETE FROM rule_runs WHERE id = ${runId}`);
        return { runId: null };
      }
      await tx.run(
        sql`UPDATE rule_runs SET changed = ${summary.changed}, summary = ${JSON.stringify(summary)} WHERE id = ${runId}`,
      );
      return { runId };
    });
  }

  /** Newest first; `open`: only those not undone. */
  async list(limit = 20, { open = false } = {}): Promise<RuleRun[]> {
    const d = this.db.dialect;
    const rows = await this.db.all(
      sql`SELECT id, kind, scope, changed, summary, ${d.isoInstant(sql`created_at`)} AS created_at,
            ${d.isoInstant(sql`undone_at`)} AS undone_at
          FROM rule_runs${open ? sql` WHERE undone_at IS NULL` : sql``} ORDER BY id DESC LIMIT ${limit}`,
    );
    return rows.map((r) => {
      const summary = readJson(r.summary) as Partial<ChangeSummary>;
      return {
        id: readInt(r.id),
        kind: String(r.kind) as RuleRunKind,
        scope: readJson(r.scope),
        changed: readInt(r.changed),
        byCategory: summary.byCategory ?? {},
        merchants: summary.merchants ?? 0,
        huququllah: summary.huququllah ?? 0,
        createdAt: String(r.created_at),
        undoneAt: (r.undone_at as string | null) ?? null,
      };
    });
  }

  /**
   * Puts back what a run changed, field by field, where the row still holds
   * what the run wrote: a later edit (by hand or by another apply) is kept.
   */
  undo(runId: number): Promise<UndoResult> {
    return this.db.transaction(async (tx) => {
      const d = tx.dialect;
      const [run] = await tx.all(sql`SELECT undone_at FROM rule_runs WHERE id = ${runId}${d.forUpdate}`);
      if (!run)
        throw new AppError('not_found', `No apply with id ${runId}.`, 'Refresh the list; it may have been removed.');
      if (run.undone_at !== null)
        throw new AppError('conflict', `Apply ${runId} has already been undone.`, 'Nothing was changed.');
      const fields: { set: SQL; changed: SQL; still: SQL }[] = [
        {
          set: sql`category = c.old_category, category_source = c.old_category_source`,
          changed: sql`NOT (${d.same(sql`c.old_category`, sql`c.new_category`)} AND ${d.same(sql`c.old_category_source`, sql`c.new_category_source`)})`,
          still: sql`${d.same(sql`transactions.category`, sql`c.new_category`)} AND ${d.same(sql`transactions.category_source`, sql`c.new_category_source`)}`,
        },
        {
          set: sql`merchant = c.old_merchant`,
          changed: sql`NOT ${d.same(sql`c.old_merchant`, sql`c.new_merchant`)}`,
          still: d.same(sql`transactions.merchant`, sql`c.new_merchant`),
        },
        {
          set: sql`huququllah_classification = c.old_huququllah`,
          changed: sql`NOT ${d.same(sql`c.old_huququllah`, sql`c.new_huququllah`)}`,
          still: d.same(sql`transactions.huququllah_classification`, sql`c.new_huququllah`),
        },
      ];
      const restored = new Set<number>();
      const kept = new Set<number>();
      for (const f of fields) {
        const back = await tx.all(
          sql`UPDATE transactions SET ${f.set} FROM rule_run_changes c
              WHERE c.run_id = ${runId} AND transactions.id = c.transaction_id AND ${f.changed} AND ${f.still}
              RETURNING transactions.id`,
        );
        const done = new Set(back.map((r) => readInt(r.id)));
        for (const id of done) restored.add(id);
        const changed = await tx.all(
          sql`SELECT transaction_id FROM rule_run_changes c WHERE c.run_id = ${runId} AND ${f.changed}`,
        );
        for (const r of changed) if (!done.has(readInt(r.transaction_id))) kept.add(readInt(r.transaction_id));
      }
      await tx.run(sql`UPDATE rule_runs SET undone_at = CURRENT_TIMESTAMP WHERE id = ${runId}`);
      return { runId, restored: restored.size, keptLaterEdits: kept.size };
    });
  }
}

/** Writes a page's changes where rows still hold what was read; resolves to those written, also logged. */
async function writeChanges(tx: Executor, runId: number, changes: readonly RowChange[]): Promise<RowChange[]> {
  const d = tx.dialect;
  const written: RowChange[] = [];
  // Only the columns that change are SET: SQLite's triggers fire on a column being set, changed or not.
  const groups = new Map<string, RowChange[]>();
  for (const c of changes) {
    const key = `${categoryMoves(c) ? 'c' : ''}${c.oldMerchant !== c.newMerchant ? 'm' : ''}${c.oldHuququllah !== c.newHuququllah ? 'h' : ''}`;
    if (!key) continue;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  for (const [key, group] of groups) {
    const sets: SQL[] = [];
    if (key.includes('c')) sets.push(sql`category = v.nc`, sql`category_source = v.ns`);
    if (key.includes('m')) sets.push(sql`merchant = v.nm`);
    if (key.includes('h')) sets.push(sql`huququllah_classification = v.nh`);
    for (let i = 0; i < group.length; i += WRITE_BATCH) {
      const batch = group.slice(i, i + WRITE_BATCH);
      const rows = d.jsonRecords(JSON.stringify(batch.map(changeRecord)), CHANGE_COLUMNS, 'v');
      const done = await tx.all(
        sql`UPDATE transactions SET ${sql.join(sets, sql`, `)} FROM ${rows}
            WHERE transactions.id = v.tid
              AND ${d.same(sql`transactions.category`, sql`v.oc`)} AND ${d.same(sql`transactions.category_source`, sql`v.os`)}
              AND ${d.same(sql`transactions.merchant`, sql`v.om`)}
              AND ${d.same(sql`transactions.huququllah_classification`, sql`v.oh`)}
            RETURNING transactions.id`,
      );
      const ids = new Set(done.map((r) => readInt(r.id)));
      written.push(...batch.filter((c) => ids.has(c.id)));
    }
  }
  for (let i = 0; i < written.length; i += WRITE_BATCH) {
    const rows = d.jsonRecords(
      JSON.stringify(written.slice(i, i + WRITE_BATCH).map(changeRecord)),
      CHANGE_COLUMNS,
      'v',
    );
    await tx.run(
      sql`INSERT INTO rule_run_changes (run_id, transaction_id, old_category, new_category, old_category_source,
            new_category_source, old_merchant, new_merchant, old_huququllah, new_huququllah)
          SELECT ${runId}, v.tid, v.oc, v.nc, v.os, v.ns, v.om, v.nm, v.oh, v.nh FROM ${rows}`,
    );
  }
  return written;
}
