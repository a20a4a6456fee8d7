// Query keys and the small shared queries several pages use. Keys are
// hierarchical so a mutation can invalidate a whole family at once.
import { QueryClient, useQuery } from '@tanstack/react-query';
import type { HuququllahPeriod } from '../../db/huququllah/huququllah-model.js';
import type { TransactionFilter, TransactionQuery } from '../../db/model.js';
import { call } from './api';

export const keys = {
  appInfo: ['appInfo'] as const,
  categories: ['categories'] as const,
  accounts: ['accounts'] as const,
  transactions: ['transactions'] as const,
  /** The grid's page `index` (rows index × page size onwards) of a filter and order. */
  transactionPage: (query: Omit<TransactionQuery, 'cursor' | 'limit' | 'offset'>, index: number) =>
    ['transactions', 'pages', query, index] as const,
  transactionCount: (filter: TransactionFilter) => ['transactions', 'count', filter] as const,
  /** Under the count: whatever changes the count may change the sums too. */
  transactionTotals: (filter: TransactionFilter) => ['transactions', 'count', filter, 'totals'] as const,
  stats: ['stats'] as const,
  categoryStats: (filter: TransactionFilter) => ['stats', 'categories', filter] as const,
  monthlyStats: (filter: TransactionFilter) => ['stats', 'months', filter] as const,
  topMerchants: (filter: TransactionFilter) => ['stats', 'merchants', filter] as const,
  comparison: (filter: TransactionFilter, asOf: string) => ['stats', 'compare', filter, asOf] as const,
  cashFlow: (filter: TransactionFilter) => ['stats', 'cash-flow', filter] as const,
  recurring: (asOf: string) => ['stats', 'recurring', asOf] as const,
  /** Accounts with their balances; under stats, as every transaction changes one. */
  accountList: ['stats', 'accounts'] as const,
  /** Under stats: a changed transaction changes what a budget has left. */
  budgetStatus: (asOf: string) => ['stats', 'budgets', asOf] as const,
  /** Under stats: a transaction classed or edited anywhere changes the Huququllah sums and list. */
  huququllahSummary: (period: HuququllahPeriod) => ['stats', 'huququllah', 'summary', period] as const,
  huququllahUnclassified: (period: HuququllahPeriod) => ['stats', 'huququllah', 'unclassified', period] as const,
  database: ['database'] as const,
  /** null: the provider the main process picks (the active one, else the configured or detected one). */
  databaseOverview: (provider: string | null) => ['database', 'overview', provider] as const,
  databaseSettings: ['database', 'settings'] as const,
  databaseLogs: (provider: string) => ['database', 'logs', provider] as const,
  backups: ['database', 'backups'] as const,
  /** The backup of the store in use running now, whoever started it. */
  runningBackup: ['database', 'backups', 'running'] as const,
  /** Where the keychain is and whether it works (Settings → Security; the old .env goes into it). */
  security: ['security'] as const,
  /** Rules, with their matches, suggestions and the record of runs beneath. */
  rules: ['rules'] as const,
  ruleRuns: ['rules', 'runs'] as const,
  huququllah: ['huququllah'] as const,
};

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The data is local: a failure will not fix itself by retrying, and the
      // window regaining focus says nothing about whether the data changed.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
    },
  });
}

export function useAppInfo() {
  return useQuery({ queryKey: keys.appInfo, queryFn: () => call('getAppInfo', undefined) });
}

export function useAccountList() {
  return useQuery({ queryKey: keys.accountList, queryFn: () => call('listAccounts', undefined) });
}

export function useCategories() {
  return useQuery({ queryKey: keys.categories, queryFn: () => call('listCategories', undefined) });
}

/**
 * After a change that can touch any transaction. Pages are reset rather than
 * invalidated: rows may have moved to other positions, so no cached page can
 * stand in for its place meanwhile, and only the pages in view are read again.
 */
export async function refreshTransactionData(client: QueryClient): Promise<void> {
  await Promise.all([
    client.resetQueries({ queryKey: [...keys.transactions, 'pages'] }),
    client.invalidateQueries({ queryKey: [...keys.transactions, 'count'] }),
    client.invalidateQueries({ queryKey: keys.stats }),
  ]);
}

/**
 * After the app switched to another store: every answer about data may be
 * from the old one. Transaction pages are reset for the reason above.
 */
export async function refreshAfterStoreSwitch(client: QueryClient): Promise<void> {
  await Promise.all([
    refreshTransactionData(client),
    client.invalidateQueries({ queryKey: keys.appInfo }),
    client.invalidateQueries({ queryKey: keys.categories }),
    client.invalidateQueries({ queryKey: keys.accounts }),
    client.invalidateQueries({ queryKey: keys.database }),
  ]);
}
