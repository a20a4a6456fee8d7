// Two processes writing the same bank data into one PostgreSQL database at
// once (two computers, or the app beside `spending bank`). Under READ
// COMMITTED a writer that read before the other committed acts on what it saw:
// it would store transactions again (or fail on their dedupe keys), double a
// pending set, or take a link attempt the other already took. SQLite is not in
// question: BEGIN IMMEDIATE already serialises writers. Ordered by holding
// transactions open, never by timing.
import { PgDialect } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createPgDatabase } from '../../e2e/support/test-databases.js';
import type { BulkRows, BulkTable } from '../bulk.js';
import { openExecutor, openStore } from '../open-store.js';
import type { Executor, Row } from '../sql/executor.js';
import { BankStore } from './bank-store.js';
import type { BankTransaction } from './bank-types.js';

const render = new PgDialect();

/** A real executor whose transactions report each statement as it is sent, and may pause before COMMIT. */
class Watched implements Executor {
  readonly dialect;

  constructor(
    private readonly inner: Executor,
    private readonly hooks: { sent?: (text: string) => void; beforeCommit?: () => Promise<void> },
  ) {
    this.dialect = inner.dialect;
  }

  all<T extends Row = Row>(query: SQL): Promise<T[]> {
    this.hooks.sent?.(render.sqlToQuery(query).sql);
    return this.inner.all<T>(query);
  }

  values(query: SQL): Promise<unknown[][]> {
    this.hooks.sent?.(render.sqlToQuery(query).sql);
    return this.inner.values(query);
  }

  run(query: SQL): Promise<number> {
    this.hooks.sent?.(render.sqlToQuery(query).sql);
    return this.inner.run(query);
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.inner.transaction(async (tx) => {
      const result = await work(new Watched(tx, { ...this.hooks, beforeCommit: undefined }));
      await this.hooks.beforeCommit?.();
      return result;
    });
  }

  bulkInsert(table: BulkTable, rows: BulkRows): Promise<number> {
    return this.inner.bulkInsert(table, rows);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

function bankTransactions(n: number): BankTransaction[] {
  return Array.from({ length: n }, (_, i) => ({
    dedupeKey: `norm-${i}`,
    transactionId: `tx-${i}`,
    providerTransactionId: null,
    timestamp: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`,
    bookingDate: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
    description: `Shop ${i}`,
    amountPence: -100 - i,
    ledgerPence: -100 - i,
    currency: 'GBP',
    transactionType: 'DEBIT',
    transactionCategory: 'PURCHASE',
    merchantName: null,
    runningBalancePence: null,
    metadata: null,
  }));
}

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

/**
 * Runs `write` from two "processes": the first is held before its COMMIT
 * until the second has either waited for it (a statement that locks) or done
 * all its work unaware of it; then both finish.
 */
async function twoWriters<T>(write: (bank: BankStore, accountRowId: number) => Promise<T>) {
  const url = await createPgDatabase('bankwrite');
  const store = await openStore(url);
  const [a, b] = await Promise.all([openExecutor(url), openExecutor(url)]);
  closers.push(store, a.executor, b.executor);
  const bank = store.bank;
  const connection = await bank.createConnection({ providerId: 'mock', providerName: 'Mock', scope: '' });
  const ids = await bank.upsertAccounts(connection, [
    {
      accountId: 'acc-1',
      kind: 'account',
      accountType: 'TRANSACTION',
      displayName: 'Current',
      currency: 'GBP',
      accountNumber: null,
      providerData: null,
    },
  ]);
  const account = ids.get('acc-1')!;
  const firstAtCommit = signal();
  const secondWaitsOrIsDone = signal();
  const release = signal();
  const first = new BankStore(
    new Watched(a.executor, {
      beforeCommit: () => {
        firstAtCommit.fire();
        return release.promise;
      },
    }),
  );
  const second = new BankStore(
    new Watched(b.executor, {
      // A statement that may wait for the first writer: the account's lock, or (without one) an insert meeting
      // its dedupe keys or its ledger totals.
      sent: (text) => {
        if (/for update|^\s*insert into/i.test(text)) secondWaitsOrIsDone.fire();
      },
      beforeCommit: () => {
        secondWaitsOrIsDone.fire();
        return Promise.resolve();
      },
    }),
  );
  const firstRun = write(first, account);
  await firstAtCommit.promise;
  const secondRun = write(second, account);
  await Promise.race([secondWaitsOrIsDone.promise, secondRun.catch(() => undefined)]);
  release.fire();
  return { account, bank, results: await Promise.allSettled([firstRun, secondRun]) };
}

describe('two processes writing one account on PostgreSQL', () => {
  it("settled transactions: the second writer finds the first one's rows, so nothing is stored twice", async () => {
    const txs = bankTransactions(30);
    const { account, bank, results } = await twoWriters((b, id) => b.transactions.write(id, 'TrueLayer: Mock', txs));
    expect(results).toEqual([
      { status: 'fulfilled', value: { inserted: 30, updated: 0, unchanged: 0 } },
      { status: 'fulfilled', value: { inserted: 0, updated: 0, unchanged: 30 } },
    ]);
    expect(await bank.transactions.totals(account)).toEqual({ count: 30, ledgerPence: -(30 * 100 + (29 * 30) / 2) });
    const ledger = await bank.rawRows(sql`transactions`);
    expect(ledger).toHaveLength(30);
  });

  it("pending transactions: the second writer replaces the first one's set instead of adding to it", async () => {
    const pending = bankTransactions(5);
    const { account, bank, results } = await twoWriters((b, id) => b.transactions.replacePending(id, pending));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await bank.transactions.listPending(account)).toHaveLength(5);
  });
});

describe('two processes taking one link attempt on PostgreSQL', () => {
  it('only one gets it, even when both read it before either removed it', async () => {
    const url = await createPgDatabase('oauthtake');
    const store = await openStore(url);
    const [a, b, c] = await Promise.all([openExecutor(url), openExecutor(url), openExecutor(url)]);
    closers.push(store, a.executor, b.executor, c.executor);
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    const attempt = {
      state: 'st-1',
      codeVerifier: 'gAAAA-fernet',
      redirectUri: 'spending://x',
      nonce: 'n',
      connectionId: null,
    };
    await store.bank.oauth.save({ ...attempt, expiresAt });
    // A third transaction locks the attempt's row, so both takers meet it before either can remove it.
    const locked = signal();
    const unlock = signal();
    const holder = c.executor.transaction(async (tx) => {
      await tx.all(sql`SELECT state FROM oauth_state WHERE state = ${attempt.state} FOR UPDATE`);
      locked.fire();
      await unlock.promise;
    });
    await locked.promise;
    const removing = [signal(), signal()];
    const takers = [a, b].map((opened, i) =>
      new BankStore(
        new Watched(opened.executor, {
          sent: (text) => {
            if (/^\s*delete from/i.test(text)) removing[i]!.fire();
          },
        }),
      ).oauth.take(attempt.state),
    );
    await Promise.all(removing.map((r) => r.promise));
    unlock.fire();
    await holder;
    const taken = await Promise.all(takers);
    expect(taken.filter((t) => t !== null)).toEqual([expect.objectContaining(attempt)]);
  });
});
