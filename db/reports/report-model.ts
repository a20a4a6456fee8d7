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

const int = z.number().int();
const Month = z.string().regex(/^\d{4}-\d{2}$/);
const Span = z.object({ from: IsoDate, to: IsoDate });

/** Spending counts positive throughout reports: what left the account. */
export const CategorySpending = z.object({
  /** null: no category. */
  category: z.string().nullable(),
  spendPence: int,
  incomePence: int,
  /** Transactions in the category and period, money in and out. */
  count: int,
});
export type CategorySpending = z.infer<typeof CategorySpending>;

export const MonthCashFlow = z.object({
  month: Month,
  incomePence: int,
  spendPence: int,
  /** Income less spending; negative when more went out than came in. */
  netPence: int,
});
export type MonthCashFlow = z.infer<typeof MonthCashFlow>;

export const CategoryChange = z.object({
  category: z.string().nullable(),
  currentPence: int,
  previousPence: int,
  yearAgoPence: int,
  /** current − previous. */
  changePence: int,
  /** Against the previous period, one decimal; null when nothing was spent then. */
  changePercent: z.number().nullable(),
  yearChangePence: int,
  yearChangePercent: z.number().nullable(),
});
export type CategoryChange = z.infer<typeof CategoryChange>;

/** change / base as a percent to one decimal; null when there was nothing to compare with. */
export function percentChange(now: number, base: number): number | null {
  if (base === 0) return null;
  return Math.round(((now - base) * 1000) / base) / 10;
}

export const PeriodComparison = z.object({
  current: Span,
  previous: Span,
  yearAgo: Span,
  categories: z.array(CategoryChange),
});
export type PeriodComparison = z.infer<typeof PeriodComparison>;

export const MerchantSpending = z.object({
  /** The merchant, or the description where no merchant is known. */
  merchant: z.string(),
  spendPence: int,
  count: int,
});
export type MerchantSpending = z.infer<typeof MerchantSpending>;

export const CADENCES = ['weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type Cadence = (typeof CADENCES)[number];

export const RecurringPayment = z.object({
  /** Which series this is, as the user's decisions about it are kept: its payee and cadence. */
  key: z.string(),
  /** The user's name for it where they gave one, else the merchant (or latest description). */
  merchant: z.string(),
  /** Confirmed by the user, or only detected. Dismissed ones are not listed. */
  confirmed: z.boolean(),
  cadence: z.enum(CADENCES),
  /** What the next payment is expected to be: the middle of the last three. */
  amountPence: int,
  lastDate: IsoDate,
  nextDate: IsoDate,
  count: int,
  /** Its cost spread over a month (a yearly payment counts a twelfth). */
  monthlyPence: int,
});
export type RecurringPayment = z.infer<typeof RecurringPayment>;

export const RECURRING_STATUSES = ['confirmed', 'dismissed'] as const;

/** The user's word on a detected series; a field left out keeps what was decided before. */
export const RecurringDecision = z.object({
  key: z.string().min(1, 'Say which recurring payment'),
  /** null: back to only detected. */
  status: z.enum(RECURRING_STATUSES).nullable().optional(),
  /** null or blank: back to the detected name. */
  name: z
    .string()
    .trim()
    .max(200, 'A name is at most 200 characters')
    .nullable()
    .optional()
    .transform((name) => (name === '' ? null : name)),
});
export type RecurringDecision = z.input<typeof RecurringDecision>;

export const RecurringSummary = z.object({
  payments: z.array(RecurringPayment),
  /** Every payment's monthly share, summed. */
  monthlyPence: int,
  /** Expected within 30 days of the day asked about, soonest first. */
  upcoming: z.array(RecurringPayment),
});
export type RecurringSummary = z.infer<typeof RecurringSummary>;

export const BudgetInput = z.object({
  category: z.string().trim().min(1, 'A budget needs a category'),
  /** A month's allowance in pence. */
  amountPence: z.number().int().positive('A budget is more than £0.00').max(999_999_999_999),
  rollover: z.boolean().default(false),
});
export type BudgetInput = z.input<typeof BudgetInput>;

export const Budget = z.object({
  category: z.string(),
  amountPence: int,
  rollover: z.boolean(),
  /** The first month it counts for (YYYY-MM): rollover starts there. */
  startMonth: Month,
});
export type Budget = z.infer<typeof Budget>;

export const BudgetStatus = Budget.extend({
  month: Month,
  /** Unspent allowance carried from earlier months (rollover only; never below zero). */
  carriedPence: int,
  spentPence: int,
  /** amount + carried − spent; negative when over. */
  leftPence: int,
  /** Days of the month from the day asked about, that day included. */
  daysLeft: int,
  /** What may still go out each day to stay within it (0 when over), pence rounded down. */
  leftPerDayPence: int,
});
export type BudgetStatus = z.infer<typeof BudgetStatus>;
