import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { formatPence } from '../../../../db/money.js';
import { TransactionFilter, type SortKey, type Transaction } from '../../../../db/model.js';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate, plural } from '../../format';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useMediaQuery } from '../../hooks/useMediaQuery';
import { useAccountList, useCategories } from '../../queries';
import { validate } from '../../validation';
import { AddTransactionDialog, EditTransactionDialog } from './TransactionDialogs';
import { BulkClassDialog, type BulkClassed } from './BulkClassDialog';
import { BulkClassUndo } from './BulkClassUndo';
import { CategoryChangeError } from './CategoryChangeError';
import { MerchantOffer, type MerchantChange } from './MerchantOffer';
import { DEFAULT_SORT, hasFilters, NO_FILTERS, toTransactionFilter, type FilterState, type SortState } from './filters';
import { TransactionTable, type GridHandle } from './TransactionTable';
import { TransactionsToolbar } from './TransactionsToolbar';
import { PAGE_SIZE } from './page-plan';
import { useChangeCategory, useDeleteTransaction, useTransactionRows, useTransactionTotals } from './useTransactions';
import './transactions.css';

const TYPING_DELAY_MS = 250;
/** Windows wide enough for an account column beside an unsqueezed Description and Merchant. */
const WIDE_WINDOW = '(min-width: 1440px)';

