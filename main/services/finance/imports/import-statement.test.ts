// Statement files into a real store on both dialects: preview, import, what
// counts as already there, rules on arrival, and undo back to the exact
// store. The files themselves are never changed.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../../../e2e/support/test-databases.js';
import { tempDir } from '../../../../e2e/support/test-cleanup.js';
import { AppError } from '../../../../db/errors.js';
import { openStore } from '../../../../db/open-store.js';
import type { SqlStore } from '../../../../db/sql-store.js';
import { importStatementFile } from './import-statement.js';

const CSV_HEADER = 'Date,Description,Amount\r\n';

describe.each(storeTargets)('statement imports on $dialect', ({ target }) => {
  let store: SqlStore;
  let dir: string;
  /** Writes a file into the test's folder; returns its path. */
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const rows = async (where = sql`1 = 1`) =>
    (await store.query(
      sql`SELECT date, description, amount, category, category_source, source_file, import_id,
            (SELECT name FROM accounts a WHERE a.id = t.account_id) AS account
          FROM transactions t WHERE ${where} ORDER BY id`,
    )) as Record<string, unknown>[];

  beforeAll(async () => {
    store = await openStore(await target());
    dir = tempDir('statements');
  });
  afterAll(() => store.close());

  it('previews without writing, then imports: two identical coffees on one day stay two; a re-import adds nothing', async () => {
    const path = file(
      'march.csv',
      CSV_HEADER +
        '01/03/2025,COSTA COFFEE,-3.10\r\n' +
        '01/03/2025,COSTA COFFEE,-3.10\r\n' +
        '02/03/2025,"TESCO STORES 3297, LONDON",-42.17\r\n' +
        '31/02/2025,NOT A DAY,-1.00\r\n',
    );
    const before = readFileSync(path);
    const preview = await importStatementFile(store, path, { account: 'Santander current', dryRun: true });
    expect(preview).toMatchObject({
      added: 3,
      duplicates: 0,
      unreadable: [{ line: 5, reason: 'the date "31/02/2025" does not exist' }],
      importIds: [],
      dryRun: true,
    });
    expect(await rows()).toEqual([]);
    expect(await store.accounts.list()).toEqual([]);

    const done = await importStatementFile(store, path, { account: 'Santander current' });
    expect(done).toMatchObject({ format: 'csv', added: 3, duplicates: 0, dryRun: false });
    expect(done.importIds).toHaveLength(1);
    const stored = await rows(sql`source_file = 'march.csv'`);
    expect(stored.map((r) => [r.date, r.description, r.account, r.import_id])).toEqual([
      ['2025-03-01', 'COSTA COFFEE', 'Santander current', null],
      ['2025-03-01', 'COSTA COFFEE', 'Santander current', null],
      ['2025-03-02', 'TESCO STORES 3297, LONDON', 'Santander current', null],
    ]);
    // Sorted by the rules as they arrived.
    expect(stored.map((r) => [r.category, r.category_source])).toEqual([
      ['Dining', 'rule'],
      ['Dining', 'rule'],
      ['Groceries', 'rule'],
    ]);
    expect(await store.accounts.list()).toMatchObject([
      { name: 'Santander current', kind: 'current', transactions: 3 },
    ]);

    const again = await importStatementFile(store, path, { account: 'Santander current' });
    expect(again).toMatchObject({ added: 0, duplicates: 3 });
    // A later, overlapping statement: its 2 March row is there already; a third coffee on 1 March is new.
    const later = file(
      'march-later.csv',
      CSV_HEADER +
        '01/03/2025,Costa  Coffee,-3.10\r\n' +
        '01/03/2025,COSTA COFFEE,-3.10\r\n' +
        '01/03/2025,COSTA COFFEE,-3.10\r\n' +
        '02/03/2025,TESCO STORES 3297 LONDON,-42.17\r\n' +
        '03/03/2025,RENT,-950.00\r\n',
    );
    expect(await importStatementFile(store, later, { account: 'Santander current' })).toMatchObject({
      added: 2,
      duplicates: 3,
    });
    expect(await rows(sql`source_file = 'march-later.csv'`)).toMatchObject([
      { date: '2025-03-01', description: 'COSTA COFFEE' },
      { date: '2025-03-03', description: 'RENT' },
    ]);
    expect(readFileSync(path).equals(before)).toBe(true);
    const listed = await store.imports.list();
    expect(listed.map((i) => [i.fileName, i.account, i.added, i.duplicates])).toEqual([
      ['march-later.csv', 'Santander current', 2, 3],
      ['march.csv', 'Santander current', 0, 3],
      ['march.csv', 'Santander current', 3, 0],
    ]);
    expect(listed[2]?.sha256).toBe(createHash('sha256').update(before).digest('hex'));
    expect(listed[2]?.unreadable).toEqual([{ line: 5, reason: 'the date "31/02/2025" does not exist' }]);
  });

  it('recognises an OFX row by its FITID even when the bank changed its text; same amounts in another account are new', async () => {
    const ofx = (name: string) =>
      `OFXHEADER:100\r\nDATA:OFXSGML\r\n\r\n<OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>GBP<CCACCTFROM><ACCTID>4111</CCACCTFROM><BANKTRANLIST>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250410<TRNAMT>-19.99<FITID>F-1<NAME>${name}</STMTTRN>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250410<TRNAMT>-19.99<FITID>F-2<NAME>${name}</STMTTRN>
</BANKTRANLIST></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>`;
    const first = await importStatementFile(store, file('card.ofx', ofx('NETFLIX.COM')), { account: 'Amex' });
    expect(first).toMatchObject({ format: 'ofx', added: 2, duplicates: 0 });
    expect((await store.accounts.list()).find((a) => a.name === 'Amex')).toMatchObject({ kind: 'credit_card' });
    expect(await rows(sql`source_file = 'card.ofx'`)).toMatchObject([
      { import_id: 'F-1', account: 'Amex' },
      { import_id: 'F-2', account: 'Amex' },
    ]);
    const renamed = await importStatementFile(store, file('card2.ofx', ofx('NETFLIX.COM AMSTERDAM')), {
      account: 'Amex',
    });
    expect(renamed).toMatchObject({ added: 0, duplicates: 2 });
    // The same card rows in another account are that account's own.
    expect(await importStatementFile(store, file('card3.ofx', ofx('NETFLIX.COM')), { account: 'Visa' })).toMatchObject({
      added: 2,
      duplicates: 0,
    });
  });

  it('recognises a row that already arrived through bank sync, under the bank feed’s shorter text', async () => {
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
    const synced = (key: string, description: string, pence: number) => ({
      dedupeKey: key,
      transactionId: key,
      providerTransactionId: null,
      timestamp: '2025-05-06T00:00:00Z',
      bookingDate: '2025-05-06',
      description,
      amountPence: pence,
      ledgerPence: pence,
      currency: 'GBP',
      transactionType: pence < 0 ? 'DEBIT' : 'CREDIT',
      transactionCategory: 'PURCHASE',
      merchantName: null,
      runningBalancePence: null,
      metadata: null,
    });
    await bank.transactions.write(ids.get('acc-1') ?? 0, 'TrueLayer: Mock', [
      synced('b1', 'SAINSBURYS S/MKTS', -2345),
      synced('b2', 'SHELL', -5000),
    ]);
    const path = file(
      'may.csv',
      'Date,Details,Money out,Money in\n' +
        '06/05/2025,CARD PAYMENT TO SAINSBURYS S/MKTS ON 05-05-2025,23.45,\n' +
        '06/05/2025,SHELL,50.00,\n' +
        '06/05/2025,SHELL,50.00,\n',
    );
    const preview = await store.imports.preview([
      {
        fileName: 'may.csv',
        sha256: 'x',
        format: 'csv',
        account: { name: 'Santander current' },
        rows: [
          {
            line: 2,
            date: '2025-05-06',
            description: 'CARD PAYMENT TO SAINSBURYS S/MKTS ON 05-05-2025',
            amountPence: -2345,
          },
        ],
        unreadable: [],
      },
    ]);
    expect(preview[0]?.duplicates).toMatchObject([{ line: 2, by: 'bank sync' }]);
    expect(await importStatementFile(store, path, { account: 'Santander current' })).toMatchObject({
      added: 1,
      duplicates: 2,
    });
  });

  it('undoes an import as a whole: the store is exactly as it was, the account it made gone too', async () => {
    const before = await store.fingerprints();
    const path = file(
      'june.qif',
      '!Account\nNJoint\nTBank\n^\n!Type:Bank\nD01/06/2025\nT-12.00\nPTFL TRAVEL\n^\nD02/06/2025\nT1,500.00\nPSALARY\n^\n',
    );
    const result = await importStatementFile(store, path);
    expect(result).toMatchObject({ format: 'qif', added: 2 });
    expect((await store.accounts.list()).map((a) => a.name)).toContain('Joint');
    expect(await store.fingerprints()).not.toEqual(before);
    const [importId] = result.importIds;
    expect(await store.imports.undo(importId ?? 0)).toEqual({ importId, removed: 2, accountRemoved: 'Joint' });
    expect(await store.fingerprints()).toEqual(before);
    await expect(store.imports.undo(importId ?? 0)).rejects.toMatchObject({
      code: 'not_found',
      message: `No statement import with id ${importId}.`,
    });
  });

  it('writes nothing for a file it cannot read, and says why', async () => {
    const before = await store.fingerprints();
    const error: unknown = await importStatementFile(store, file('bad.csv', 'Name,Email\nAda,a@b\n')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/^The columns of bad.csv were not recognised/);
    await expect(importStatementFile(store, join(dir, 'missing.csv'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: `${join(dir, 'missing.csv')} does not exist.`,
    });
    expect(await store.fingerprints()).toEqual(before);
  });
});
