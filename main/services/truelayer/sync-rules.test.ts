import { formatISO, subDays } from 'date-fns';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountRow } from '../../../db/bank/bank-types.js';
import { storeTargets, tempSqlitePath } from '../../../e2e/support/test-databases.js';
import { startBankHarness, type BankHarness } from '../../../e2e/support/truelayer-harness.js';

let h: BankHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const day = (d: Date) => formatISO(d, { representation: 'date' });

interface BankTx {
  transaction_id: string;
  timestamp: string;
  amount: number;
  transaction_type: string;
  description: string;
}

/** What the bank itself reports for an account over the last `days`, read straight from the emulator. */
async function bankSays(
  harness: BankHarness,
  account: AccountRow,
  path = 'transactions',
  days = 89,
): Promise<BankTx[]> {
  const token = await harness.service.tokens.accessToken(account.connectionId);
  const now = harness.emulator.clock.now();
  const base = `${harness.emulator.dataUrl}/${account.kind === 'card' ? 'cards' : 'accounts'}/${account.accountId}`;
  const query = path === 'transactions' ? `?from=${day(subDays(now, days))}&to=${day(now)}` : '';
  const response = await fetch(`${base}/${path}${query}`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { results: BankTx[] }).results;
}

/** The ledger's view of an account's settled transactions within the same window. */
async function ledger(harness: BankHarness, account: AccountRow, days = 89) {
  const since = day(subDays(harness.emulator.clock.now(), days));
  const rows = await harness.store.bank.rawRows(
    sql`truelayer_transactions r JOIN transactions t ON t.id = r.ledger_transaction_id
        WHERE r.account_id = ${account.id} AND r.booking_date >= ${since}`,
  );
  const pence = rows.map((r) => Math.round(Number(r.amount) * 100));
  return { count: rows.length, pence: pence.reduce((a, b) => a + b, 0) };
}

const ledgerPence = (t: BankTx) => (t.transaction_type === 'CREDIT' ? 1 : -1) * Math.round(Math.abs(t.amount) * 100);
const sum = (txs: BankTx[]) => txs.reduce((a, t) => a + ledgerPence(t), 0);

