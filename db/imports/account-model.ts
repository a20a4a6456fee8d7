// Accounts as the Store, the IPC contract and the renderer see them (issue 15). Pure zod, so the
// renderer can use it too.
import { z } from 'zod';
import { ACCOUNT_KINDS } from './import-model.js';

export const AccountKindName = z.enum(ACCOUNT_KINDS);

export const ACCOUNT_NAME_LIMIT = 100;

export const AccountName = z
  .string()
  .trim()
  .min(1, 'The account name is empty')
  .max(ACCOUNT_NAME_LIMIT, `An account name can be at most ${ACCOUNT_NAME_LIMIT} characters long`);

export const Account = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: AccountKindName,
  /** Transactions in it. */
  transactions: z.number().int(),
  /**
   * What is in it, in pence: the balance the bank last reported for a synced account that has one
   * (`balanceFrom: 'bank'`, as of `balanceAt`), else the sum of its transactions.
   */
  balancePence: z.number().int(),
  balanceFrom: z.enum(['bank', 'transactions']),
  balanceAt: z.string().nullable(),
  /** When a statement was last imported into it. */
  lastImportAt: z.string().nullable(),
  /** When the bank last synced it; null for an account that is not synced. */
  lastSyncAt: z.string().nullable(),
  /** The bank it is synced from. */
  bank: z.object({ connectionId: z.number().int(), providerName: z.string().nullable() }).nullable(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof Account>;

export const NewAccount = z.object({ name: AccountName, kind: AccountKindName.default('current') });
export type NewAccount = z.input<typeof NewAccount>;

export const AccountRename = z.object({ id: z.number().int().positive(), name: AccountName });
