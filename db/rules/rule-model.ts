// The shapes of rules, their previews and applies, shared by the Store, the
// rules service, the IPC contract and the renderer. Pure zod: no Node imports.
import { z } from 'zod';
import { HuququllahClass, IsoDate, Pence, UNCATEGORISED_LABEL } from '../model.js';

export const TEXT_FIELDS = ['description', 'merchant', 'text'] as const;
/** contains, startsWith and oneOf take several values (any of them); is and matches take one. */
export const TEXT_OPS = ['contains', 'startsWith', 'is', 'oneOf', 'matches'] as const;
export const AMOUNT_OPS = ['is', 'between', 'above', 'below'] as const;
export const SOURCE_KINDS = ['manual', 'bank', 'statement'] as const;

const MAX_VALUES = 500;

/** Why a pattern is not a regular expression Spending can use, or undefined when it is. */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'iu');
    return undefined;
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: /, '');
    return `Not a pattern Spending can use: ${reason}`;
  }
}

export const TextCondition = z
  .object({
    field: z.enum(TEXT_FIELDS),
    op: z.enum(TEXT_OPS),
    values: z.array(z.string().max(200, 'A value can be at most 200 characters')).max(MAX_VALUES),
    /** contains: only whole words ("ee" is not in "coffee"). */
    wholeWord: z.boolean().default(true),
  })
  .superRefine((c, ctx) => {
    const values = c.values.filter((v) => v.trim() !== '');
    if (!values.length) ctx.addIssue({ code: 'custom', path: ['values'], message: 'Type what to look for' });
    else if (values.length !== c.values.length)
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'Remove the empty value' });
    if ((c.op === 'is' || c.op === 'matches') && c.values.length > 1)
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'Give one value (use “one of” for several)' });
    if (c.op === 'matches') {
      const problem = values[0] === undefined ? undefined : regexProblem(values[0]);
      if (problem) ctx.addIssue({ code: 'custom', path: ['values'], message: problem });
    }
  });
export type TextCondition = z.infer<typeof TextCondition>;

/** Amounts compare by size (pence, never negative); whether money came in or went out is `direction`. */
export const AmountCondition = z
  .object({
    field: z.literal('amount'),
    op: z.enum(AMOUNT_OPS),
    pence: Pence.min(0, 'Give the amount without a sign; use “direction” for money in or out'),
    /** between: the upper end. */
    toPence: Pence.min(0).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.op !== 'between') return;
    if (c.toPence === undefined) ctx.addIssue({ code: 'custom', path: ['toPence'], message: 'Give the upper amount' });
    else if (c.toPence < c.pence)
      ctx.addIssue({ code: 'custom', path: ['toPence'], message: 'The upper amount is below the lower one' });
  });
export type AmountCondition = z.infer<typeof AmountCondition>;

export const DirectionCondition = z.object({
  field: z.literal('direction'),
  op: z.literal('is'),
  value: z.enum(['in', 'out']),
});
export type DirectionCondition = z.infer<typeof DirectionCondition>;

/** kind: where a row came from; is: one statement file or bank account by name (its source_file). */
export const SourceCondition = z
  .object({
    field: z.literal('source'),
    op: z.enum(['kind', 'is']),
    value: z.string().trim().min(1, 'Choose a source'),
  })
  .superRefine((c, ctx) => {
    if (c.op === 'kind' && !(SOURCE_KINDS as readonly string[]).includes(c.value))
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Choose manual, bank or statement' });
  });
export type SourceCondition = z.infer<typeof SourceCondition>;

export const DateCondition = z
  .object({ field: z.literal('date'), op: z.literal('between'), from: IsoDate.optional(), to: IsoDate.optional() })
  .superRefine((c, ctx) => {
    if (!c.from && !c.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Give a first or last date' });
    if (c.from && c.to && c.from > c.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date is before the start date' });
  });
export type DateCondition = z.infer<typeof DateCondition>;

export const RuleCondition = z.discriminatedUnion('field', [
  TextCondition,
  AmountCondition,
  DirectionCondition,
  SourceCondition,
  DateCondition,
]);
export type RuleCondition = z.infer<typeof RuleCondition>;
export type RuleField = RuleCondition['field'];

const OptionalName = z
  .string()
  .trim()
  .max(100)
  .nullable()
  .transform((s) => (s === null || s === '' ? null : s));

export const RuleInput = z
  .object({
    conditions: z.array(RuleCondition).min(1, 'A rule needs a condition').max(20),
    setCategory: OptionalName.default(null),
    setMerchant: OptionalName.default(null),
    setHuququllah: HuququllahClass.nullable().default(null),
    /** 1 = tried first; left out, a new rule goes first. */
    priority: z.number().int().min(1).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.setCategory === null && r.setMerchant === null && r.setHuququllah === null)
      ctx.addIssue({ code: 'custom', path: ['setCategory'], message: 'Choose what the rule does' });
  });
export type RuleInput = z.input<typeof RuleInput>;
export type ParsedRuleInput = z.output<typeof RuleInput>;

export const Rule = z.object({
  id: z.number().int(),
  priority: z.number().int(),
  conditions: z.array(RuleCondition),
  setCategory: z.string().nullable(),
  setMerchant: z.string().nullable(),
  setHuququllah: HuququllahClass.nullable(),
  /** The Categories page's keyword this rule is, if it is one. */
  keywordId: z.number().int().nullable(),
  builtin: z.boolean(),
});
export type Rule = z.infer<typeof Rule>;

/** Which transactions an apply or preview looks at. */
export const RuleScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('uncategorised') }),
  z.object({ kind: z.literal('all') }),
  z.object({
    kind: z.literal('categories'),
    categories: z.array(z.string()).max(100),
    /** Rows with no category too. */
    uncategorised: z.boolean().default(false),
  }),
  z.object({ kind: z.literal('ids'), ids: z.array(z.number().int().positive()).min(1).max(10_000) }),
  /** Every row of one merchant, by its exact name. */
  z.object({ kind: z.literal('merchant'), merchant: z.string().min(1).max(200) }),
]);
export type RuleScope = z.infer<typeof RuleScope>;

