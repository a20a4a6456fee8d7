// Monthly budgets per category (FINANCE.md 6): set, list, remove, and how the
// month stands. Spending per month comes from transaction_totals, so the
// status of every budget, rollover included, is one small query.
import { sql } from 'drizzle-orm';
import { AppError, invalidInput } from '../errors.js';
import { sameCategoryName } from '../model.js';
import { readInt } from '../sql/dialect.js';
import type { Executor, Row } from '../sql/executor.js';
import { daysInMonth } from '../sql/month-split.js';
import { monthsBetween } from './report-dates.js';
import { BudgetInput, type Budget, type BudgetStatus } from './report-model.js';

const rowToBudget = (r: Row): Budget => ({
  category: String(r.category),
  amountPence: readInt(r.amount_pence),
  rollover: r.rollover === true || r.rollover === 1,
  startMonth: String(r.start_month),
});

export async function listBudgets(db: Executor): Promise<Budget[]> {
  const rows = await db.all(sql`SELECT category, amount_pence, rollover, start_month FROM budgets ORDER BY category`);
  return rows.map(rowToBudget);
}

/** The category as stored, found however it was typed ("groceries" is Groceries). */
async function categoryName(db: Executor, typed: string): Promise<string> {
  const rows = await db.all<{ name: string }>(sql`SELECT name FROM categories`);
  const found = rows.find((r) => sameCategoryName(r.name, typed));
  if (!found)
    throw new AppError(
      'not_found',
      `There is no category called “${typed.trim()}”.`,
      'Budgets are per category: add the category first, or check its name with `spending report categories`.',
    );
  return found.name;
}

/** Sets (or changes) a category's budget; a new one counts from `month`, a changed one keeps its start. */
export async function setBudget(db: Executor, input: BudgetInput, month: string): Promise<Budget> {
  const parsed = BudgetInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const { amountPence, rollover } = parsed.data;
  const category = await categoryName(db, parsed.data.category);
  const [row] = await db.all(
    sql`INSERT INTO budgets (category, amount_pence, rollover, start_month)
        VALUES (${category}, ${amountPence}, ${rollover}, ${month})
        ON CONFLICT (category) DO UPDATE SET amount_pence = excluded.amount_pence, rollover = excluded.rollover
        RETURNING category, amount_pence, rollover, start_month`,
  );
  if (!row) throw new Error('The budget was not written');
  return rowToBudget(row);
}

export async function removeBudget(db: Executor, category: string): Promise<void> {
  const name = await categoryName(db, category);
  if (!(await db.run(sql`DELETE FROM budgets WHERE category = ${name}`)))
    throw new AppError('not_found', `“${name}” has no budget.`, 'See the budgets with `spending budgets list`.');
}

/**
 * Each budget in the month of `asOf`. Refunds into a category count against
 * its spending. With rollover, what was left each month since the start
 * carries on; an overspent month carries nothing (it is not taken from the next).
 */
export async function budgetStatus(db: Executor, asOf: string): Promise<BudgetStatus[]> {
  const budgets = await listBudgets(db);
  if (!budgets.length) return [];
  const month = asOf.slice(0, 7);
  const first = budgets.reduce((m, b) => (b.startMonth < m ? b.startMonth : m), month);
  const rows = await db.all(
    sql`SELECT t.category, t.month, SUM(t.spend_pence) + SUM(t.income_pence) AS net
        FROM transaction_totals t JOIN budgets b ON b.category = t.category
        WHERE t.month >= ${first} AND t.month <= ${month}
        GROUP BY t.category, t.month`,
  );
  const spent = new Map(rows.map((r) => [`${String(r.category)}\u0000${String(r.month)}`, 0 - readInt(r.net)]));
  const spentIn = (category: string, m: string) => spent.get(`${category}\u0000${m}`) ?? 0;
  const days = daysInMonth(month);
  const daysLeft = days - Number(asOf.slice(8, 10)) + 1;
  return budgets.map((b) => {
    let carriedPence = 0;
    if (b.rollover)
      for (const m of monthsBetween(b.startMonth, month).slice(0, -1))
        carriedPence = Math.max(0, carriedPence + b.amountPence - spentIn(b.category, m));
    const spentPence = spentIn(b.category, month);
    const leftPence = b.amountPence + carriedPence - spentPence;
    return {
      ...b,
      month,
      carriedPence,
      spentPence,
      leftPence,
      daysLeft,
      leftPerDayPence: leftPence > 0 ? Math.floor(leftPence / daysLeft) : 0,
    };
  });
}