describe.each(storeTargets)('sync rules ($dialect)', ({ target }) => {
  it('unstable transaction ids and pending-to-settled produce no duplicates and lose nothing', async () => {
    h = await startBankHarness({ target: await target() });
    const id = await h.link();
    const accounts = await h.store.bank.listAccounts(id);
    const totalBefore = await h.store.countTransactions({});

    h.emulator.bank.rehashTransactionIds();
    const current = accounts.find((a) => a.accountType === 'TRANSACTION')!;
    const [pending] = await bankSays(h, current, 'transactions/pending');
    const settled = h.emulator.bank.settlePending(current.accountId, pending!.transaction_id);
    const report = await h.service.sync(id);

    expect(report.transactions.inserted).toBe(1);
    expect(await h.store.countTransactions({})).toBe(totalBefore + 1);
    expect(await h.store.bank.transactions.listPending(current.id)).toHaveLength(1);
    for (const a of accounts) {
      const truth = await bankSays(h, a);
      expect(await ledger(h, a)).toEqual({ count: truth.length, pence: sum(truth) });
    }
    expect(settled.transactionId).not.toBe(pending!.transaction_id);

    // A second sync with nothing new changes nothing.
    const again = await h.service.sync(id);
    expect(again.transactions.inserted).toBe(0);
    expect(again.transactions.updated).toBe(0);
  });

  it("follows the bank's edits but never overwrites the user's", async () => {
    h = await startBankHarness({ target: await target() });
    const id = await h.link();
    const current = (await h.store.bank.listAccounts(id)).find((a) => a.accountType === 'TRANSACTION')!;
    const [first, second] = await h.store.bank.rawRows(
      sql`truelayer_transactions WHERE account_id = ${current.id} ORDER BY booking_date DESC, id LIMIT 2`,
    );
    const firstLedger = Number(first!.ledger_transaction_id);
    const secondLedger = Number(second!.ledger_transaction_id);
    await h.store.updateTransaction(secondLedger, { description: 'My own words', category: 'Health' });

    for (const row of [first!, second!]) {
      h.emulator.bank.editDescription(
        current.accountId,
        { normalisedProviderTransactionId: String(row.normalised_provider_transaction_id) },
        `BANK EDIT ${String(row.id)}`,
      );
    }
    const report = await h.service.sync(id);
    expect(report.transactions.updated).toBe(2);
    expect((await h.store.getTransaction(firstLedger))!.description).toBe(`BANK EDIT ${String(first!.id)}`);
    expect(await h.store.getTransaction(secondLedger)).toMatchObject({
      description: 'My own words',
      category: 'Health',
    });
  });

  it('re-reads the last 14 days, takes the booking date from the timestamp as written, and trusts transaction_type', async () => {
    h = await startBankHarness({ target: await target() });
    const id = await h.link();
    const accounts = await h.store.bank.listAccounts(id);
    const current = accounts.find((a) => a.accountType === 'TRANSACTION')!;
    const card = accounts.find((a) => a.kind === 'card')!;
    const tenDaysAgo = day(subDays(h.emulator.clock.now(), 10));
    // Late in the evening west of Greenwich: a UTC conversion would move it to the next day.
    h.emulator.bank.addTransaction(current.accountId, {
      timestamp: `${tenDaysAgo}T23:30:00-05:00`,
      description: 'POSTED LATE',
      amount: -12.34,
      transactionType: 'DEBIT',
    });
    h.emulator.bank.addTransaction(card.accountId, {
      timestamp: `${tenDaysAgo}T10:00:00Z`,
      description: 'CARD PURCHASE',
      amount: 45.6,
      transactionType: 'DEBIT',
    });
    const report = await h.service.sync(id);
    expect(report.transactions.inserted).toBe(2);
    const late = await h.store.listTransactions({ search: 'POSTED LATE', limit: 5 });
    expect(late.items).toMatchObject([{ date: tenDaysAgo, amountPence: -1234 }]);
    const purchase = await h.store.listTransactions({ search: 'CARD PURCHASE', limit: 5 });
    expect(purchase.items).toMatchObject([{ date: tenDaysAgo, amountPence: -4560 }]);
    const calls = h.emulator.requests().filter((r) => r.path.endsWith('/transactions') && r.query.from);
    const incremental = calls.slice(-3);
    for (const c of incremental) expect(c.query.from! >= day(subDays(h.emulator.clock.now(), 89))).toBe(true);
  });

  it('keeps two identical transactions without provider ids on one day as two, and only two, across syncs', async () => {
    h = await startBankHarness({ target: await target() });
    const id = await h.link();
    const current = (await h.store.bank.listAccounts(id)).find((a) => a.accountType === 'TRANSACTION')!;
    const today = day(h.emulator.clock.now());
    const coffee = {
      timestamp: `${today}T08:15:00Z`,
      description: 'COFFEE SHOP NO IDS',
      amount: -3,
      currency: 'GBP',
      transaction_type: 'DEBIT',
    };
    h.emulator.bank.addVerbatimTransaction(current.accountId, { transaction_id: 'a1', ...coffee });
    h.emulator.bank.addVerbatimTransaction(current.accountId, { transaction_id: 'a2', ...coffee });

    expect((await h.service.sync(id)).transactions.inserted).toBe(2);
    h.emulator.bank.rehashTransactionIds();
    const again = await h.service.sync(id);
    expect(again.transactions.inserted).toBe(0);
    const coffees = await h.store.listTransactions({ search: 'COFFEE SHOP NO IDS', limit: 5 });
    expect(coffees.items.map((t) => t.amountPence)).toEqual([-300, -300]);
  });

  it("a normalised id another account already holds leaves that account's transaction alone", async () => {
    h = await startBankHarness({ target: await target() });
    const id = await h.link();
    const accounts = await h.store.bank.listAccounts(id);
    const current = accounts.find((a) => a.accountType === 'TRANSACTION')!;
    const saver = accounts.find((a) => a.accountType === 'SAVINGS')!;
    const today = day(h.emulator.clock.now());
    const shared = { normalised_provider_transaction_id: 'same-id-at-two-accounts', transaction_type: 'DEBIT' };
    h.emulator.bank.addVerbatimTransaction(current.accountId, {
      ...shared,
      timestamp: `${today}T08:00:00Z`,
      description: 'CURRENT ACCOUNT ONE',
      amount: -1.11,
    });
    h.emulator.bank.addVerbatimTransaction(saver.accountId, {
      ...shared,
      timestamp: `${today}T09:00:00Z`,
      description: 'SAVER ONE',
      amount: -2.22,
    });
    expect((await h.service.sync(id)).transactions.inserted).toBe(2);
    const again = await h.service.sync(id);
    expect(again.transactions).toMatchObject({ inserted: 0, updated: 0 });
    for (const [text, pence] of [
      ['CURRENT ACCOUNT ONE', -111],
      ['SAVER ONE', -222],
    ] as const) {
      expect((await h.store.listTransactions({ search: text, limit: 5 })).items).toMatchObject([
        { amountPence: pence },
      ]);
    }
  });

  it('keeps transactions the bank sends unreadable in the sync log, out of the ledger, and syncs the rest', async () => {
    h = await startBankHarness({ target: await target() });
    const id = await h.link();
    const current = (await h.store.bank.listAccounts(id)).find((a) => a.accountType === 'TRANSACTION')!;
    const before = await h.store.countTransactions({});
    const today = day(h.emulator.clock.now());
    const odd = [
      { transaction_id: 'odd-date', timestamp: '2026-02-30T10:00:00Z', description: 'NO SUCH DAY', amount: -1 },
      { transaction_id: 'odd-amount', timestamp: `${today}T10:00:00Z`, description: 'AMOUNT AS TEXT', amount: '12.34' },
      { transaction_id: 'no-amount', timestamp: `${today}T10:00:00Z`, description: 'NO AMOUNT' },
      { transaction_id: 'huge', timestamp: `${today}T10:00:00Z`, description: 'TOO BIG', amount: 1e13 },
    ];
    for (const item of odd) h.emulator.bank.addVerbatimTransaction(current.accountId, item);
    h.emulator.bank.addTransaction(current.accountId, {
      timestamp: `${today}T09:00:00Z`,
      description: 'READABLE',
      amount: -5,
      transactionType: 'DEBIT',
    });

    const report = await h.service.sync(id);
    expect(report.transactions.inserted).toBe(1);
    expect(report.unreadable).toEqual(odd);
    expect(await h.store.countTransactions({})).toBe(before + 1);
    const connection = await h.store.bank.getConnection(id);
    expect(connection).toMatchObject({ status: 'active', lastError: null });
    const [log] = await h.store.bank.listLogs(id, 1);
    expect(log).toMatchObject({ eventType: 'sync', details: { unreadable: odd } });
  });
});

