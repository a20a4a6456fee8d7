// The listener outlives its server: a restart cuts the connection, the
// listener reconnects, and what was written while it was away reaches it as
// one catch-up from the revisions. On a server of the test's own.
import { expect, it } from 'vitest';
import { Inbox } from '../../e2e/support/change-inbox.js';
import { startRestartablePostgres } from '../../e2e/support/restartable-postgres.js';
import { cleanUpAfter } from '../../e2e/support/test-cleanup.js';
import { openStore } from '../open-store.js';
import type { StoreChange } from '../store-changes.js';
import { StoreListener, type ListenerState } from './store-listener.js';

it('survives pg_ctl restart and catches up on what was written while it was away', async () => {
  const server = await startRestartablePostgres();
  cleanUpAfter(() => server.stop());
  const url = await server.createDatabase('restart');
  const a = await openStore(url);
  cleanUpAfter(() => a.close());

  const heard = new Inbox<StoreChange>();
  const states = new Inbox<ListenerState>();
  // Reconnection waits for the test, not for a clock: the writes below happen while it is away.
  let comeBack = () => {};
  const away = new Promise<void>((resolve) => (comeBack = resolve));
  const listener = await StoreListener.start(url, {
    onChange: heard.push,
    onState: (state) => states.push(state),
    delay: () => away,
  });
  cleanUpAfter(() => listener.close());
  await states.next((s) => s === 'listening');
  const before = listener.revision;

  await server.restart();
  await states.next((s) => s === 'reconnecting');
  // Store A's pool reconnects by itself on its next query.
  await a.addTransaction({ date: '2026-12-02', description: 'Written while away', amountPence: -500 });
  await a.addCategory('Pets');
  comeBack();

  const caught = await heard.next();
  expect(caught).toEqual({ kind: 'catch-up', tables: ['transactions', 'categories'], revision: before + 2 });
  await states.next((s) => s === 'listening');

  // And it listens again.
  const category = await a.addCategory('Garden');
  expect(await heard.next()).toMatchObject({ kind: 'notification', table: 'categories', ids: [category.id] });
});
