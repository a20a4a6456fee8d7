// Server state for the Transactions page: keyset-paged rows, the total, and
// the edits, each keeping the cached pages consistent without refetching them all.
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import type {
  NewTransaction,
  Transaction,
  TransactionFilter,
  TransactionPage,
  TransactionQuery,
} from '../../../../db/model.js';
import { call } from '../../api';
import { keys, refreshTransactionData } from '../../queries';

const PAGE_SIZE = 200;

type Pages = InfiniteData<TransactionPage, string | null>;
const pagesFamily = [...keys.transactions, 'pages'];

export function useTransactionPages(query: Omit<TransactionQuery, 'cursor' | 'limit'>, enabled = true) {
  return useInfiniteQuery({
    enabled,
    queryKey: keys.transactionPages(query),
    queryFn: ({ pageParam }) => call('listTransactions', { ...query, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Keeps the old rows on screen while a new search runs, instead of flashing an empty table.
    placeholderData: keepPreviousData,
  });
}

export function useTransactionCount(filter: TransactionFilter, enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.transactionCount(filter),
    queryFn: () => call('countTransactions', filter),
  });
}

function mapCachedRows(client: QueryClient, map: (rows: Transaction[]) => Transaction[]): void {
  client.setQueriesData<Pages>({ queryKey: pagesFamily }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: map(page.items) })) } : data,
  );
}

function invalidateDerived(client: QueryClient): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: [...keys.transactions, 'count'] }),
    client.invalidateQueries({ queryKey: keys.stats }),
  ]);
}

export interface CategoryChange {
  transaction: Transaction;
  /** null: no category. */
  category: string | null;
}

/**
 * Optimistic: the row shows the new category at once and reverts if the store
 * refuses. The row stays where it is even if it no longer matches the filter,
 * so it does not vanish from under the user's cursor.
 */
export function useChangeCategory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ transaction, category }: CategoryChange) =>
      call('updateTransaction', { id: transaction.id, patch: { category } }),
    onMutate: async ({ transaction, category }) => {
      await client.cancelQueries({ queryKey: pagesFamily });
      mapCachedRows(client, (rows) => rows.map((t) => (t.id === transaction.id ? { ...t, category } : t)));
    },
    // Puts back just this row, so a failure cannot undo another row's successful change.
    onError: (_error, { transaction }) =>
      mapCachedRows(client, (rows) => rows.map((t) => (t.id === transaction.id ? transaction : t))),
    onSuccess: (saved) => mapCachedRows(client, (rows) => rows.map((t) => (t.id === saved.id ? saved : t))),
    onSettled: () => invalidateDerived(client),
  });
}

export function useAddTransaction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewTransaction) => call('addTransaction', input),
    onSuccess: () => refreshTransactionData(client),
  });
}

export function useDeleteTransaction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (transaction: Transaction) => call('deleteTransaction', { id: transaction.id }),
    onSuccess: (_done, transaction) => {
      mapCachedRows(client, (rows) => rows.filter((t) => t.id !== transaction.id));
      return invalidateDerived(client);
    },
  });
}
