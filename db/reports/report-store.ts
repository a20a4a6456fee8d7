// Reports as the Store gives them: each concern in its own file, every figure
// summed in the database (transaction_totals where whole months allow).
import { format } from 'date-fns';
import { invalidInput } from '../errors.js';
import type { Executor } from '../sql/executor.js';
import { budgetStatus, listBudgets, removeBudget, setBudget } from './budgets.js';
import { cashFlowByMonth } from './cash-flow.js';
import { spendingByCategory } from './category-spending.js';
import { comparePeriods } from './period-compare.js';
import {
  ReportPeriod,
  type Budget,
  type BudgetInput,
  type BudgetStatus,
  type CategorySpending,
  type MerchantSpending,
  type MonthCashFlow,
  type PeriodComparison,
  type RecurringDecision,
  type RecurringSummary,
} from './report-model.js';
import { decideRecurring } from './recurring-decisions.js';
import { recurringPayments } from './recurring.js';
import { topMerchants } from './top-merchants.js';

/** Today as YYYY-MM-DD on this computer's calendar. */
export const today = () => format(new Date(), 'yyyy-MM-dd');

export function parsePeriod(period: unknown): ReportPeriod {
  const parsed = ReportPeriod.safeParse(period ?? {});
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  return parsed.data;
}

/** The day a report is as of, checked like any date the user gives. */
function asOfDate(asOf: string): string {
  return parsePeriod({ to: asOf }).to ?? asOf;
}

export class ReportStore {
  constructor(private readonly db: Executor) {}

  async categories(period: ReportPeriod = {}): Promise<CategorySpending[]> {
    return spendingByCategory(this.db, parsePeriod(period));
  }

  async months(period: ReportPeriod = {}): Promise<MonthCashFlow[]> {
    return cashFlowByMonth(this.db, parsePeriod(period));
  }

  async merchants(period: ReportPeriod = {}, limit = 10): Promise<MerchantSpending[]> {
    return topMerchants(this.db, parsePeriod(period), limit);
  }

  /** The period defaults to this month so far. */
  async compare(period: ReportPeriod = {}, asOf = today()): Promise<PeriodComparison> {
    const p = parsePeriod(period);
    const to = p.to ?? asOf;
    return comparePeriods(this.db, p.from ?? `${to.slice(0, 7)}-01`, to);
  }

  /** Recurring payments still going on `asOf`, with their next dates. */
  async recurring(asOf = today()): Promise<RecurringSummary> {
    return recurringPayments(this.db, asOfDate(asOf));
  }

  /** Confirms, renames or dismisses a detected series (or takes that back); see recurring-decisions.ts. */
  decideRecurring(decision: RecurringDecision): Promise<void> {
    return decideRecurring(this.db, decision);
  }

  budgets(): Promise<Budget[]> {
    return listBudgets(this.db);
  }

  /** A new budget counts from the month of `asOf`. */
  async setBudget(input: BudgetInput, asOf = today()): Promise<Budget> {
    return setBudget(this.db, input, asOfDate(asOf).slice(0, 7));
  }

  removeBudget(category: string): Promise<void> {
    return removeBudget(this.db, category);
  }

  /** How each budget stands in the month of `asOf`. */
  async budgetStatus(asOf = today()): Promise<BudgetStatus[]> {
    return budgetStatus(this.db, asOfDate(asOf));
  }
}
