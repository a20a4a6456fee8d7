// Two copies of Spending on one PostgreSQL, each with its own Store and
// dispatcher, as two computers would be: what A's user changes reaches B as a
// `store:changed` event naming the tables, and B's next read shows it.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../db/open-store.js';
import type { Transaction } from '../../../db/model.js';
import { Inbox } from '../../../e2e/support/change-inbox.js';
import { cleanUpAfter } from '../../../e2e/support/test-cleanup.js';
import { createPgDatabase, tempSqlitePath } from '../../../e2e/support/test-databases.js';
import { createDispatcher, type Dispatch } from '../../ipc/dispatch.js';
import { createStoreHandlers } from '../../ipc/store-handlers.js';
import { startLiveRefresh, type StoreChanged } from './live-refresh.js';

async function instance(url: string): Promise<Dispatch> {
  const store = await openStore(url);
  cleanUpAfter(() => store.close());
  return createDispatcher(createStoreHandlers({ store: () => store, appVersion: '0.0.0' }));
}

async function value<T>(pending: Promise<unknown>): Promise<T> {
  const result = (await pending) as { ok: boolean; value?: T; error?: unknown };
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

describe('live refresh between two instances', () => {
  it("an edit in A reaches B's listener and B's next read", async () => {
    const url = await createPgDatabase('live');
    const a = await instance(url);
    const b = await instance(url);
    const events = new Inbox<StoreChanged>();
    const live = await startLiveRefresh({ kind: 'postgres', url }, { emit: events.push });
    cleanUpAfter(async () => live?.close());

    const added = await value<Transaction>(
      a('addTransaction', { date: '2026-12-03', description: 'Pret', amountPence: -450 }),
    );
    expect(await events.next()).toMatchObject({ tables: ['transactions'], caughtUp: false });

    await value(a('updateTransaction', { id: added.id, patch: { category: 'Dining' } }));
    await events.next((e) => e.tables.includes('transactions'));
    const seenByB = await value<{ items: Transaction[] }>(b('listTransactions', {}));
    expect(seenByB.items.map((t) => [t.id, t.category])).toEqual([[added.id, 'Dining']]);

    await value(a('setBudget', { category: 'Dining', amountPence: 10_000, rollover: false, asOf: '2026-12-07' }));
    expect((await events.next()).tables).toEqual(['budgets']);
  });

  it('a SQLite store has nothing to listen to', async () => {
    expect(await startLiveRefresh({ kind: 'sqlite', path: tempSqlitePath() }, { emit: () => undefined })).toBe(
      undefined,
    );
  });
});