export const ApplyRequest = z.object({
  scope: RuleScope.default({ kind: 'uncategorised' }),
  /** Also change categories the user set by hand, and Huququllah classes already given. */
  includeManual: z.boolean().default(false),
});
export type ApplyRequest = z.input<typeof ApplyRequest>;

/** A transaction as previews show it. */
export const SampleRow = z.object({
  id: z.number().int(),
  date: z.string(),
  description: z.string(),
  amountPence: z.number().int(),
  merchant: z.string().nullable(),
  category: z.string().nullable(),
});
export type SampleRow = z.infer<typeof SampleRow>;

export const ChangeGroup = z.object({
  /** null: uncategorised. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  count: z.number().int(),
  sample: z.array(SampleRow),
});
export type ChangeGroup = z.infer<typeof ChangeGroup>;

export const ChangeSummary = z.object({
  /** Rows that would change (or changed) in any way. */
  changed: z.number().int(),
  /** "<old> -> <new>": rows whose category moves; "Uncategorised" stands for none. */
  byCategory: z.record(z.string(), z.number().int()),
  merchants: z.number().int(),
  huququllah: z.number().int(),
});
export type ChangeSummary = z.infer<typeof ChangeSummary>;

export const RulePreview = ChangeSummary.extend({
  groups: z.array(ChangeGroup),
  /** Rows looked at. */
  scanned: z.number().int(),
  /** Rows whose category a rule would change but the user set by hand (kept unless includeManual). */
  keptManual: z.number().int(),
  ms: z.number(),
});
export type RulePreview = z.infer<typeof RulePreview>;

export const RuleRunKind = z.enum(['rules', 'merchants', 'recategorise', 'huququllah']);
export type RuleRunKind = z.infer<typeof RuleRunKind>;

export const RuleRun = ChangeSummary.extend({
  id: z.number().int(),
  kind: RuleRunKind,
  scope: z.unknown(),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
});
export type RuleRun = z.infer<typeof RuleRun>;

export const ApplyResult = ChangeSummary.extend({ runId: z.number().int().nullable(), ms: z.number() });
export type ApplyResult = z.infer<typeof ApplyResult>;

export const UndoResult = z.object({
  runId: z.number().int(),
  restored: z.number().int(),
  /** Rows changed again since (by hand or by a later apply): left as they are now. */
  keptLaterEdits: z.number().int(),
});
export type UndoResult = z.infer<typeof UndoResult>;

/** An unsaved rule's conditions, for the editor's live count. */
export const RuleMatchRequest = z.object({
  conditions: z.array(RuleCondition).min(1, 'A rule needs a condition').max(20),
});
export type RuleMatchRequest = z.input<typeof RuleMatchRequest>;

/** How many transactions some conditions match (every row, whatever its category), with the first few. */
export const RuleMatches = z.object({
  count: z.number().int(),
  sample: z.array(SampleRow),
  ms: z.number(),
});
export type RuleMatches = z.infer<typeof RuleMatches>;

/** A word or merchant frequent among uncategorised rows: a rule waiting to be made (rule-suggest.ts). */
export const RuleSuggestion = z.object({
  kind: z.enum(['word', 'merchant']),
  /** The word (folded) or the merchant as most often written. */
  value: z.string(),
  /** Uncategorised rows holding it. */
  count: z.number().int(),
  sample: z.array(SampleRow),
  /** The category most categorised rows holding it have, and the share that do; null when none has it. */
  category: z.string().nullable(),
  share: z.number(),
  /** The condition of the rule it would make. */
  condition: RuleCondition,
});
export type RuleSuggestion = z.infer<typeof RuleSuggestion>;

/** "Also the other transactions from this merchant": one category for every row of a merchant. */
export const MerchantCategoryRequest = z.object({
  merchant: z.string().min(1).max(200),
  /** null: no category. */
  category: z.string().trim().max(100).nullable(),
  /** Only count what would change. */
  dryRun: z.boolean().default(false),
});
export type MerchantCategoryRequest = z.input<typeof MerchantCategoryRequest>;

/** An account paid to or from in descriptions (`ACCOUNT <sort code> <account number>`) that has no name yet. */
export const UnnamedAccount = z.object({
  sortCode: z.string(),
  accountNumber: z.string(),
  /** Transactions mentioning it. */
  count: z.number().int(),
  sample: z.array(SampleRow),
});
export type UnnamedAccount = z.infer<typeof UnnamedAccount>;

/** The key of a category move in `byCategory`. */
export function moveKey(from: string | null, to: string | null): string {
  return `${from ?? UNCATEGORISED_LABEL} -> ${to ?? UNCATEGORISED_LABEL}`;
}
