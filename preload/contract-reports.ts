// The reports part of the contract: spending by category, cash flow by month,
// comparisons, top merchants, recurring payments and budgets (db/reports/).
import { z } from 'zod';
import { IsoDate } from '../db/model.js';
import {
  Budget,
  BudgetInput,
  BudgetStatus,
  CategorySpending,
  MerchantSpending,
  MonthCashFlow,
  PeriodComparison,
  RecurringDecision,
  RecurringSummary,
  ReportPeriod,
} from '../db/reports/report-model.js';

/** The day a report looks from; the renderer sends its own today, so the figures match what it shows. */
const AsOf = z.object({ asOf: IsoDate });

export const reportsMethods = {
  reportCategories: { input: ReportPeriod, output: z.array(CategorySpending) },
  reportMonths: { input: ReportPeriod, output: z.array(MonthCashFlow) },
  reportCompare: { input: ReportPeriod.and(AsOf), output: PeriodComparison },
  reportMerchants: {
    input: ReportPeriod.and(z.object({ limit: z.number().int().min(1).max(100).optional() })),
    output: z.array(MerchantSpending),
  },
  recurringPayments: { input: AsOf, output: RecurringSummary },
  decideRecurring: { input: RecurringDecision, output: z.null() },
  listBudgets: { input: z.void(), output: z.array(Budget) },
  setBudget: { input: BudgetInput.and(AsOf), output: Budget },
  removeBudget: { input: z.object({ category: z.string() }), output: z.null() },
  budgetStatus: { input: AsOf, output: z.array(BudgetStatus) },
} as const;
