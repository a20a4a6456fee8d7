// The virtualised grid: only the rows in view (plus a little overscan) exist
// in the DOM, however many the store holds, and the next page is fetched
// before the user reaches the end of what is loaded.
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react';
import type { SortKey, Transaction } from '../../../../db/model.js';
import { sortLabel, type SortState } from './filters';
import { TransactionRow, type RowActions } from './TransactionRow';

const ROW_HEIGHT = 40;
const PAGE_JUMP = 10;
/** Start fetching the next page this many rows before the end of what is loaded. */
const PREFETCH_ROWS = 60;

export interface GridHandle {
  /** Puts keyboard focus on the current row. */
  focus: () => void;
}

interface Props {
  ref?: Ref<GridHandle>;
  rows: Transaction[];
  /** Undefined until the count arrives. */
  total: number | undefined;
  categoryNames: readonly string[];
  sort: SortState;
  onSort: (sort: SortKey) => void;
  /** Changes whenever the query does, sending the view back to the top. */
  resetKey: string;
  canLoadMore: boolean;
  loadMore: () => void;
  onChangeCategory: (transaction: Transaction, category: string | null) => void;
  onDelete: (transaction: Transaction) => void;
  /** Shown instead of rows when there are none: loading, empty or error. */
  placeholder: ReactNode;
}

export function TransactionTable(props: Props) {
  const { ref, rows, total, categoryNames, sort, onSort, resetKey, canLoadMore, loadMore } = props;
  const { onChangeCategory, onDelete, placeholder } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Keyed by the query so a new search starts on its first row without an effect.
  const [active, setActive] = useState({ resetKey, index: 0 });
  const activeIndex = active.resetKey === resetKey ? Math.min(active.index, Math.max(rows.length - 1, 0)) : 0;
  const [focusTarget, setFocusTarget] = useState<number | null>(null);
  const [openCategoryId, setOpenCategoryId] = useState<number | null>(null);
  // Handlers read the rows through a ref so they stay stable as pages load;
  // otherwise every loaded page would re-render every memoised row.
  const rowsRef = useRef(rows);
  useLayoutEffect(() => {
    rowsRef.current = rows;
  });

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler in this build; rows are memoised by hand
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastRendered = virtualRows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (canLoadMore && lastRendered >= rows.length - PREFETCH_ROWS) loadMore();
  }, [canLoadMore, lastRendered, rows.length, loadMore]);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  const moveTo = useCallback(
    (index: number) => {
      const next = Math.max(0, Math.min(index, rowsRef.current.length - 1));
      setActive({ resetKey, index: next });
      setFocusTarget(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [resetKey, virtualizer],
  );

  useImperativeHandle(ref, () => ({ focus: () => moveTo(activeIndex) }), [moveTo, activeIndex]);

  const actions = useMemo<RowActions>(
    () => ({
      onFocus: (index) => {
        setActive({ resetKey, index });
        setFocusTarget(null);
      },
      onKeyDown: (index, event: KeyboardEvent<HTMLDivElement>) => {
        // Keys typed inside the row's controls belong to those controls.
        if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
        const row = rowsRef.current[index];
        const keyActions: Partial<Record<string, () => void>> = {
          ArrowDown: () => moveTo(index + 1),
          ArrowUp: () => moveTo(index - 1),
          PageDown: () => moveTo(index + PAGE_JUMP),
          PageUp: () => moveTo(index - PAGE_JUMP),
          Home: () => moveTo(0),
          End: () => moveTo(rowsRef.current.length - 1),
        };
        if (row) {
          keyActions.Enter = keyActions.c = () => setOpenCategoryId(row.id);
          keyActions.Delete = () => onDelete(row);
        }
        const act = keyActions[event.key];
        if (!act) return;
        event.preventDefault();
        act();
      },
      onOpenCategory: setOpenCategoryId,
      onCategoryClosed: (index) => moveTo(index),
      onChangeCategory,
      onDelete,
    }),
    [resetKey, moveTo, onChangeCategory, onDelete],
  );

  return (
    <div
      className="grid"
      role="grid"
      aria-label="Transactions"
      aria-rowcount={total === undefined ? -1 : total + 1}
      aria-colcount={6}
    >
      <div role="rowgroup" className="grid__head">
        <div role="row" aria-rowindex={1} className="grid__row grid__row--head">
          <SortableHeader label="Date" sortKey="date" sort={sort} onSort={onSort} />
          <div role="columnheader" className="grid__cell">
            Description
          </div>
          <div role="columnheader" className="grid__cell">
            Merchant
          </div>
          <div role="columnheader" className="grid__cell">
            Category
          </div>
          <SortableHeader label="Amount" sortKey="amount" sort={sort} onSort={onSort} numeric />
          <div role="columnheader" className="grid__cell">
            <span className="visually-hidden">Actions</span>
          </div>
        </div>
      </div>
      <div role="rowgroup" className="grid__body" ref={scrollRef}>
        {rows.length === 0 ? (
          <div className="grid__placeholder">{placeholder}</div>
        ) : (
          <div className="grid__sizer" style={{ height: virtualizer.getTotalSize() }}>
            {virtualRows.map((item) => {
              const transaction = rows[item.index];
              if (!transaction) return null;
              return (
                <TransactionRow
                  key={transaction.id}
                  transaction={transaction}
                  index={item.index}
                  top={item.start}
                  categoryNames={categoryNames}
                  isActive={item.index === activeIndex}
                  takeFocus={item.index === focusTarget}
                  isCategoryOpen={openCategoryId === transaction.id}
                  actions={actions}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

interface HeaderProps {
  label: string;
  sortKey: SortKey;
  sort: SortState;
  onSort: (sort: SortKey) => void;
  numeric?: boolean;
}

function SortableHeader({ label, sortKey, sort, onSort, numeric = false }: HeaderProps) {
  const current = sort.sort === sortKey;
  const ariaSort = current ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <div role="columnheader" aria-sort={ariaSort} className={`grid__cell${numeric ? ' amount' : ''}`}>
      <button
        type="button"
        className="sort-button"
        title={current ? sortLabel(sort) : undefined}
        onClick={() => onSort(sortKey)}
      >
        {label}
        <span aria-hidden className="sort-button__arrow">
          {current ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </div>
  );
}