export function TransactionsPage() {
  // Another page may open this one filtered (the dashboard's categories do).
  const opened = (useLocation().state as { filters?: Partial<FilterState> } | null)?.filters;
  const [filters, setFilters] = useState<FilterState>(() => ({ ...NO_FILTERS, ...opened }));
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [adding, setAdding] = useState(false);
  const [toDelete, setToDelete] = useState<Transaction | null>(null);
  const [editing, setEditing] = useState<Transaction | null>(null);
  const [sameMerchant, setSameMerchant] = useState<MerchantChange | null>(null);
  const [notice, setNotice] = useState('');
  const [classing, setClassing] = useState(false);
  const [classed, setClassed] = useState<BulkClassed | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<GridHandle>(null);

  // Typed fields wait for a pause in typing; dates, checkboxes and sort apply at once.
  const search = useDebouncedValue(filters.search, TYPING_DELAY_MS);
  const merchant = useDebouncedValue(filters.merchant, TYPING_DELAY_MS);
  const minAmount = useDebouncedValue(filters.minAmount, TYPING_DELAY_MS);
  const maxAmount = useDebouncedValue(filters.maxAmount, TYPING_DELAY_MS);
  const filter = useMemo(
    () => toTransactionFilter({ ...filters, search, merchant, minAmount, maxAmount }),
    [filters, search, merchant, minAmount, maxAmount],
  );
  const query = useMemo(() => ({ ...filter, ...sort }), [filter, sort]);
  // A range that ends before it starts is said so beside it, and nothing is asked of the store meanwhile.
  const problems = useMemo(() => validate(TransactionFilter, filter), [filter]);

  const queryKey = JSON.stringify(query);
  // The pages in view belong to one query: a new one starts at the top, not
  // where the last was scrolled (the grid scrolls back up a moment later).
  const top = { queryKey, first: 0, last: 0 };
  const [inView, setInView] = useState(top);
  const queryKeyRef = useRef(queryKey);
  useLayoutEffect(() => {
    queryKeyRef.current = queryKey;
  });
  const onRowsInView = useCallback(
    (first: number, last: number) =>
      setInView((current) => {
        const pages = {
          queryKey: queryKeyRef.current,
          first: Math.floor(first / PAGE_SIZE),
          last: Math.floor(last / PAGE_SIZE),
        };
        const same =
          pages.queryKey === current.queryKey && pages.first === current.first && pages.last === current.last;
        return same ? current : pages;
      }),
    [],
  );
  const rows = useTransactionRows(query, filter, inView.queryKey === queryKey ? inView : top, !problems);
  const { first: firstPage, count } = rows;
  const totals = useTransactionTotals(filter, !problems && count.data !== undefined);
  const categories = useCategories();
  const accounts = useAccountList();
  // At 880 px Description and Merchant are already as narrow as they can be: the column is for wide windows.
  const wide = useMediaQuery(WIDE_WINDOW);
  const accountNames = useMemo(
    () => (wide ? new Map((accounts.data ?? []).map((a) => [a.id, a.name])) : null),
    [wide, accounts.data],
  );
  const changeCategory = useChangeCategory();
  const deleteTransaction = useDeleteTransaction();

  const rowCount = problems ? 0 : rows.rowCount;
  const categoryNames = useMemo(() => categories.data?.map((c) => c.name) ?? [], [categories.data]);
  const { mutate: mutateCategory } = changeCategory;
  const onChangeCategory = useCallback(
    (transaction: Transaction, category: string | null) => {
      if (category === (transaction.category || null)) return;
      setSameMerchant(null);
      mutateCategory(
        { transaction, category },
        { onSuccess: (saved) => saved.merchant && setSameMerchant({ merchant: saved.merchant, category }) },
      );
    },
    [mutateCategory],
  );

  useEffect(() => {
    const focusSearch = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target?.closest('input, textarea, select, [contenteditable], [role="listbox"], [role="dialog"]')) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    document.addEventListener('keydown', focusSearch);
    return () => document.removeEventListener('keydown', focusSearch);
  }, []);

  const onSortColumn = useCallback(
    (key: SortKey) =>
      setSort((current) =>
        current.sort === key
          ? { ...current, direction: current.direction === 'desc' ? 'asc' : 'desc' }
          : // Amount opens on the largest spend, which is what people sort amounts to find.
            { sort: key, direction: key === 'amount' ? 'asc' : 'desc' },
      ),
    [],
  );

  const clearFilters = () => setFilters(NO_FILTERS);
  const filtered = hasFilters(filters);

  const placeholder = problems ? (
    <div className="empty-state">
      <p>Nothing to show until the filters above make sense.</p>
      <button type="button" className="button" onClick={clearFilters}>
        Clear filters
      </button>
    </div>
  ) : firstPage.isPending ? (
    <p className="empty-state">Loading transactions…</p>
  ) : firstPage.isError ? (
    <ErrorMessage
      error={firstPage.error}
      title="Could not load transactions."
      onRetry={() => void firstPage.refetch()}
    />
  ) : filtered ? (
    <div className="empty-state">
      <p>No transactions match these filters.</p>
      <button type="button" className="button" onClick={clearFilters}>
        Clear filters
      </button>
    </div>
  ) : (
    <div className="empty-state">
      <p>No transactions yet.</p>
      <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
        Add your first transaction
      </button>
    </div>
  );

  return (
    <section className="page page--fill" aria-labelledby="transactions-title">
      <div className="page__header">
        <h1 id="transactions-title">Transactions</h1>
        <p className="page__meta" role="status">
          {problems
            ? 'Filters need fixing'
            : count.data !== undefined
              ? plural(count.data, 'transaction')
              : count.isError
                ? 'Total unavailable'
                : 'Counting…'}
          {rows.isFetchingMore ? ' · loading…' : ''}
        </p>
        <button type="button" className="button button--primary page__action" onClick={() => setAdding(true)}>
          Add transaction
        </button>
      </div>
      {/* Its own line: beside the count it would push Add transaction under the title at 880 px. */}
      <p className="page__meta transactions-total" aria-label="Total of these transactions">
        {!problems && totals.data && count.data !== undefined ? (
          <>
            <span>In {formatPence(totals.data.incomePence)}</span>
            <span>Out {formatPence(totals.data.spendPence)}</span>
            <strong>Net {formatPence(totals.data.netPence)}</strong>
          </>
        ) : null}
      </p>
      <TransactionsToolbar
        searchRef={searchRef}
        filters={filters}
        onFiltersChange={(patch) => setFilters((current) => ({ ...current, ...patch }))}
        onClear={clearFilters}
        sort={sort}
        onSortChange={setSort}
        categoryNames={categoryNames}
        accounts={accounts.data ?? []}
        problems={problems}
        onLeaveSearch={() => (rowCount ? gridRef.current?.focus() : searchRef.current?.blur())}
        // Only over a filter: classing every expense in the store at once is rarely what anyone means.
        onClassShown={filtered && !problems && count.data ? () => setClassing(true) : undefined}
      />
      {sameMerchant && (
        <MerchantOffer
          key={JSON.stringify(sameMerchant)}
          change={sameMerchant}
          onDone={(text) => {
            setSameMerchant(null);
            setNotice(text);
          }}
        />
      )}
      <p className="notice" role="status">
        {notice}
      </p>
      {classed && (
        <BulkClassUndo
          key={classed.runId}
          classed={classed}
          onDone={(text) => {
            setClassed(null);
            setNotice(text);
          }}
        />
      )}
      {changeCategory.isError && (
        <CategoryChangeError
          error={changeCategory.error}
          change={changeCategory.variables}
          onDismiss={changeCategory.reset}
        />
      )}
      {categories.isError && (
        <ErrorMessage
          error={categories.error}
          title="Could not load the list of categories."
          onRetry={() => void categories.refetch()}
        />
      )}
      {rows.moreError && (
        <ErrorMessage error={rows.moreError} title="Could not load these transactions." onRetry={rows.retry} />
      )}
      <TransactionTable
        ref={gridRef}
        rowCount={rowCount}
        rowAt={rows.rowAt}
        total={problems ? 0 : count.data}
        categoryNames={categoryNames}
        accountNames={accountNames}
        sort={sort}
        onSort={onSortColumn}
        resetKey={queryKey}
        onRowsInView={onRowsInView}
        onChangeCategory={onChangeCategory}
        onEdit={setEditing}
        onDelete={setToDelete}
        placeholder={placeholder}
      />
      {classing && (
        <BulkClassDialog
          open
          onOpenChange={setClassing}
          filter={filter}
          shown={count.data}
          onDone={(done) => {
            setClassing(false);
            setNotice('');
            setClassed(done);
          }}
        />
      )}
      <AddTransactionDialog open={adding} onOpenChange={setAdding} categoryNames={categoryNames} />
      <EditTransactionDialog
        transaction={editing}
        onClose={() => setEditing(null)}
        categoryNames={categoryNames}
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          gridRef.current?.focus();
        }}
      />
      <ConfirmDialog
        open={toDelete !== null}
        onOpenChange={(open) => !open && setToDelete(null)}
        title="Delete transaction?"
        description={
          toDelete &&
          `“${toDelete.description}” on ${formatDate(toDelete.date)}, ${formatPence(toDelete.amountPence)}. This cannot be undone.`
        }
        confirmLabel="Delete"
        onConfirm={() => (toDelete ? deleteTransaction.mutateAsync(toDelete) : Promise.resolve())}
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          gridRef.current?.focus();
        }}
      />
    </section>
  );
}
