// The virtualised grid: only the rows in view (plus a little overscan) exist
// in the DOM, and its scrollbar stands for every matching row, however many
// the store holds; rows not yet fetched show as placeholders while the page
// that holds them loads.
import { observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
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
/** Rows beyond those in view whose pages are fetched ahead, so scrolling meets loaded rows. */
const PREFETCH_ROWS = 60;
/**
 * Chromium lays nothing out taller than 2^25 px (about 33.5 million), 840,000
 * rows of 40 px. Past this height the scrollbar is scaled: one pixel of it
 * moves the rows a little more than a pixel, and every row stays reachable.
 */
const MAX_SCROLL_HEIGHT = 30_000_000;

export interface GridHandle {
  /** Puts keyboard focus on the current row. */
  focus: () => void;
}

interface Props {
  ref?: Ref<GridHandle>;
  /** Rows the scrollbar stands for, loaded or not. */
  rowCount: number;
  /** The row at a position, or undefined while its page loads. */
  rowAt: (index: number) => Transaction | undefined;
  /** Undefined until the count arrives. */
  total: number | undefined;
  categoryNames: readonly string[];
  /** Account names by id, for an account column; null leaves the column out (narrow windows). */
  accountNames: ReadonlyMap<number, string> | null;
  sort: SortState;
  onSort: (sort: SortKey) => void;
  /** Changes whenever the query does, sending the view back to the top. */
  resetKey: string;
  /** The first and last row in view or about to be, whose pages should be at hand. */
  onRowsInView: (first: number, last: number) => void;
  onChangeCategory: (transaction: Transaction, category: string | null) => void;
  onEdit: (transaction: Transaction) => void;
  onDelete: (transaction: Transaction) => void;
  /** Shown instead of rows when there are none: loading, empty or error. */
  placeholder: ReactNode;
}

export function TransactionTable(props: Props) {
  const { ref, rowCount, rowAt, total, categoryNames, accountNames, sort, onSort, resetKey, onRowsInView } = props;
  const { onChangeCategory, onEdit, onDelete, placeholder } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Keyed by the query so a new search starts on its first row without an effect.
  const [active, setActive] = useState({ resetKey, index: 0 });
  const activeIndex = active.resetKey === resetKey ? Math.min(active.index, Math.max(rowCount - 1, 0)) : 0;
  const [focusTarget, setFocusTarget] = useState<number | null>(null);
  const [openCategoryId, setOpenCategoryId] = useState<number | null>(null);
  // Handlers read the rows through refs so they stay stable as pages load;
  // otherwise every loaded page would re-render every memoised row.
  const rowAtRef = useRef(rowAt);
  const rowCountRef = useRef(rowCount);
  // Scroll pixels to row pixels: 1 until the rows are taller than the browser allows.
  const scaleRef = useRef(1);
  useLayoutEffect(() => {
    rowAtRef.current = rowAt;
    rowCountRef.current = rowCount;
  });

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler in this build; rows are memoised by hand
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    observeElementOffset: (instance, report) =>
      observeElementOffset(instance, (offset, isScrolling) => report(offset * scaleRef.current, isScrolling)),
  });
  const rowsHeight = virtualizer.getTotalSize();
  const viewHeight = virtualizer.scrollRect?.height ?? 0;
  const scrollHeight = Math.min(rowsHeight, MAX_SCROLL_HEIGHT);
  const scale =
    rowsHeight > scrollHeight && scrollHeight > viewHeight
      ? (rowsHeight - viewHeight) / (scrollHeight - viewHeight)
      : 1;
  useLayoutEffect(() => {
    scaleRef.current = scale;
  }, [scale]);
  const virtualRows = virtualizer.getVirtualItems();
  // How far down the rows are scrolled, in row pixels: they are placed relative to the view.
  const offset = virtualizer.scrollOffset ?? 0;

  const firstInView = virtualRows[0]?.index ?? 0;
  const lastInView = virtualRows.at(-1)?.index ?? 0;
  useEffect(() => {
    onRowsInView(Math.max(0, firstInView - PREFETCH_ROWS), lastInView + PREFETCH_ROWS);
  }, [firstInView, lastInView, onRowsInView]);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  const moveTo = useCallback(
    (index: number) => {
      const next = Math.max(0, Math.min(index, rowCountRef.current - 1));
      setActive({ resetKey, index: next });
      setFocusTarget(next);
      scrollToRow(scrollRef.current, next, virtualizer.scrollOffset ?? 0, scaleRef.current);
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
        const row = rowAtRef.current(index);
        const keyActions: Partial<Record<string, () => void>> = {
          ArrowDown: () => moveTo(index + 1),
          ArrowUp: () => moveTo(index - 1),
          PageDown: () => moveTo(index + PAGE_JUMP),
          PageUp: () => moveTo(index - PAGE_JUMP),
          Home: () => moveTo(0),
          End: () => moveTo(rowCountRef.current - 1),
        };
        if (row) {
          keyActions.Enter = keyActions.c = () => setOpenCategoryId(row.id);
          keyActions.Delete = () => onDelete(row);
          keyActions.e = () => onEdit(row);
        }
        const act = keyActions[event.key];
        if (!act) return;
        event.preventDefault();
        act();
      },
      onOpenCategory: setOpenCategoryId,
      onCategoryClosed: (index) => moveTo(index),
      onChangeCategory,
      onEdit,
      onDelete,
    }),
    [resetKey, moveTo, onChangeCategory, onEdit, onDelete],
  );

  return (
    <div
      className={accountNames ? 'grid grid--with-account' : 'grid'}
      role="grid"
      aria-label="Transactions"
      aria-rowcount={total === undefined ? -1 : total + 1}
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
          {accountNames && (
            <div role="columnheader" className="grid__cell">
              Account
            </div>
          )}
          <div role="columnheader" className="grid__cell">
            Category
          </div>
          <SortableHeader label="Amount" sortKey="amount" sort={sort} onSort={onSort} numeric />
          <div role="columnheader" className="grid__cell grid__cell--huququllah">
            Huququllah
          </div>
          <div role="columnheader" className="grid__cell">
            <span className="visually-hidden">Actions</span>
          </div>
        </div>
      </div>
      <div role="rowgroup" className="grid__body" ref={scrollRef}>
        {rowCount === 0 ? (
          <div className="grid__placeholder">{placeholder}</div>
        ) : (
          <div className="grid__sizer" style={{ height: scrollHeight }}>
            <div className="grid__window" style={{ height: Math.min(viewHeight, scrollHeight) }}>
              {virtualRows.map((item) => {
                const transaction = rowAt(item.index);
                return (
                  <TransactionRow
                    key={item.index}
                    transaction={transaction}
                    index={item.index}
                    top={item.start - offset}
                    categoryNames={categoryNames}
                    account={accountNames ? accountLabel(accountNames, transaction) : undefined}
                    isActive={item.index === activeIndex}
                    takeFocus={item.index === focusTarget}
                    isCategoryOpen={transaction !== undefined && openCategoryId === transaction.id}
                    actions={actions}
                  />
                );
              })}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

/** '' for a row in no account (or not loaded yet). */
function accountLabel(names: ReadonlyMap<number, string>, t: Transaction | undefined): string {
  return t?.accountId ? (names.get(t.accountId) ?? '') : '';
}

/**
 * Brings a row into view with as little movement as possible. Written here
 * rather than with the virtualizer's scrollToIndex, which stops at the
 * scrollbar's own height and so could not reach the rows past a scaled one.
 */
function scrollToRow(element: HTMLElement | null, index: number, rowsOffset: number, scale: number): void {
  if (!element) return;
  const top = index * ROW_HEIGHT;
  const bottom = top + ROW_HEIGHT - element.clientHeight;
  const target = top < rowsOffset ? top : bottom > rowsOffset ? bottom : null;
  if (target !== null) element.scrollTop = target / scale;
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
