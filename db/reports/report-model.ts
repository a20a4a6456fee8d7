// The shapes of reports, recurring payments and budgets, shared by the Store,
// the IPC contract and the renderer. Pure zod: no Node imports.
import { z } from 'zod';
import { IsoDate } from '../model.js';

/** Any span of days, either end open; a span ending before it starts is refused. */
export const ReportPeriod = z
  .object({ from: IsoDate.optional(), to: IsoDate.optional() })
  .refine((p) => !p.from || !p.to || p.from <= p.to, {
    path: ['to'],
    message: 'The end date is before the start date',
  });
export type ReportPeriod = z.infer<typeof ReportPeriod>;

/** Spending counts positive throughout reports: what left the account. */
export interface CategorySpending {
  /** null: no category. */
  category: string | null;
  spendPence: number;
  incomePence: number;
  /** Transactions in the category and period, money in and out. */
  count: number;
}

export interface MonthCashFlow {
  month: string;
  incomePence: number;
  spendPence: number;
  /** Income less spending; negative when more went out than came in. */
  netPence: number;
}

export interface CategoryChange {
  category: string | null;
  currentPence: number;
  previousPence: number;
  yearAgoPence: number;
  /** current − previous. */
  changePence: number;
  /** Against the previous period, one decimal; null when nothing was spent then. */
  changePercent: number | null;
  yearChangePence: number;
  yearChangePercent: number | null;
}

export interface PeriodComparison {
  current: { from: string; to: string };
  previous: { from: string; to: string };
  yearAgo: { from: string; to: string };
  categories: CategoryChange[];
}

export interface MerchantSpending {
  /** The merchant, or the description where no merchant is known. */
  merchant: string;
  spendPence: number;
  count: number;
}

export const CADENCES = ['weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type Cadence = (typeof CADENCES)[number];

export interface RecurringPayment {
  merchant: string;
  cadence: Cadence;
  /** What the next payment is expected to be: the middle of the last three. */
  amountPence: number;
  lastDate: string;
  nextDate: string;
  count: number;
  /** Its cost spread over a month (a yearly payment counts a twelfth). */
  monthlyPence: number;
}

export interface RecurringSummary {
  payments: RecurringPayment[];
  /** Every payment's monthly share, summed. */
  monthlyPence: number;
  /** Expected within 30 days of the day asked about, soonest first. */
  upcoming: RecurringPayment[];
}

export const BudgetInput = z.object({
  category: z.string().trim().min(1, 'A budget needs a category'),
  /** A month's allowance in pence. */
  amountPence: z.number().int().positive('A budget is more than £0.00').max(999_999_999_999),
  rollover: z.boolean().default(false),
});
export type BudgetInput = z.input<typeof BudgetInput>;

export interface Budget {
  category: string;
  amountPence: number;
  rollover: boolean;
  /** The first month it counts for (YYYY-MM): rollover starts there. */
  startMonth: string;
}

export interface BudgetStatus extends Budget {
  month: string;
  /** Unspent allowance carried from earlier months (rollover only; never below zero). */
  carriedPence: number;
  spentPence: number;
  /** amount + carried − spent; negative when over. */
  leftPence: number;
  /** Days of the month from the day asked about, that day included. */
  daysLeft: number;
  /** What may still go out each day to stay within it (0 when over), pence rounded down. */
  leftPerDayPence: number;
}
