// Ḥuqúqu'lláh (FINANCE.md 5): expenses classed essential or discretionary;
// what is due is 19 % of the discretionary total, to the penny. Income is
// never classed. Sums are taken in the database, in integer pence.
import { sql, type SQL } from 'drizzle-orm';
import { AppError, invalidInput } from '../errors.js';
import type { HUQUQULLAH_CLASSES } from '../model.js';
import {
  HuququllahBulkRequest,
  HuququllahPeriod,
  type HuququllahBulkResult,
  type HuququllahSummary,
  type UnclassifiedExpense,
} from './huququllah-model.js';
import { suggestClasses } from './huququllah-suggest.js';
import { ChangeTally } from '../rules/rule-apply.js';
import type { SampleRow } from '../rules/rule-model.js';
import { RuleRuns, SCAN, type RowChange } from '../rules/rule-runs.js';
import { readInt, type Dialect } from '../sql/dialect.js';
import { splitByMonth } from '../sql/month-split.js';
import type { Executor } from '../sql/executor.js';

/** 19 % of `pence`, half a penny up; integer arithmetic, so exact for any sum pence can hold. */
export function duePence(discretionaryPence: number): number {
  return Math.floor((discretionaryPence * 19 + 50) / 100);
}

const between = ({ from, to }: HuququllahPeriod) =>
  sql`${from ? sql` AND date >= ${from}` : sql``}${to ? sql` AND date <= ${to}` : sql``}`;

/**
 * The period's sums in one pass. `+amount` keeps SQLite off the amount index:
 * nearly every row is an expense, and walking that index fetches each row by
 * id, 14 times slower at 1M rows than reading the table (a date range still
 * uses the date index).
 */
export function summaryQuery(d: Dialect, period: HuququllahPeriod): SQL {
  const pence = d.pence(sql`amount`);
  return sql`SELECT
        COALESCE(SUM(CASE WHEN huququllah_classification = 'essential' THEN -${pence} END), 0) AS essential,
        COALESCE(SUM(CASE WHEN huququllah_classification = 'discretionary' THEN -${pence} END), 0) AS discretionary,
        COUNT(*) - COUNT(huququllah_classification) AS unclassified
      FROM transactions
      WHERE +amount < 0${between(period)}`;
}

interface Sums {
  essential: number;
  discretionary: number;
  unclassified: number;
}

export class HuququllahStore {
  private readonly runs: RuleRuns;

  constructor(private readonly db: Executor) {
    this.runs = new RuleRuns(db);
  }

  /**
   * Whole months come from huququllah_totals (kept by triggers, migration
   * 0014_huq), a few hundred rows however many transactions; only the partial
   * months at a period's edges are scanned, through the date index.
   */
  async summary(input: HuququllahPeriod = {}): Promise<HuququllahSummary> {
    const period = this.period(input);
    const split = splitByMonth(period);
    const parts = await Promise.all([
      ...(split.months ? [this.fromTotals(split.months)] : []),
      ...split.edges.map((edge) => this.scanned(edge)),
    ]);
    const sum = (key: keyof Sums) => parts.reduce((n, p) => n + p[key], 0);
    const discretionaryPence = sum('discretionary');
    return {
      essentialPence: sum('essential'),
      discretionaryPence,
      duePence: duePence(discretionaryPence),
      unclassified: sum('unclassified'),
    };
  }

  private async fromTotals({ from, to }: { from?: string; to?: string }): Promise<Sums> {
    const rows = await this.db.all(
      sql`SELECT class, SUM(n) AS n, SUM(pence) AS pence FROM huququllah_totals
          WHERE 1 = 1${from ? sql` AND month >= ${from}` : sql``}${to ? sql` AND month <= ${to}` : sql``}
          GROUP BY class`,
    );
    const sums: Sums = { essential: 0, discretionary: 0, unclassified: 0 };
    for (const row of rows) {
      if (row.class === 'essential') sums.essential -= readInt(row.pence);
      else if (row.class === 'discretionary') sums.discretionary -= readInt(row.pence);
      else sums.unclassified += readInt(row.n);
    }
    return sums;
  }

