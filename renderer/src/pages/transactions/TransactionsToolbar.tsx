import { useId, type Ref } from 'react';
import type { Account } from '../../../../db/imports/account-model.js';
import type { FieldErrors } from '../../validation';
import {
  amountProblem,
  hasFilters,
  HUQUQULLAH_CHOICES,
  SORT_CHOICES,
  sortLabel,
  type FilterState,
  type SortState,
} from './filters';
import { CategoryFilter } from './CategoryFilter';

interface Props {
  searchRef: Ref<HTMLInputElement>;
  filters: FilterState;
  onFiltersChange: (patch: Partial<FilterState>) => void;
  onClear: () => void;
  sort: SortState;
  onSortChange: (sort: SortState) => void;
  categoryNames: readonly string[];
  accounts: readonly Pick<Account, 'id' | 'name'>[];
  /** What the store would refuse in the filter (a range that ends before it starts), by field. */
  problems: FieldErrors | null;
  /** Escape in the search box hands focus back to the table. */
  onLeaveSearch: () => void;
  /** Opens the bulk Huququllah classing of the expenses shown; absent when there is nothing to class. */
  onClassShown: (() => void) | undefined;
}

export function TransactionsToolbar(props: Props) {
  const { searchRef, filters, onFiltersChange, onClear, sort, onSortChange, categoryNames, accounts } = props;
  const { problems, onLeaveSearch, onClassShown } = props;
  const minProblem = amountProblem(filters.minAmount);
  const maxProblem = amountProblem(filters.maxAmount) ?? problems?.maxAmountPence ?? null;
  const dateProblem = problems?.dateTo ?? null;
  const dateProblemId = useId();

  return (
    <div className="toolbar">
      <div className="toolbar__top">
        <input
          ref={searchRef}
          type="search"
          className="input input--search"
          aria-label="Search transactions"
          aria-keyshortcuts="/"
          placeholder="Search descriptions and merchants   ( / )"
          value={filters.search}
          onChange={(event) => onFiltersChange({ search: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              // Chromium would also empty a search box on Escape; here Escape only leaves it.
              event.preventDefault();
              onLeaveSearch();
            }
          }}
        />
        <div className="toolbar__sort" role="group" aria-label="Sort">
          <label className="toolbar__sort-label" htmlFor="transactions-sort">
            Sort by
          </label>
          <select
            id="transactions-sort"
            className="input"
            value={sortLabel(sort)}
            onChange={(event) => {
              const choice = SORT_CHOICES.find((c) => c.label === event.target.value);
              if (choice) onSortChange({ sort: choice.sort, direction: choice.direction });
            }}
          >
            {SORT_CHOICES.map((choice) => (
              <option key={choice.label} value={choice.label}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button toolbar__clear" onClick={onClear} disabled={!hasFilters(filters)}>
          Clear filters
        </button>
      </div>
      <div className="toolbar__filters" role="group" aria-label="Filters">
        <label className="filter">
          <span className="filter__label">From</span>
          <input
            type="date"
            className="input"
            aria-label="Date from"
            value={filters.dateFrom}
            max={filters.dateTo || undefined}
            onChange={(event) => onFiltersChange({ dateFrom: event.target.value })}
          />
        </label>
        <label className="filter">
          <span className="filter__label">To</span>
          <input
            type="date"
            className="input"
            aria-label="Date to"
            aria-invalid={dateProblem ? true : undefined}
            aria-describedby={dateProblem ? dateProblemId : undefined}
            value={filters.dateTo}
            min={filters.dateFrom || undefined}
            onChange={(event) => onFiltersChange({ dateTo: event.target.value })}
          />
          {dateProblem && (
            <span className="filter__problem" id={dateProblemId} role="alert">
              {dateProblem}
            </span>
          )}
        </label>
        <div className="filter">
          <CategoryFilter
            names={categoryNames}
            selected={filters.categories}
            uncategorised={filters.uncategorised}
            onChange={onFiltersChange}
          />
        </div>
        <AmountFilter
          label="Min amount (£)"
          value={filters.minAmount}
          problem={minProblem}
          onChange={(minAmount) => onFiltersChange({ minAmount })}
        />
        <AmountFilter
          label="Max amount (£)"
          value={filters.maxAmount}
          problem={maxProblem}
          onChange={(maxAmount) => onFiltersChange({ maxAmount })}
        />
        <label className="filter">
          <span className="filter__label">Account</span>
          <select
            className="input input--account"
            aria-label="Account"
            value={filters.account}
            onChange={(event) => onFiltersChange({ account: event.target.value })}
          >
            <option value="">All accounts</option>
            {accounts.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span className="filter__label">Merchant</span>
          <input
            type="text"
            className="input input--merchant"
            aria-label="Merchant"
            placeholder="Exact name"
            value={filters.merchant}
            onChange={(event) => onFiltersChange({ merchant: event.target.value })}
          />
        </label>
        <label className="filter">
          <span className="filter__label">Huququllah</span>
          <select
            className="input"
            aria-label="Huququllah"
            value={filters.huququllah}
            onChange={(event) => {
              const choice = HUQUQULLAH_CHOICES.find((c) => c.value === event.target.value);
              if (choice) onFiltersChange({ huququllah: choice.value });
            }}
          >
            {HUQUQULLAH_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        {onClassShown && (
          <button
            type="button"
            className="button"
            title="Set the Huququllah class of every expense shown"
            onClick={onClassShown}
          >
            Class these…
          </button>
        )}
      </div>
    </div>
  );
}

interface AmountProps {
  label: string;
  value: string;
  problem: string | null;
  onChange: (value: string) => void;
}

function AmountFilter({ label, value, problem, onChange }: AmountProps) {
  const problemId = useId();
  return (
    <label className="filter">
      <span className="filter__label">{label}</span>
      <input
        type="text"
        inputMode="decimal"
        className="input input--amount"
        aria-label={label}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        title="Spending is negative, e.g. -20; income is positive"
        placeholder="e.g. -20"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {problem && (
        <span className="filter__problem" id={problemId} role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}
