// The Huququllah page: three expenses classed by keyboard, and the totals
// follow, to the penny, against sums taken here from the rows themselves.
import { sql } from 'drizzle-orm';
import { formatPence } from '../db/money.js';
import { expect, test } from './fixtures.js';

test('class three expenses by keyboard; the totals change to the penny', async ({ page, store, shot }) => {
  const before = await store.huququllah.summary();
  const [first, second, third] = await store.huququllah.unclassified({}, 3);
  if (!first || !second || !third) throw new Error('the demo data has unclassed expenses');

  await page.getByRole('link', { name: 'Huququllah' }).click();
  const totals = page.getByRole('definition');
  await expect(totals.nth(3)).toHaveText(before.unclassified.toLocaleString('en-GB'));
  const list = page.getByRole('list', { name: 'Expenses not yet classed' });
  const top = list.getByRole('listitem').first();
  const label = (row: typeof first) => `${row.date} ${row.description} ${formatPence(row.amountPence)}`;
  // The demo data's classed expenses give the first one a suggestion from its merchant, category or amount.
  expect(first.suggestion).not.toBeNull();
  await expect(top).toContainText(
    `Suggested: ${first.suggestion!.value} (${Math.round(first.suggestion!.confidence * 100)} %): ${first.suggestion!.reason}`,
  );
  await shot('huququllah-00-suggestions');
  await top.focus();
  await page.keyboard.press('d');
  // The classed row leaves; the next one takes its place and the focus, so the keys keep going.
  await expect(top).toHaveAttribute('aria-label', label(second));
  await expect(top).toBeFocused();
  await page.keyboard.press('e');
  await expect(top).toHaveAttribute('aria-label', label(third));
  await expect(top).toBeFocused();
  await page.keyboard.press('d');
  await expect(totals.nth(3)).toHaveText((before.unclassified - 3).toLocaleString('en-GB'));

  // The reference: the rows' own amounts, summed here; due is 19 % rounded half up, in whole pence.
  const classes = await store.query(
    sql`SELECT id, huququllah_classification AS h FROM transactions WHERE id IN (${first.id}, ${second.id}, ${third.id})`,
  );
  expect(Object.fromEntries(classes.map((r) => [Number(r.id), r.h]))).toEqual({
    [first.id]: 'discretionary',
    [second.id]: 'essential',
    [third.id]: 'discretionary',
  });
  const discretionary = before.discretionaryPence - first.amountPence - third.amountPence;
  const essential = before.essentialPence - second.amountPence;
  const due = Number((BigInt(discretionary) * 19n + 50n) / 100n);
  await expect(totals.nth(0)).toHaveText(formatPence(essential));
  await expect(totals.nth(1)).toHaveText(formatPence(discretionary));
  await expect(totals.nth(2)).toHaveText(formatPence(due));
  await shot('huququllah-01-classed');
});
