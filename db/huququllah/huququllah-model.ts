// The shapes of the Huququllah sums, shared by the Store, the IPC contract and
// the renderer. Pure zod: no Node imports.
import { z } from 'zod';
import { ReportPeriod } from '../reports/report-model.js';
import { HuququllahClass } from '../model.js';
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
