// The shapes of the Huququllah sums, shared by the Store, the IPC contract and
// the renderer. Pure zod: no Node imports.
import { z } from 'zod';
import { ReportPeriod } from '../reports/report-model.js';
import { HuququllahClass, TransactionFilter } from '../model.js';
import { SampleRow } from '../rules/rule-model.js';

/** Any span of days, as the reports take it. */
export const HuququllahPeriod = ReportPeriod;
export type HuququllahPeriod = ReportPeriod;

export const HuququllahSummary = z.object({
  /** Spent on essentials, in pence, counted positive. */
  essentialPence: z.number().int(),
  discretionaryPence: z.number().int(),
  /** 19 % of discretionary, rounded half up to the penny. */
  duePence: z.number().int(),
  /** Expenses not yet classed. */
  unclassified: z.number().int(),
});
export type HuququllahSummary = z.infer<typeof HuququllahSummary>;

/** A class for an unclassed expense, from the user's own history, and why (huququllah-suggest.ts). */
export const HuququllahSuggestion = z.object({
  value: HuququllahClass,
  /** 0 to 1. */
  confidence: z.number(),
  reason: z.string(),
});
export type HuququllahSuggestion = z.infer<typeof HuququllahSuggestion>;

export const UnclassifiedExpense = SampleRow.extend({ suggestion: HuququllahSuggestion.nullable() });
export type UnclassifiedExpense = z.infer<typeof UnclassifiedExpense>;

/** Every expense the Transactions page's filters show, put in one class (null: unclassed); income is left alone. */
export const HuququllahBulkRequest = z.object({
  filter: TransactionFilter,
  value: HuququllahClass.nullable(),
  /** Only count what would change. */
  dryRun: z.boolean().default(false),
});
export type HuququllahBulkRequest = z.input<typeof HuququllahBulkRequest>;

export const HuququllahBulkResult = z.object({
  /** Expenses the filter matched. */
  expenses: z.number().int(),
  /** Those whose class changed (or would): the rest already had it. */
  changed: z.number().int(),
  /** The run that undoes it (the Rules page's applies), null when nothing changed or on a dry run. */
  runId: z.number().int().nullable(),
});
export type HuququllahBulkResult = z.infer<typeof HuququllahBulkResult>;
