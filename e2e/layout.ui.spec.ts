// The narrowest window Spending allows (880 px, main/window.ts) and a common
// wide one, in both themes, with totals as large as a store of a million rows
// (and more) produces: nothing is cut off or spills out of its box, and the
// monthly chart opens on the latest months with a sign that earlier ones exist.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const WIDTHS = [880, 1280] as const;

/** Whether `inner` lies wholly inside `outer`, horizontally, to the pixel. */
async function horizontallyInside(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  if (!a || !b) return false;
  return a.x >= b.x - 0.5 && a.x + a.width <= b.x + b.width + 0.5;
}

/** Text wider than its box, whether the box clips it or lets it spill. */
function overflows(box: Locator): Promise<boolean> {
  return box.evaluate((element) => element.scrollWidth > element.clientWidth);
}

/** Whether the text itself, as drawn, stays within its box's border (into its padding at most). */
function textInside(box: Locator): Promise<boolean> {
  return box.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const [text, outer] = [range.getBoundingClientRect(), element.getBoundingClientRect()];
    return text.left >= outer.left - 0.5 && text.right <= outer.right + 0.5;
  });
}

/** Whether the text is drawn on a single line. */
function oneLine(box: Locator): Promise<boolean> {
  return box.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size === 1;
  });
}

async function useTheme(page: Page, theme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: theme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

test.beforeEach(async ({ store }) => {
  // Billions in and out: longer totals than any real store of a million rows.
  await store.addTransaction({ date: '2026-10-30', description: 'Lottery win', amountPence: 99_999_999_999 });
  await store.addTransaction({ date: '2026-10-30', description: 'Yacht', amountPence: -99_999_999_999 });
});

for (const width of WIDTHS) {
  test(`at ${width} px the grid shows every column whole, amounts and delete buttons included`, async ({
    page,
    shot,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.getByRole('link', { name: 'Transactions' }).click();
    const grid = page.getByRole('grid', { name: 'Transactions' });
    const rows = grid.getByRole('row').filter({ has: page.getByRole('gridcell') });
    await expect(rows.first()).toBeVisible();
    await expect(grid.getByRole('columnheader', { name: 'Amount' })).toBeVisible();
    expect(await horizontallyInside(grid.getByRole('columnheader', { name: 'Amount' }), grid)).toBe(true);
    // The Huququllah column is there only where it leaves description and merchant room (not at 880 px).
    const huqHeader = grid.getByRole('columnheader', { name: 'Huququllah' });
    const huqShown = width >= 1280;
    await expect(huqHeader).toBeVisible({ visible: huqShown });
    if (huqShown) expect(await textInside(huqHeader), 'the Huququllah heading is whole').toBe(true);
    // Their narrowest (transactions.css) is what they keep at 880 px: no other column takes their room.
    for (const [name, least] of [
      ['Description', 96],
      ['Merchant', 72],
    ] as const) {
      const box = await grid.getByRole('columnheader', { name }).boundingBox();
      expect(box?.width, `the ${name} column keeps room for words`).toBeGreaterThanOrEqual(least);
    }
    for (const theme of ['light', 'dark'] as const) {
      await useTheme(page, theme);
      await shot(`layout-transactions-${width}-${theme}`);
    }
    for (let i = 0; i < 8; i++) {
      const row = rows.nth(i);
      const amount = row.getByRole('gridcell').nth(4);
      const remove = row.getByRole('button', { name: /^Delete / });
      expect(await horizontallyInside(amount, grid), `row ${i}'s amount`).toBe(true);
      expect(await textInside(amount), `row ${i}'s amount text`).toBe(true);
      expect(await textInside(row.getByRole('gridcell').nth(0)), `row ${i}'s date`).toBe(true);
      if (huqShown) {
        const huququllah = row.getByRole('gridcell').nth(5);
        expect(await horizontallyInside(huququllah, grid), `row ${i}'s Huququllah class`).toBe(true);
      }
      expect(await horizontallyInside(remove, grid), `row ${i}'s delete button`).toBe(true);
    }
    // Every month's name, on a two-digit day, keeps its date on one line.
    for (let month = 1; month <= 12; month++) {
      const last = new Date(Date.UTC(2025, month, 0)).toISOString().slice(0, 10);
      await page.getByLabel('Date to').fill(last);
      const date = rows.first().getByRole('gridcell').first();
      await expect(date).toContainText(last.slice(0, 4));
      expect(await oneLine(date), `${await date.textContent()} on one line`).toBe(true);
      expect(await textInside(date), `${await date.textContent()} inside its cell`).toBe(true);
    }
  });

  test(`at ${width} px the dashboard's totals stay in their cards and the months open at the latest`, async ({
    page,
    shot,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('combobox', { name: 'Period' }).selectOption({ label: 'All time' });
    const totals = page.locator('dl.totals > div');
    await expect(totals.getByRole('definition').first()).toHaveText('£1,000,146,398.54');
    for (let i = 0; i < 3; i++) {
      const card = totals.nth(i);
      const amount = card.getByRole('definition');
      expect(await overflows(amount), `total ${i}`).toBe(false);
      expect(await horizontallyInside(amount, card), `total ${i}`).toBe(true);
      expect(await amount.evaluate((dd) => dd.getClientRects().length), `total ${i} on one line`).toBe(1);
    }

    const byCategory = page.getByRole('region', { name: 'Spending by category' });
    for (const value of await byCategory.locator('.hbars__value').all())
      expect(await horizontallyInside(value, byCategory), `${await value.textContent()} by category`).toBe(true);

    const plot = page.getByRole('list', { name: 'Income and spending by month' });
    const scroll = () => plot.evaluate((ul) => ({ left: ul.scrollLeft, view: ul.clientWidth, whole: ul.scrollWidth }));
    const opened = await scroll();
    expect(opened.whole, 'all time has more months than fit').toBeGreaterThan(opened.view);
    expect(opened.left + opened.view).toBeGreaterThanOrEqual(opened.whole - 1);
    await expect(plot.getByRole('listitem').last()).toHaveAccessibleName(/^Oct 2026: /);
    await expect(page.getByRole('button', { name: '← Earlier months' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Later months →' })).toHaveCount(0);
    for (const theme of ['light', 'dark'] as const) {
      await useTheme(page, theme);
      await shot(`layout-dashboard-${width}-${theme}`);
    }
    await page.getByRole('button', { name: '← Earlier months' }).click();
    await expect.poll(async () => (await scroll()).left).toBeLessThan(opened.left);
    await expect(page.getByRole('button', { name: 'Later months →' })).toBeVisible();
  });
}
