// Domain shapes shared by the Store, the IPC contract and the renderer.
// Pure zod: no Node or database imports, so the renderer can use it too.
import { z } from 'zod';
import { foldForSearch } from './search-fold.js';

/** Money is always integer pence in code. Bounds follow NUMERIC(12,2). */
export const MAX_PENCE = 999_999_999_999;
const TOO_LARGE = 'Amounts go up to £9,999,999,999.99';
export const Pence = z.number().int('Amounts are whole pence').min(-MAX_PENCE, TOO_LARGE).max(MAX_PENCE, TOO_LARGE);

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'Not a real calendar date');

export const HUQUQULLAH_CLASSES = ['essential', 'discretionary'] as const;
export const HuququllahClass = z.enum(HUQUQULLAH_CLASSES);

export const Transaction = z.object({
  id: z.number().int().positive(),
  date: IsoDate,
  description: z.string(),
  amountPence: Pence,
  category: z.string().nullable(),
  merchant: z.string().nullable(),
  sourceFile: z.string().nullable(),
  huququllahClassification: HuququllahClass.nullable(),
  /** Its account (db/imports/account-store.ts); null for rows in none, such as the old app's. */
  accountId: z.number().int().nullable(),
  createdAt: z.string().nullable(),
});
export type Transaction = z.infer<typeof Transaction>;

/** Free text is stored exactly as given; it only has to contain something. */
const Description = z.string().refine((s) => s.trim().length > 0, 'A transaction needs a description');

/**
 * "Uncategorised" means no category: NULL, or '' in data from elsewhere (the
 * queries treat both alike, see db/sql/transaction-queries.ts). 'Other' is an
 * ordinary category. These words mean "no category" or "every category" on
 * screen, so no category may be called by them.
 */
export const UNCATEGORISED_LABEL = 'Uncategorised';

/** Words the app shows for "no category" or "every category"; no category may be called by one. */
const RESERVED_CATEGORY_NAMES: Readonly<Record<string, string>> = {
  [UNCATEGORISED_LABEL]: 'no category',
  Uncategorized: 'no category',
  None: 'no category',
  Any: 'any category',
  All: 'every category',
};

// One rule for "the same name", the same in the renderer and in both dialects,
// and the one search uses (db/search-fold.ts): "Coffee" = "coffee", fullwidth
// and composed or decomposed spellings are equal, accents still count
// ("Café" ≠ "Cafe").
export function sameCategoryName(a: string, b: string): boolean {
  return foldForSearch(a.trim()) === foldForSearch(b.trim());
}

/** Why a name cannot be a category's, or undefined when it can. */
export function reservedNameProblem(name: string): string | undefined {
  const reserved = Object.keys(RESERVED_CATEGORY_NAMES).find((word) => sameCategoryName(word, name));
  if (reserved === undefined) return undefined;
  return `“${name.trim()}” means ${RESERVED_CATEGORY_NAMES[reserved]} in Spending; choose another name`;
}

const notReserved = { error: (issue: { input: unknown }) => reservedNameProblem(String(issue.input)) };

/** A transaction's category: blank means none (stored as NULL). */
const TransactionCategory = z
  .string()
  .nullable()
  .transform((s) => (s === null || s.trim() === '' ? null : s.trim()))
  .refine((s) => s === null || !reservedNameProblem(s), notReserved);

/** Optional free text: blank means none. */
const OptionalText = z
  .string()
  .nullable()
  .transform((s) => (s === null || s.trim() === '' ? null : s.trim()));

export const NewTransaction = z.object({
  date: IsoDate,
  description: Description,
  // A transaction of nothing records nothing; people type 0 by mistake.
  amountPence: Pence.refine((p) => p !== 0, 'Enter an amount other than £0.00'),
  category: TransactionCategory.default(null),
  merchant: OptionalText.default(null),
  sourceFile: z.string().nullable().default(null),
  huququllahClassification: HuququllahClass.nullable().default(null),
  accountId: z.number().int().positive().nullable().default(null),
});
export type NewTransaction = z.input<typeof NewTransaction>;

export const TransactionPatch = z
  .object({
    date: IsoDate,
    description: Description,
    amountPence: Pence,
    category: TransactionCategory,
    merchant: OptionalText,
    huququllahClassification: HuququllahClass.nullable(),
    accountId: z.number().int().positive().nullable(),
  })
  .partial();
export type TransactionPatch = z.infer<typeof TransactionPatch>;

const FilterFields = z.object({
  /** Substring of description or merchant, ignoring case, width and Unicode spelling (db/search-fold.ts). */
  search: z.string().trim().max(200).optional(),
  dateFrom: IsoDate.optional(),
  dateTo: IsoDate.optional(),
  categories: z.array(z.string()).max(100).optional(),
  uncategorised: z.boolean().optional(),
  minAmountPence: Pence.optional(),
  maxAmountPence: Pence.optional(),
  /** Exact merchant name. */
  merchant: z.string().optional(),
  /** A Huququllah class, or 'unclassified': expenses with none (income is never classed). */
  huququllah: z.enum([...HUQUQULLAH_CLASSES, 'unclassified']).optional(),
  /** Rows of this account. */
  accountId: z.number().int().positive().optional(),
});

