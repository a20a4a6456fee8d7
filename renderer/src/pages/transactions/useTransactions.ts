// Server state for the Transactions page: the pages of rows the grid shows,
// fetched by position, the total, and the edits, each keeping the cached pages
// consistent without refetching them all.
import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type {
  NewTransaction,
  Transaction,
  TransactionFilter,
  TransactionPage,
  TransactionPatch,
} from '../../../../db/model.js';
import { call } from '../../api';
import { keys, refreshTransactionData } from '../../queries';
import { inGridOrder, PAGE_SIZE, planPage, type ListQuery } from './page-plan';

const pagesFamily = [...keys.transactions, 'pages'];

async function fetchPage(client: QueryClient, query: ListQuery, index: number, total?: number) {
  const plan = planPage(query, index, total, (i) => client.getQueryData(keys.transactionPage(query, i)));
  return inGridOrder(await call('listTransactions', plan.request), plan);
}

/** Before the count: the rows loaded in a run from the top, and a page more while more follow. */
function rowsFromTheTop(client: QueryClient, query: ListQuery, head: TransactionPage): number {
  let rows = 0;
  let page: TransactionPage | undefined = head;
  for (let i = 1; page; i++) {
    rows += page.items.length;
    if (!page.nextCursor) return rows;
    page = client.getQueryData<TransactionPage>(keys.transactionPage(query, i));
  }
  return rows + PAGE_SIZE;
}

/** Rows, by position, in pages the grid asks for as it scrolls. */
export interface TransactionRows {
  /** Rows the grid stands for: the count once known, else what is loaded and a page more while more follow. */
  rowCount: number;
  rowAt: (index: number) => Transaction | undefined;
  first: { isPending: boolean; isError: boolean; error: Error | null; refetch: () => unknown };
  count: { isPending: boolean; isError: boolean; data: number | undefined };
  /** A page of the ones in view that is loading, or failed (with a way to try again). */
  isFetchingMore: boolean;
  moreError: Error | null;
  retry: () => void;
}

/**
 * `inView` is the first and last page the grid shows or is about to. The
 * first page is fetched at once; the count only once the first page is in,
 * so rows never wait behind a count (the store answers them in turn).
 */
export function useTransactionRows(
  query: ListQuery,
  filter: TransactionFilter,
  inView: { first: number; last: number },
  enabled: boolean,
): TransactionRows {
  const client = useQueryClient();
  const head = useQuery({
    enabled,
    queryKey: keys.transactionPage(query, 0),
    queryFn: () => fetchPage(client, query, 0),
    // Keeps the old rows on screen while a new search runs, instead of flashing an empty table.
    placeholderData: keepPreviousData,
  });
  const headIn = head.isSuccess && !head.isPlaceholderData;
  const count = useQuery({
    enabled: enabled && headIn,
    queryKey: keys.transactionCount(filter),
    queryFn: () => call('countTransactions', filter),
  });
  const total = head.isPlaceholderData ? undefined : count.data;
  const rowCount = !head.data
    ? 0
    : head.isPlaceholderData
      ? head.data.items.length
      : (total ?? rowsFromTheTop(client, query, head.data));

  const indices: number[] = [];
  const lastPage = Math.min(inView.last, Math.ceil(rowCount / PAGE_SIZE) - 1);
  for (let i = Math.max(1, inView.first); i <= lastPage; i++) indices.push(i);
  const rest = useQueries({
    queries: indices.map((index) => ({
      enabled: enabled && headIn,
      queryKey: keys.transactionPage(query, index),
      queryFn: () => fetchPage(client, query, index, total),
    })),
  });

  const pages = new Map<number, TransactionPage | undefined>([[0, head.data]]);
  indices.forEach((index, i) => pages.set(index, rest[i]?.data));
  const rowAt = (index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE];
  const failed = rest.find((r) => r.isError);
  return {
    rowCount,
    rowAt,
    first: head,
    count: { isPending: total === undefined && !count.isError, isError: count.isError, data: total },
    isFetchingMore: rest.some((r) => r.isFetching),
    moreError: failed?.error ?? null,
    retry: () => rest.forEach((r) => r.isError && void r.refetch()),
  };
}

/** The filtered rows' sums, asked once their count is in, so they never hold up the rows or the count. */
export function useTransactionTotals(filter: TransactionFilter, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: keys.transactionTotals(filter),
    queryFn: () => call('totalTransactions', filter),
  });
}

function mapCachedRows(client: QueryClient, map: (rows: Transaction[]) => Transaction[]): void {
  client.setQueriesData<TransactionPage>({ queryKey: pagesFamily }, (page) =>
    page ? { ...page, items: map(page.items) } : page,
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

/**
 * A date or amount can move the row to another position, so the pages in view
 * are read again; until then the row shows its new values where it was.
 */
export function useUpdateTransaction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TransactionPatch }) => call('updateTransaction', { id, patch }),
    onSuccess: (saved) => {
      mapCachedRows(client, (rows) => rows.map((t) => (t.id === saved.id ? saved : t)));
      return Promise.all([invalidateDerived(client), client.invalidateQueries({ queryKey: pagesFamily })]);
    },
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
      // Every row after it moves up one place, so the pages in view are read again.
      return Promise.all([invalidateDerived(client), client.invalidateQueries({ queryKey: pagesFamily })]);
    },
  });
}
