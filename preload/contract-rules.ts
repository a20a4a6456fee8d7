// The rules and Huququllah part of the contract: rules in priority order,
// preview / apply / undo, and the Huququllah sums and classing.
import { z } from 'zod';
import { HuququllahClass } from '../db/model.js';
import {
  HuququllahBulkRequest,
  HuququllahBulkResult,
  HuququllahPeriod,
  HuququllahSummary,
  UnclassifiedExpense,
} from '../db/huququllah/huququllah-model.js';
import {
  ApplyRequest,
  ApplyResult,
  MerchantCategoryRequest,
  Rule,
  RuleInput,
  RuleMatches,
  RuleMatchRequest,
  RulePreview,
  RuleRun,
  RuleSuggestion,
  UndoResult,
  UnnamedAccount,
} from '../db/rules/rule-model.js';

const Id = z.number().int().positive();

export const rulesMethods = {
  listRules: { input: z.void(), output: z.array(Rule) },
  addRule: { input: RuleInput, output: Rule },
  updateRule: { input: z.object({ id: Id, rule: RuleInput }), output: Rule },
  removeRule: { input: z.object({ id: Id }), output: z.null() },
  /** Puts a rule at `priority` (1 = tried first); answers the whole list in its new order. */
  moveRule: { input: z.object({ id: Id, priority: z.number().int().min(1) }), output: z.array(Rule) },
  /** What an unsaved rule's conditions match: the editor's live count and sample. */
  matchRule: { input: RuleMatchRequest, output: RuleMatches },
  previewRules: { input: ApplyRequest, output: RulePreview },
  applyRules: { input: ApplyRequest, output: ApplyResult },
  listRuleRuns: { input: z.void(), output: z.array(RuleRun) },
  /** One run by id, or the last `last` (default 1) not yet undone, newest first. */
  undoRuleRuns: {
    input: z.object({ runId: Id.optional(), last: z.number().int().min(1).max(100).optional() }),
    output: z.array(UndoResult),
  },
  /** Every transaction of a merchant into one category, undoable like an apply (dryRun: only count). */
  categoriseMerchant: { input: MerchantCategoryRequest, output: ApplyResult },
  /** Frequent words and merchants among uncategorised transactions, each with a likely category. */
  suggestRules: {
    input: z.object({ limit: z.number().int().min(1).max(50).optional() }),
    output: z.array(RuleSuggestion),
  },
  /** `ACCOUNT <sort code> <account number>` in descriptions with no name yet, with counts and a sample. */
  discoverAccounts: { input: z.void(), output: z.array(UnnamedAccount) },
  huququllahSummary: { input: HuququllahPeriod, output: HuququllahSummary },
  huququllahUnclassified: { input: HuququllahPeriod, output: z.array(UnclassifiedExpense) },
  setHuququllah: { input: z.object({ id: Id, value: HuququllahClass.nullable() }), output: z.null() },
  /** Every expense a Transactions filter shows into one class, undoable like an apply (dryRun: only count). */
  classifyTransactions: { input: HuququllahBulkRequest, output: HuququllahBulkResult },
} as const;
