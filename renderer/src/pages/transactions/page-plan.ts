// Which request fetches the page of rows at a position of the grid. The grid's
// scrollbar stands for every matching row, so a drag or End can land on any
// page: it is read after the nearest page already loaded (keyset, cheap) or,
// when none is near, from whichever end of the result is nearer, so a jump
// passes over at most half the rows.
import type {
  SortDirection,
  SortKey,
  TransactionFilter,
  TransactionPage,
  TransactionQuery,
} from '../../../../db/model.js';

export const PAGE_SIZE = 200;

export type ListQuery = TransactionFilter & { sort: SortKey; direction: SortDirection };

export interface PagePlan {
  request: TransactionQuery;
  /** Asked for in the opposite order, from the end: the rows come back last first. */
  reversed: boolean;
}

/**
 * The request for page `index` of `query`. `total` is the count when known;
 * `loaded(i)` is page i when it is already at hand.
 */
export function planPage(
  query: ListQuery,
  index: number,
  total: number | undefined,
  loaded: (index: number) => TransactionPage | undefined,
): PagePlan {
  const start = index * PAGE_SIZE;
  let plan: PagePlan = { request: { ...query, limit: PAGE_SIZE, offset: start }, reversed: false };
  let passedOver = start;
  if (total !== undefined && total > start) {
    const end = Math.min(start + PAGE_SIZE, total);
    if (total - end < passedOver) {
      passedOver = total - end;
      const direction = query.direction === 'desc' ? 'asc' : 'desc';
      plan = { request: { ...query, direction, limit: end - start, offset: total - end }, reversed: true };
    }
  }
  // Only anchors that pass over fewer rows than the best plan so far are worth looking for.
  for (let i = index - 1; i >= 0 && (index - 1 - i) * PAGE_SIZE < passedOver; i--) {
    const cursor = loaded(i)?.nextCursor;
    if (cursor) {
      return { request: { ...query, limit: PAGE_SIZE, cursor, offset: (index - 1 - i) * PAGE_SIZE }, reversed: false };
    }
  }
  return plan;
}

/** A page's rows in the grid's order; a page read from the end has no cursor onwards. */
export function inGridOrder(page: TransactionPage, plan: PagePlan): TransactionPage {
  return plan.reversed ? { items: [...page.items].reverse(), nextCursor: null } : page;
}