  private async scanned(period: HuququllahPeriod): Promise<Sums> {
    const [row] = await this.db.all(summaryQuery(this.db.dialect, period));
    return {
      essential: readInt(row?.essential ?? 0),
      discretionary: readInt(row?.discretionary ?? 0),
      unclassified: readInt(row?.unclassified ?? 0),
    };
  }

  /** Expenses not yet classed in the period, newest first, each with a suggested class where history gives one. */
  async unclassified(input: HuququllahPeriod = {}, limit = 200): Promise<UnclassifiedExpense[]> {
    const period = this.period(input);
    const d = this.db.dialect;
    const rows = await this.db.all(
      sql`SELECT id, date, description, amount, merchant, category FROM transactions
          WHERE amount < 0 AND huququllah_classification IS NULL${between(period)}
          ORDER BY date DESC, id DESC LIMIT ${limit}`,
    );
    const expenses: SampleRow[] = rows.map((r) => ({
      id: readInt(r.id),
      date: String(r.date),
      description: String(r.description),
      amountPence: d.readMoney(r.amount),
      merchant: (r.merchant as string | null) ?? null,
      category: (r.category as string | null) ?? null,
    }));
    const suggestions = await suggestClasses(this.db, expenses);
    return expenses.map((e) => ({ ...e, suggestion: suggestions.get(e.id) ?? null }));
  }

  private period(period: HuququllahPeriod): HuququllahPeriod {
    const parsed = HuququllahPeriod.safeParse(period);
    if (!parsed.success) throw invalidInput(parsed.error.issues);
    return parsed.data;
  }

  /**
   * Classes every expense a filter matches in one transaction, recorded as a
   * run so it can be undone like a rules apply (a row edited since is kept).
   */
  async classify(input: HuququllahBulkRequest): Promise<HuququllahBulkResult> {
    const parsed = HuququllahBulkRequest.safeParse(input);
    if (!parsed.success) throw invalidInput(parsed.error.issues);
    const request = parsed.data;
    const scope = { kind: 'expenses' as const, filter: request.filter };
    const needs = { date: false, source: false };
    const tally = new ChangeTally();
    let expenses = 0;
    const decide = (page: readonly unknown[][]): RowChange[] => {
      expenses += page.length;
      return page.flatMap((row) => {
        const old = row[SCAN.huququllah] as string | null;
        if (old === request.value) return [];
        const [category, source, merchant] = [row[SCAN.category], row[SCAN.categorySource], row[SCAN.merchant]];
        return [
          {
            id: Number(row[SCAN.id]),
            oldCategory: category as string | null,
            newCategory: category as string | null,
            oldCategorySource: source as string | null,
            newCategorySource: source as string | null,
            oldMerchant: merchant as string | null,
            newMerchant: merchant as string | null,
            oldHuququllah: old,
            newHuququllah: request.value,
          },
        ];
      });
    };
    if (request.dryRun) {
      await this.runs.scan(scope, needs, (page) => tally.add(decide(page)));
      return { expenses, changed: tally.changed, runId: null };
    }
    const { runId } = await this.runs.apply({
      kind: 'huququllah',
      request,
      scope,
      needs,
      decide,
      written: (changes) => tally.add(changes),
      summary: () => tally.summary(),
    });
    return { expenses, changed: tally.changed, runId };
  }

  /** Classes one expense (null: unclassed). Income is refused: it is never classed. */
  async set(id: number, value: (typeof HUQUQULLAH_CLASSES)[number] | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [row] = await tx.all(sql`SELECT amount FROM transactions WHERE id = ${id}${tx.dialect.forUpdate}`);
      if (!row) throw new AppError('not_found', `No transaction with id ${id}.`, 'Check the id with `spending list`.');
      if (value !== null && tx.dialect.readMoney(row.amount) >= 0)
        throw new AppError(
          'invalid_input',
          `Transaction ${id} is money coming in; only expenses are classed for Huququllah.`,
          'Choose an expense (a negative amount).',
        );
      await tx.run(sql`UPDATE transactions SET huququllah_classification = ${value} WHERE id = ${id}`);
    });
  }
}
