// The transaction filter the `list`, `stats` and `export` commands take from their options.
import type { TransactionFilter } from '../../db/model.js';

export function filterOptions(options: {
  search?: string;
  from?: string;
  to?: string;
  category?: string[];
}): TransactionFilter {
  return {
    ...(options.search ? { search: options.search } : {}),
    ...(options.from ? { dateFrom: options.from } : {}),
    ...(options.to ? { dateTo: options.to } : {}),
    ...(options.category?.length ? { categories: options.category } : {}),
  };
}