describe('first sync', () => {
  it('falls back to the last 90 days when the bank refuses deep history (sca_exceeded)', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    // Each account's first (deep) request is refused, as a bank past its SCA window would.
    for (const a of h.emulator.bank.accounts('john')) {
      const path = `/data/v1/${a.kind === 'card' ? 'cards' : 'accounts'}/${a.accountId}/transactions`;
      h.emulator.injectFault({ kind: 'status', status: 403, error: 'sca_exceeded', match: { path } });
    }
    const id = await h.link();
    const linked = h.progress.find((p) => p.phase === 'linked');
    expect(linked && 'report' in linked && linked.report.fallbackTo90Days).toBe(true);
    const from = h.emulator
      .requests()
      .filter((r) => r.path.endsWith('/transactions') && r.status === 200)
      .map((r) => r.query.from);
    expect(from).toHaveLength(3);
    for (const f of from) expect(f).toBe(day(subDays(h.emulator.clock.now(), 89)));
    expect((await h.store.bank.getConnection(id)).status).toBe('active');
  });
});

describe('cancelling a sync', () => {
  it('stops at the next bank call, keeps every row, leaves the bank active and logs it', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link();
    const before = await h.store.countTransactions({});
    h.emulator.injectFault({ kind: 'slow', ms: 120_000, match: { path: /\/balance$/ } });
    h.progress.length = 0;
    const sync = h.service.sync(id);
    await vi.waitFor(() => expect(h!.progress.some((p) => p.phase === 'account')).toBe(true));
    expect(h.service.cancelSync(id)).toBe(true);
    await expect(sync).rejects.toMatchObject({
      code: 'unavailable',
      message: 'Sync cancelled; everything synced before it stopped is kept.',
    });
    expect(await h.store.countTransactions({})).toBe(before);
    expect(await h.store.bank.getConnection(id)).toMatchObject({ status: 'active', lastError: null });
    expect((await h.store.bank.listLogs(id, 1))[0]?.eventType).toBe('sync_cancelled');
    expect(h.service.cancelSync(id)).toBe(false);
    h.emulator.clearFaults();
    await expect(h.service.sync(id)).resolves.toMatchObject({ accounts: 3 });
  });
});
