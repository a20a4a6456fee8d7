import { describe, expect, it } from 'vitest';
import type { TransactionPage } from '../../../../db/model.js';
import { inGridOrder, PAGE_SIZE, planPage, type ListQuery } from './page-plan';

const query: ListQuery = { search: 'tesco', sort: 'date', direction: 'desc' };
const none = () => undefined;

describe('planPage', () => {
  it('reads the first pages from the top', () => {
    expect(planPage(query, 3, 100_000, none)).toEqual({
      request: { ...query, limit: PAGE_SIZE, offset: 3 * PAGE_SIZE },
      reversed: false,
    });
  });

  it('reads a page nearer the end from the end, in the opposite order, the last one short', () => {
    const total = 10 * PAGE_SIZE + 50;
    expect(planPage(query, 10, total, none)).toEqual({
      request: { ...query, direction: 'asc', limit: 50, offset: 0 },
      reversed: true,
    });
    expect(planPage(query, 8, total, none).request).toMatchObject({ direction: 'asc', offset: 50 + PAGE_SIZE });
  });

  it('reads after the nearest loaded page, passing over the pages between, when that is less work', () => {
    const loaded = (i: number): TransactionPage | undefined =>
      i === 4 ? { items: [], nextCursor: 'after-4' } : undefined;
    expect(planPage(query, 6, 1_000_000, loaded).request).toEqual({
      ...query,
      limit: PAGE_SIZE,
      cursor: 'after-4',
      offset: PAGE_SIZE,
    });
    // Before the count is known, a jump can only be from the top or an anchor.
    expect(planPage(query, 6, undefined, loaded).request).toMatchObject({ cursor: 'after-4' });
    // An anchor further away than the end is not worth it.
    expect(planPage(query, 4_990, 4_995 * PAGE_SIZE, loaded).reversed).toBe(true);
  });

  it('puts a page read from the end back in the grid order, with no cursor onwards', () => {
    const page = { items: [{ id: 2 }, { id: 1 }], nextCursor: 'x' } as unknown as TransactionPage;
    expect(inGridOrder(page, { request: {}, reversed: true }).items.map((t) => t.id)).toEqual([1, 2]);
    expect(inGridOrder(page, { request: {}, reversed: true }).nextCursor).toBeNull();
    expect(inGridOrder(page, { request: {}, reversed: false })).toBe(page);
  });
});
