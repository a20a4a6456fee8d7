// The Transactions toolbar's state: what the user has typed, kept as text,
// and its translation into the store's TransactionFilter.
import type { SortDirection, SortKey, TransactionFilter } from '../../../../db/model.js';
import { parsePounds } from '../../money';
import { HUQUQULLAH_LABELS } from '../huququllah/labels';

export interface FilterState {
  search: string;
  dateFrom: string;
  dateTo: string;
  categories: string[];
  uncategorised: boolean;
  minAmount: string;
  maxAmount: string;
  merchant: string;
  /** The account's id as text; '' for every account. */
  account: string;
  /** '' for any. */
  huququllah: NonNullable<TransactionFilter['huququllah']> | '';
}

export interface SortState {
  sort: SortKey;
  direction: SortDirection;
}

export const NO_FILTERS: FilterState = {
  search: '',
  dateFrom: '',
  dateTo: '',
  categories: [],
  uncategorised: false,
  minAmount: '',
  maxAmount: '',
  merchant: '',
  account: '',
  huququllah: '',
};

export const DEFAULT_SORT: SortState = { sort: 'date', direction: 'desc' };

export function hasFilters(state: FilterState): boolean {
  return (
    state.search.trim() !== '' ||
    state.dateFrom !== '' ||
    state.dateTo !== '' ||
    state.categories.length > 0 ||
    state.uncategorised ||
    state.minAmount.trim() !== '' ||
    state.maxAmount.trim() !== '' ||
    state.merchant.trim() !== '' ||
    state.account !== '' ||
    state.huququllah !== ''
  );
}

/** A message when the text is neither empty nor an amount, else null. */
export function amountProblem(text: string): string | null {
  if (text.trim() === '' || parsePounds(text) !== null) return null;
  return 'Enter pounds and pence, like 12.50 or -40';
}

/** Only what is complete and valid is sent; a half-typed amount is simply not applied yet. */
export function toTransactionFilter(state: FilterState): TransactionFilter {
  const filter: TransactionFilter = {};
  const search = state.search.trim();
  if (search) filter.search = search;
  if (state.dateFrom) filter.dateFrom = state.dateFrom;
  if (state.dateTo) filter.dateTo = state.dateTo;
  if (state.categories.length) filter.categories = [...state.categories].sort();
  if (state.uncategorised) filter.uncategorised = true;
  const min = parsePounds(state.minAmount);
  if (min !== null) filter.minAmountPence = min;
  const max = parsePounds(state.maxAmount);
  if (max !== null) filter.maxAmountPence = max;
  const merchant = state.merchant.trim();
  if (merchant) filter.merchant = merchant;
  if (state.account) filter.accountId = Number(state.account);
  if (state.huququllah) filter.huququllah = state.huququllah;
  return filter;
}

/**
 * The orders people ask for. Amounts are signed (spend is negative), so the
 * store's ascending order is the largest spend first and descending the
 * largest income first; "highest first" read as -£2.51 before -£86.
 */
export const SORT_CHOICES = [
  { label: 'Newest first', sort: 'date', direction: 'desc' },
  { label: 'Oldest first', sort: 'date', direction: 'asc' },
  { label: 'Largest spend first', sort: 'amount', direction: 'asc' },
  { label: 'Largest income first', sort: 'amount', direction: 'desc' },
] as const satisfies readonly (SortState & { label: string })[];

/** The Huququllah filter's choices; '' is any. */
export const HUQUQULLAH_CHOICES = [
  { label: 'Any', value: '' },
  { label: HUQUQULLAH_LABELS.essential, value: 'essential' },
  { label: HUQUQULLAH_LABELS.discretionary, value: 'discretionary' },
  { label: 'Unclassified expenses', value: 'unclassified' },
] as const satisfies readonly { label: string; value: FilterState['huququllah'] }[];

export function sortLabel({ sort, direction }: SortState): string {
  return SORT_CHOICES.find((c) => c.sort === sort && c.direction === direction)?.label ?? '';
}
