// Domain shapes shared by the Store, the IPC contract and the renderer.
// Pure zod: no Node or database imports, so the renderer can use it too.
import { z } from 'zod';

/** Money is always integer pence in code. Bounds follow NUMERIC(12,2). */
export const MAX_PENCE = 999_999_999_999;
export const Pence = z.number().int().min(-MAX_PENCE).max(MAX_PENCE);

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
  createdAt: z.string().nullable(),
});
export type Transaction = z.infer<typeof Transaction>;

/** Free text is stored exactly as given; it only has to contain something. */
const NonBlank = z.string().refine((s) => s.trim().length > 0, 'Must not be empty');

export const NewTransaction = z.object({
  date: IsoDate,
  description: NonBlank,
  amountPence: Pence,
  category: z.string().trim().min(1).nullable().default(null),
  merchant: z.string().trim().min(1).nullable().default(null),
  sourceFile: z.string().nullable().default(null),
  huququllahClassification: HuququllahClass.nullable().default(null),
});
export type NewTransaction = z.input<typeof NewTransaction>;

export const TransactionPatch = z
  .object({
    date: IsoDate,
    description: NonBlank,
    amountPence: Pence,
    category: z.string().trim().min(1).nullable(),
    merchant: z.string().trim().min(1).nullable(),
    huququllahClassification: HuququllahClass.nullable(),
  })
  .partial();
export type TransactionPatch = z.infer<typeof TransactionPatch>;

/** "Uncategorised" covers no category at all and the legacy default 'Other'. */
export const UNCATEGORISED_CATEGORY = 'Other';

export const TransactionFilter = z.object({
  /** Case-insensitive substring match over description and merchant. */
  search: z.string().trim().max(200).optional(),
  dateFrom: IsoDate.optional(),
  dateTo: IsoDate.optional(),
  categories: z.array(z.string()).max(100).optional(),
  uncategorised: z.boolean().optional(),
  minAmountPence: Pence.optional(),
  maxAmountPence: Pence.optional(),
  /** Exact merchant name. */
  merchant: z.string().optional(),
});
export type TransactionFilter = z.infer<typeof TransactionFilter>;

export const SortKey = z.enum(['date', 'amount']);
export type SortKey = z.infer<typeof SortKey>;
export const SortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof SortDirection>;

export const MAX_PAGE_SIZE = 500;

export const TransactionQuery = TransactionFilter.extend({
  sort: SortKey.default('date'),
  direction: SortDirection.default('desc'),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  /** Opaque cursor from the previous page's nextCursor. */
  cursor: z.string().max(200).nullish(),
});
export type TransactionQuery = z.input<typeof TransactionQuery>;

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

export const Keyword = z.object({ id: z.number().int(), keyword: z.string() });
export type Keyword = z.infer<typeof Keyword>;

export const Category = z.object({
  id: z.number().int(),
  name: z.string(),
  isDefault: z.boolean(),
  keywords: z.array(Keyword),
});
export type Category = z.infer<typeof Category>;

export const CategoryName = z.string().trim().min(1, 'A category needs a name').max(100);

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