/** A range that ends before it starts matches nothing: refused, so nobody reads "no rows" as an answer. */
function rangesInOrder(f: z.infer<typeof FilterFields>, ctx: z.RefinementCtx): void {
  if (f.dateFrom && f.dateTo && f.dateFrom > f.dateTo)
    ctx.addIssue({ code: 'custom', path: ['dateTo'], message: 'The end date is before the start date' });
  if (f.minAmountPence !== undefined && f.maxAmountPence !== undefined && f.minAmountPence > f.maxAmountPence)
    ctx.addIssue({
      code: 'custom',
      path: ['maxAmountPence'],
      message: 'The largest amount is below the smallest',
    });
}

export const TransactionFilter = FilterFields.superRefine(rangesInOrder);
export type TransactionFilter = z.infer<typeof TransactionFilter>;

export const SortKey = z.enum(['date', 'amount']);
export type SortKey = z.infer<typeof SortKey>;
export const SortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof SortDirection>;

export const MAX_PAGE_SIZE = 500;
/** Far beyond any real store; bounds the work one request can ask for. */
export const MAX_OFFSET = 1_000_000_000;

export const TransactionQuery = FilterFields.extend({
  sort: SortKey.default('date'),
  direction: SortDirection.default('desc'),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  /** Opaque cursor from the previous page's nextCursor. */
  cursor: z.string().max(200).nullish(),
  /**
   * Rows to pass over first (after the cursor's row, when there is one): how
   * a grid whose scrollbar stands for every row shows any position at once.
   */
  offset: z.number().int().min(0).max(MAX_OFFSET).default(0),
}).superRefine(rangesInOrder);
export type TransactionQuery = z.input<typeof TransactionQuery>;

/** The filtered rows counted and summed, in pence, by the database. */
export const TransactionTotals = z.object({
  count: z.number().int(),
  /** Sum of negative amounts, as a negative number of pence. */
  spendPence: z.number().int(),
  incomePence: z.number().int(),
  netPence: z.number().int(),
});
export type TransactionTotals = z.infer<typeof TransactionTotals>;

export const TransactionPage = z.object({
  items: z.array(Transaction),
  nextCursor: z.string().nullable(),
});
export type TransactionPage = z.infer<typeof TransactionPage>;

export const DEFAULT_CATEGORIES = [
  'Groceries',
  'Transport',
  'Dining',
  'Entertainment',
  'Utilities',
  'Shopping',
  'Health',
  'Income',
  'Other',
] as const;

export const DEFAULT_USER_EMAIL = 'default@local.app';

export const Keyword = z.object({
  id: z.number().int(),
  keyword: z.string(),
  /** Other categories holding the same keyword (only old stores can have such; see db/rules/keywords.ts). */
  alsoIn: z.array(z.string()),
  /** Whether transactions it matches go here, rather than to one of `alsoIn`. */
  wins: z.boolean(),
});
export type Keyword = z.infer<typeof Keyword>;

export const Category = z.object({
  id: z.number().int(),
  name: z.string(),
  isDefault: z.boolean(),
  keywords: z.array(Keyword),
});
export type Category = z.infer<typeof Category>;

export const CategoryName = z
  .string()
  .trim()
  .min(1, 'A category needs a name')
  .max(100, 'A category name can be at most 100 characters')
  .refine((name) => !reservedNameProblem(name), notReserved);

export const KeywordText = z
  .string()
  .trim()
  .min(1, 'Type a keyword first')
  .max(100, 'A keyword can be at most 100 characters');

export const AccountMapping = z.object({
  id: z.number().int(),
  sortCode: z.string(),
  accountNumber: z.string(),
  friendlyName: z.string(),
});
export type AccountMapping = z.infer<typeof AccountMapping>;

export const AccountMappingInput = z.object({
  sortCode: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'A sort code has 6 digits')),
  accountNumber: z
    .string()
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{8}$/, 'An account number has 8 digits')),
  friendlyName: z.string().trim().min(1, 'An account needs a name').max(100),
});
export type AccountMappingInput = z.input<typeof AccountMappingInput>;

export const CategoryStat = z.object({
  /** null: no category (NULL or empty text). */
  category: z.string().nullable(),
  count: z.number().int(),
  /** Sum of negative amounts, as a negative number of pence. */
  spendPence: z.number().int(),
  incomePence: z.number().int(),
});
export type CategoryStat = z.infer<typeof CategoryStat>;

export const MonthStat = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  count: z.number().int(),
  spendPence: z.number().int(),
  incomePence: z.number().int(),
});
export type MonthStat = z.infer<typeof MonthStat>;

export const StoreInfo = z.object({
  dialect: z.enum(['sqlite', 'postgres']),
  /** Where the data lives, with any password removed. */
  location: z.string(),
  storeId: z.string(),
  schemaVersion: z.number().int(),
  /** The store could only be opened for reading: changes cannot be saved. */
  readOnly: z.boolean().optional(),
});
export type StoreInfo = z.infer<typeof StoreInfo>;
