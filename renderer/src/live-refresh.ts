// Another copy of Spending wrote to the shared PostgreSQL store: refetch the
// queries that show what those tables hold, and nothing else. Invalidated,
// not reset: the rows in view stay on screen (and the grid keeps its scroll
// position) until their new values arrive.
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { NotifiedTable } from '../../db/store-changes.js';
import { keys } from './queries';

/** Whatever a transaction feeds: the grid, counts, every report and budget, Huququllah, rule matches. */
const TRANSACTION_VIEWS = [keys.transactions, keys.stats, keys.huququllah, [...keys.rules, 'matches']];
const ACCOUNT_VIEWS = [keys.accounts];

export const QUERIES_SHOWING: Record<NotifiedTable, readonly QueryKey[]> = {
  transactions: [...TRANSACTION_VIEWS, [...keys.rules, 'suggestions']],
  // A category's keywords are rules; budgets and reports name categories.
  categories: [keys.categories, keys.rules, keys.stats],
  category_keywords: [keys.categories, keys.rules],
  rules: [keys.rules, keys.categories],
  rule_runs: [keys.ruleRuns],
  accounts: ACCOUNT_VIEWS,
  account_mappings: ACCOUNT_VIEWS,
  bank_connections: ACCOUNT_VIEWS,
  truelayer_accounts: ACCOUNT_VIEWS,
  truelayer_balances: ACCOUNT_VIEWS,
  // No page lists imports yet; the transactions an import writes are notified as such.
  statement_imports: [],
  import_profiles: [],
  budgets: [[...keys.stats, 'budgets']],
};

export async function refreshChangedTables(client: QueryClient, tables: readonly NotifiedTable[]): Promise<void> {
  const queryKeys = new Map(tables.flatMap((t) => QUERIES_SHOWING[t]).map((key) => [JSON.stringify(key), key]));
  await Promise.all([...queryKeys.values()].map((queryKey) => client.invalidateQueries({ queryKey })));
}

export function useLiveRefresh(): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!('api' in window)) return;
    return window.api.on('store:changed', ({ tables }) => void refreshChangedTables(client, tables));
  }, [client]);
}
