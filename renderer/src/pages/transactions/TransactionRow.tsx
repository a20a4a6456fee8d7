import { formatPence } from '../../../../db/money.js';
import { memo, useEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react';
import type { Transaction } from '../../../../db/model.js';
import { formatDate } from '../../format';
import { huququllahLabel } from '../huququllah/labels';
import { CategorySelect } from './CategorySelect';

export interface RowActions {
  onFocus: (index: number) => void;
  onKeyDown: (index: number, event: KeyboardEvent<HTMLDivElement>) => void;
  onOpenCategory: (id: number | null) => void;
  onCategoryClosed: (index: number) => void;
  onChangeCategory: (transaction: Transaction, category: string | null) => void;
  onEdit: (transaction: Transaction) => void;
  onDelete: (transaction: Transaction) => void;
}

interface Props {
  /** Undefined while the page holding this row loads: a placeholder row stands in. */
  transaction: Transaction | undefined;
  index: number;
  top: number;
  categoryNames: readonly string[];
  /** The account's name for the account column ('' for none); undefined when the grid has no such column. */
  account: string | undefined;
  isActive: boolean;
  /** Set when keyboard navigation has moved here and the row should take focus once rendered. */
  takeFocus: boolean;
  isCategoryOpen: boolean;
  actions: RowActions;
}

// Memoised because the table re-renders on every scroll frame while each row's
// props only change when that row's data or focus does.
export const TransactionRow = memo(function TransactionRow({
  transaction: t,
  index,
  top,
  categoryNames,
  account,
  isActive,
  takeFocus,
  isCategoryOpen,
  actions,
}: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) ref.current?.focus({ preventScroll: true });
  }, [takeFocus]);

  const rowProps = {
    ref,
    role: 'row',
    'aria-rowindex': index + 2,
    tabIndex: isActive ? 0 : -1,
    'data-index': index,
    style: { transform: `translateY(${top}px)` },
    onFocus: (event: FocusEvent<HTMLDivElement>) => {
      if (event.target === event.currentTarget) actions.onFocus(index);
    },
    onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => actions.onKeyDown(index, event),
  };
  if (!t) {
    return (
      <div {...rowProps} className="grid__row grid__row--loading" aria-busy="true">
        {['date', 'description', 'merchant', ...(account === undefined ? [] : ['account']), 'category', 'amount'].map(
          (column) => (
            <div key={column} role="gridcell" className="grid__cell">
              <span className={`skeleton skeleton--${column}`} />
            </div>
          ),
        )}
        <div role="gridcell" className="grid__cell grid__cell--huququllah" />
        <div role="gridcell" className="grid__cell" />
      </div>
    );
  }

  const options = t.category && !categoryNames.includes(t.category) ? [...categoryNames, t.category] : categoryNames;
  const amountClass = t.amountPence < 0 ? 'amount amount--spend' : 'amount amount--income';

  return (
    <div {...rowProps} className="grid__row">
      <div role="gridcell" className="grid__cell grid__cell--date">
        {formatDate(t.date)}
      </div>
      <div role="gridcell" className="grid__cell grid__cell--truncate" title={t.description}>
        {/* Out of the tab order like the row's other controls: the row opens it with E. */}
        <button
          type="button"
          className="edit-trigger"
          tabIndex={-1}
          aria-label={`Edit ${t.description}`}
          onClick={() => actions.onEdit(t)}
        >
          {t.description}
        </button>
      </div>
      <div
        role="gridcell"
        className="grid__cell grid__cell--truncate grid__cell--muted"
        title={t.merchant ?? undefined}
      >
        {t.merchant ?? ''}
      </div>
      {account !== undefined && (
        <div role="gridcell" className="grid__cell grid__cell--truncate grid__cell--muted" title={account || undefined}>
          {account}
        </div>
      )}
      <div role="gridcell" className="grid__cell grid__cell--control">
        <CategorySelect
          description={t.description}
          value={t.category}
          options={options}
          open={isCategoryOpen}
          onOpenChange={(open) => actions.onOpenCategory(open ? t.id : null)}
          onChange={(category) => actions.onChangeCategory(t, category)}
          onClosed={() => actions.onCategoryClosed(index)}
        />
      </div>
      <div role="gridcell" className={`grid__cell ${amountClass}`}>
        {formatPence(t.amountPence)}
      </div>
      <HuququllahCell transaction={t} />
      <div role="gridcell" className="grid__cell grid__cell--control">
        <button
          type="button"
          className="icon-button"
          tabIndex={-1}
          aria-label={`Delete ${t.description}`}
          title="Delete (Delete key)"
          onClick={() => actions.onDelete(t)}
        >
          ✕
        </button>
      </div>
    </div>
  );
});

/** The class by name, — for an expense not yet classed; income is never classed, so its cell is empty. */
function HuququllahCell({ transaction: t }: { transaction: Transaction }) {
  const label = huququllahLabel(t);
  return (
    <div role="gridcell" className="grid__cell grid__cell--huququllah grid__cell--muted" title={label ?? undefined}>
      {t.huququllahClassification ? label : label && <span aria-label={label}>—</span>}
    </div>
  );
}
