// Accounts on both dialects: made by hand, by a statement import and by bank sync; their balances
// (the bank's when it reported one, else the exact sum of their rows), the Transactions page's
// account filter and the filtered rows' totals, which must equal a scan of the rows.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';
import { importStatementFile } from '../../main/services/finance/imports/import-statement.js';
import type { BankTransaction } from '../bank/bank-types.js';
import { AppError } from '../errors.js';
import type { Transaction, TransactionFilter } from '../model.js';
import { openStore } from '../open-store.js';
import type { SqlStore } from '../sql-store.js';

function synced(key: string, date: string, description: string, pence: number): BankTransaction {
  return {
    dedupeKey: key,
    transactionId: key,
    providerTransactionId: null,
    timestamp: `${date}T09:00:00Z`,
    bookingDate: date,
    description,
    amountPence: pence,
    ledgerPence: pence,
    currency: 'GBP',
    transactionType: pence < 0 ? 'DEBIT' : 'CREDIT',
    transactionCategory: null,
    merchantName: null,
    runningBalancePence: null,
    metadata: null,
  };
}

async function allRows(store: SqlStore): Promise<Transaction[]> {
  const rows: Transaction[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listTransactions({ limit: 500, cursor });
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(storeTargets)('accounts on $dialect', ({ target }) => {
  let store: SqlStore;
  let dir: string;

  beforeAll(async () => {
    store = await openStore(await target());
    dir = tempDir('accounts');
  });
  afterAll(() => store.close());

  it('makes and renames accounts, refusing a name another has and an account that is not there', async () => {
    const made = await store.accounts.create({ name: '  Joint savings ', kind: 'savings' });
    expect(made).toMatchObject({
      name: 'Joint savings',
      kind: 'savings',
      transactions: 0,
      balancePence: 0,
      balanceFrom: 'transactions',
      lastImportAt: null,
      lastSyncAt: null,
      bank: null,
    });
    expect((await refusal(store.accounts.create({ name: 'Joint savings' }))).code).toBe('conflict');
    expect((await refusal(store.accounts.create({ name: '   ' }))).code).toBe('invalid_input');
    const renamed = await store.accounts.rename({ id: made.id, name: 'Rainy day' });
    expect(renamed).toMatchObject({ id: made.id, name: 'Rainy day', kind: 'savings' });
    expect((await refusal(store.accounts.rename({ id: 999_999, name: 'Nobody' }))).code).toBe('not_found');
    const other = await store.accounts.create({ name: 'Other' });
    expect((await refusal(store.accounts.rename({ id: other.id, name: 'Rainy day' }))).code).toBe('conflict');
  });

  it('puts an entry by hand into the account it names, moves it, and refuses one that does not exist', async () => {
    const cash = await store.accounts.create({ name: 'Cash' });
    const added = await store.addTransaction({
      date: '2025-04-01',
      description: 'WINDOW CLEANER',
      amountPence: -1500,
      accountId: cash.id,
    });
    expect(added.accountId).toBe(cash.id);
    const legacy = await store.addTransaction({ date: '2025-04-02', description: 'OLD ROW', amountPence: -1 });
    expect(legacy.accountId).toBeNull();
    const moved = await store.updateTransaction(legacy.id, { accountId: cash.id });
    expect(moved.accountId).toBe(cash.id);
    expect((await store.accounts.get(cash.id)).balancePence).toBe(-1501);
    const missing = await refusal(
      store.addTransaction({ date: '2025-04-03', description: 'X', amountPence: -1, accountId: 987_654 }),
    );
    expect(missing).toMatchObject({ code: 'not_found', field: 'accountId' });
    expect((await refusal(store.updateTransaction(added.id, { accountId: 987_654 }))).code).toBe('not_found');
    expect((await store.updateTransaction(added.id, { accountId: null })).accountId).toBeNull();
  });

  it('lists a statement account with the exact sum of its rows and when it was last imported', async () => {
    const path = join(dir, 'april.csv');
    writeFileSync(
      path,
      'Date,Description,Amount\n01/04/2025,SALARY,2500.10\n02/04/2025,TESCO,-0.30\n03/04/2025,RENT,-0.20\n',
    );
    await importStatementFile(store, path, { account: 'Santander current' });
    const account = (await store.accounts.list()).find((a) => a.name === 'Santander current');
    expect(account).toMatchObject({
      kind: 'current',
      transactions: 3,
      balancePence: 249_960,
      balanceFrom: 'transactions',
      lastSyncAt: null,
      bank: null,
    });
    expect(account?.lastImportAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('gives each synced account its own account, named after the bank, with the bank’s balance once it reports one', async () => {
    const bank = store.bank;
    const connection = await bank.createConnection({ providerId: 'ob-monzo', providerName: 'Monzo', scope: '' });
    const account = (accountId: string, kind: 'account' | 'card', accountType: string, displayName: string) => ({
      accountId,
      kind,
      accountType,
      displayName,
      currency: 'GBP',
      accountNumber: null,
      providerData: null,
    });
    const ids = await bank.upsertAccounts(connection, [
      account('a1', 'account', 'TRANSACTION', 'Current Account'),
      account('a2', 'account', 'TRANSACTION', 'Current Account'),
      account('s1', 'account', 'SAVINGS', 'Pot'),
      account('c1', 'card', 'CREDIT_CARD', 'Credit Card'),
    ]);
    await bank.transactions.write(ids.get('a1') ?? 0, 'TrueLayer: Monzo', [
      synced('t1', '2025-05-01', 'PRET', -455),
      synced('t2', '2025-05-02', 'REFUND', 1000),
    ]);
    const synced1 = (await store.accounts.list()).filter((a) => a.bank?.connectionId === connection);
    expect(synced1.map((a) => [a.name, a.kind, a.transactions, a.balancePence, a.balanceFrom])).toEqual([
      ['Credit Card (Monzo)', 'credit_card', 0, 0, 'transactions'],
      ['Current Account (Monzo)', 'current', 2, 545, 'transactions'],
      [`Current Account (Monzo) ${ids.get('a2')}`, 'current', 0, 0, 'transactions'],
      ['Pot (Monzo)', 'savings', 0, 0, 'transactions'],
    ]);
    const current = synced1[1]!;
    await bank.addBalance(ids.get('a1') ?? 0, {
      currentPence: 123_456,
      availablePence: 100_000,
      overdraftPence: null,
      currency: 'GBP',
    });
    await bank.markAccountSynced(ids.get('a1') ?? 0, new Date('2025-05-03T10:00:00Z'));
    expect(await store.accounts.get(current.id)).toMatchObject({
      balancePence: 123_456,
      balanceFrom: 'bank',
      lastSyncAt: '2025-05-03T10:00:00Z',
      transactions: 2,
    });
    // The user's name stays through the next sync.
    await store.accounts.rename({ id: current.id, name: 'Monzo main' });
    await bank.upsertAccounts(connection, [account('a1', 'account', 'TRANSACTION', 'Current Account')]);
    expect((await store.accounts.get(current.id)).name).toBe('Monzo main');
    await bank.transactions.write(ids.get('a1') ?? 0, 'TrueLayer: Monzo', [synced('t3', '2025-05-04', 'TFL', -280)]);
    expect((await store.accounts.get(current.id)).transactions).toBe(3);
  });

  it('puts rows synced before their account existed (brought from the old app) into it at the next sync', async () => {
    const connection = await store.bank.createConnection({ providerId: 'ob-old', providerName: 'Old Bank', scope: '' });
    await store.query(
      sql`INSERT INTO truelayer_accounts (connection_id, account_id, kind, display_name) VALUES (${connection}, 'old-1', 'account', 'Joint')`,
    );
    const [ledger] = await store.query(
      sql`INSERT INTO transactions (date, description, amount) VALUES ('2025-03-01', 'OLD SYNCED ROW', -7.5) RETURNING id`,
    );
    await store.query(
      sql`INSERT INTO truelayer_transactions (account_id, normalised_provider_transaction_id, description, amount, ledger_transaction_id)
          SELECT id, 'old-key', 'OLD SYNCED ROW', -7.5, ${Number(ledger?.id)} FROM truelayer_accounts WHERE account_id = 'old-1'`,
    );
    await store.bank.upsertAccounts(connection, [
      {
        accountId: 'old-1',
        kind: 'account',
        accountType: null,
        displayName: 'Joint',
        currency: 'GBP',
        accountNumber: null,
        providerData: null,
      },
    ]);
    const joint = (await store.accounts.list()).find((a) => a.name === 'Joint (Old Bank)');
    expect(joint).toMatchObject({ transactions: 1, balancePence: -750 });
    expect((await store.getTransaction(Number(ledger?.id)))?.accountId).toBe(joint?.id);
  });

  it('filters by account, and the filtered rows’ totals equal a scan of them, to the penny', async () => {
    const everything = await allRows(store);
    const accounts = await store.accounts.list();
    const filters: TransactionFilter[] = [
      {},
      { dateFrom: '2025-04-02', dateTo: '2025-05-02' },
      { categories: ['Groceries'], uncategorised: true },
      ...accounts.map((a) => ({ accountId: a.id })),
      ...accounts.map((a) => ({ accountId: a.id, dateFrom: '2025-04-02', search: 'e' })),
    ];
    for (const filter of filters) {
      const page = await store.listTransactions({ ...filter, limit: 500 });
      const expected = everything.filter((t) => page.items.some((p) => p.id === t.id));
      const spend = expected.filter((t) => t.amountPence < 0).reduce((s, t) => s + t.amountPence, 0);
      const income = expected.filter((t) => t.amountPence > 0).reduce((s, t) => s + t.amountPence, 0);
      expect(await store.totalTransactions(filter)).toEqual({
        count: page.items.length,
        spendPence: spend,
        incomePence: income,
        netPence: spend + income,
      });
      expect(await store.countTransactions(filter)).toBe(page.items.length);
      if (filter.accountId !== undefined) {
        expect(page.items.every((t) => t.accountId === filter.accountId)).toBe(true);
        if (Object.keys(filter).length === 1) {
          const account = accounts.find((a) => a.id === filter.accountId);
          if (account?.balanceFrom === 'transactions') expect(account.balancePence).toBe(spend + income);
          expect(account?.transactions).toBe(page.items.length);
        }
      }
    }
    const cash = accounts.find((a) => a.name === 'Cash');
    expect((await store.listTransactions({ accountId: cash?.id ?? 0 })).items.map((t) => t.description)).toEqual([
      'OLD ROW',
    ]);
  });
});
