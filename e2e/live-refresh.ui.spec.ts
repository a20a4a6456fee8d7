// Two copies of Spending on one PostgreSQL, each page on its own instance
// (Store, dispatcher, listener), as two computers would be: an edit made in
// one shows in the other's open grid without a reload, the grid staying where
// it was scrolled.
import { join } from 'node:path';
import { openStore } from '../db/open-store.js';
import { createDispatcher } from '../main/ipc/dispatch.js';
import { createStoreHandlers } from '../main/ipc/store-handlers.js';
import { startLiveRefresh } from '../main/services/live/live-refresh.js';
import { openApp } from './support/app-harness.js';
import { expect, test } from './fixtures.js';

test('an edit in one instance shows in the other instance’s open grid, scroll position kept', async ({
  page,
  app,
  store,
  storeKind,
  storeLocation,
  browser,
}) => {
  test.skip(storeKind !== 'postgres', 'Live refresh is between computers sharing a PostgreSQL store.');
  // Instance A is the fixture's app on `page`; it listens too, as every copy does.
  const liveA = await startLiveRefresh(
    { kind: 'postgres', url: storeLocation },
    { emit: (payload) => void app.emit('store:changed', payload) },
  );
  // Instance B: another Store, dispatcher and listener, another page.
  const storeB = await openStore(storeLocation);
  const pageB = await browser.newPage();
  const appB = await openApp(
    pageB,
    createDispatcher(createStoreHandlers({ store: () => storeB, appVersion: '0.0.0-test' })),
    'out/renderer',
  );
  const liveB = await startLiveRefresh(
    { kind: 'postgres', url: storeLocation },
    { emit: (payload) => void appB.emit('store:changed', payload) },
  );
  try {
    for (const p of [page, pageB]) await p.setViewportSize({ width: 1280, height: 800 });
    for (const p of [page, pageB]) await p.getByRole('link', { name: 'Transactions' }).click();
    const gridB = pageB.getByRole('grid', { name: 'Transactions' });
    await expect(gridB.getByRole('gridcell').first()).toBeVisible();
    // B scrolls down a little; the row edited is one B has in view there.
    const bodyB = gridB.locator('.grid__body');
    await bodyB.evaluate((el) => (el.scrollTop = 400));
    const { items } = await store.listTransactions({ limit: 30 });
    const target = items[20];
    if (!target) throw new Error('the demo data has transactions');
    const edited = `${target.description} (edited on A)`;

    // The edit goes through A's page, as the grid's own editor calls it.
    await page.evaluate(([id, description]) => window.api.updateTransaction({ id, patch: { description } }), [
      target.id,
      edited,
    ] as const);

    await expect(page.getByTitle(edited, { exact: true })).toBeVisible();
    await expect(gridB.getByTitle(edited, { exact: true })).toBeVisible();
    expect(await bodyB.evaluate((el) => el.scrollTop)).toBe(400);
    await pageB.screenshot({ path: join('e2e', 'artifacts', test.info().project.name, 'live-refresh-b-1280.png') });
  } finally {
    await liveB?.close();
    await liveA?.close();
    await pageB.close();
    await storeB.close();
  }
});
