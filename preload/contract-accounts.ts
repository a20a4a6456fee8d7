// The Accounts page's methods: accounts with their balances, made and renamed by the user.
import { z } from 'zod';
import { Account, AccountRename, NewAccount } from '../db/imports/account-model.js';

export const accountsMethods = {
  listAccounts: { input: z.void(), output: z.array(Account) },
  createAccount: { input: NewAccount, output: Account },
  renameAccount: { input: AccountRename, output: Account },
} as const;
