// Moving a store SQLite -> PostgreSQL -> SQLite on real databases: every
// table, every kind of value, exact; and every refusal leaves the target as it was.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createPgDatabase, tempSqlitePath } from '../../e2e/support/test-databases.js';
import { seedDemo } from '../../main/services/demo/seed-demo.js';
import { openStore, type StoreTarget } from '../open-store.js';
import type { SqlStore } from '../sql-store.js';
import { moveStore } from './move-store.js';
import { verifyStores } from './verify-stores.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';

const sqlite = (path = tempSqlitePath()): StoreTarget => ({ kind: 'sqlite', path });
const postgres = async (): Promise<StoreTarget> => ({ kind: 'postgres', url: await createPgDatabase('move') });

/** Demo data plus rows in every other table, with JSON, booleans, timestamps and awkward text. */
async function richStore(transactions = 1_200): Promise<StoreTarget> {
  const target = sqlite();
  const store = await openStore(target);
  await seedDemo(store, { transactions, seed: 9 });
  await fill(store);
  await store.close();
  return target;
}

async function fill(store: SqlStore) {
  await store.query(sql`INSERT INTO bank_connections (id, user_id, provider_id, provider_name, access_token, connection_status, created_at)
    VALUES (7, 1, 'ob-monzo', 'Monzo', 'gAAAAABfernet-token', 'active', '2026-01-02 03:04:05.123456')`);
  await store.query(sql`INSERT INTO truelayer_accounts (id, connection_id, account_id, display_name, currency, account_number_json, provider_data)
    VALUES (3, 7, 'acc-1', 'Current ''joint'' account', 'GBP', ${JSON.stringify({ sort_code: '040004', number: '12345678', iban: null })}, ${JSON.stringify({ b: [1, 2.5, 'x'], a: { nested: true } })})`);
  await store.query(sql`INSERT INTO truelayer_transactions (account_id, transaction_id, normalised_provider_transaction_id, timestamp, description, amount, currency, transaction_type, running_balance)
    VALUES (3, 'tx-1', 'norm-1', '2026-03-04T10:11:12+01:00', 'Café «Zoë» 🍕 tab\there', -12.34, 'GBP', 'DEBIT', 1000.01)`);
  await store.query(
    sql`INSERT INTO webhook_events (event_id, event_type, payload, processed) VALUES ('ev-1', 'sync', '{"z":1,"a":[true,null]}', 1)`,
  );
  await store.query(sql`INSERT INTO categories (name) VALUES ('Pets')`);
}

describe('moving a store', () => {
  it('copies SQLite to PostgreSQL and back, every table identical, links and sequences intact', async () => {
    const from = await richStore();
    const pg = await postgres();
    const progress: number[] = [];
    const there = await moveStore({ from, to: pg, onProgress: (p) => progress.push(p.done) });
    expect(there.ok).toBe(true);
    expect(Object.values(there.tables).every((t) => t.checksumMatch && t.read === t.written)).toBe(true);
    expect(there.tables.transactions).toMatchObject({ read: 1_200, written: 1_200, rejected: 0 });
    expect(there.checks.every((c) => c.match)).toBe(true);
    expect(progress.at(-1)).toBe(there.rows);

    const back = sqlite();
    const returned = await moveStore({ from: pg, to: back });
    expect(returned.ok).toBe(true);

    const [a, b, c] = await Promise.all(
      [from, pg, back].map(async (t) => {
        const s = await openStore(t);
        const f = await s.fingerprints();
        await s.close();
        return f;
      }),
    );
    expect(b).toEqual(a);
    expect(c).toEqual(a);

    // The next insert after a move gets a fresh id (sequences were moved past the copied ids).
    const store = await openStore(pg);
    const added = await store.addTransaction({ date: '2026-11-25', description: 'After the move', amountPence: -1 });
    expect(added.id).toBe(1_201);
    const [token] = (await store.query(sql`SELECT access_token FROM bank_connections WHERE id = 7`)) as {
      access_token: string;
    }[];
    expect(token?.access_token).toBe('gAAAAABfernet-token');
    await store.close();
  });

  it('is a no-op the second time, and refuses a target holding other data unless told to replace it', async () => {
    const from = await richStore(300);
    const to = await postgres();
    expect((await moveStore({ from, to })).alreadyDone).toBe(false);
    const again = await moveStore({ from, to });
    expect(again).toMatchObject({ ok: true, alreadyDone: true, rows: 0 });

    const other = await richStore(200);
    await expect(moveStore({ from: other, to })).rejects.toThrow('already holds other data');
    const replaced = await moveStore({ from: other, to, replace: true });
    expect(replaced.tables.transactions?.written).toBe(200);
  });

  it('verifies a dry run and rolls it back', async () => {
    const from = await richStore(300);
    const to = sqlite();
    const report = await moveStore({ from, to, dryRun: true });
    expect(report).toMatchObject({ ok: true, dryRun: true });
    const store = await openStore(to);
    expect(await store.countTransactions({})).toBe(0);
    await store.close();
  });

  it('leaves the target exactly as it was when cancelled part way', async () => {
    const from = await richStore(3_000);
    const to = await postgres();
    const target = await openStore(to);
    await target.addTransaction({ date: '2026-01-01', description: 'Already here', amountPence: 500 });
    const before = await target.fingerprints();
    const controller = new AbortController();
    const moving = moveStore({
      from,
      to,
      replace: true,
      signal: controller.signal,
      onProgress: (p) => p.table === 'transactions' && controller.abort(),
    });
    await expect(moving).rejects.toThrow('Cancelled; the target is as it was.');
    expect(await target.fingerprints()).toEqual(before);
    await target.close();
  });

  it('leaves a new target it was cancelled on an empty store that can be moved and compared', async () => {
    const from = await richStore(3_000);
    const to = await postgres();
    const controller = new AbortController();
    const moving = moveStore({
      from,
      to,
      signal: controller.signal,
      onProgress: (p) => p.table === 'transactions' && controller.abort(),
    });
    await expect(moving).rejects.toThrow('Cancelled; the target is as it was.');
    expect(await verifyStores(to, to)).toMatchObject({ ok: true });
  });

  it('refuses a source that is not a Spending store, and the same store as both ends', async () => {
    const empty = sqlite();
    const { default: Database } = await import('better-sqlite3');
    new Database(empty.kind === 'sqlite' ? empty.path : '').exec('CREATE TABLE t (x)');
    await expect(moveStore({ from: empty, to: sqlite() })).rejects.toThrow('is not a Spending store');
    const one = await richStore(10);
    await expect(moveStore({ from: one, to: one })).rejects.toThrow('the same store');
    const link = join(tempDir('link'), 'link.sqlite');
    symlinkSync(one.kind === 'sqlite' ? one.path : '', link);
    await expect(moveStore({ from: one, to: sqlite(link) })).rejects.toThrow('the same store');
  });
});

describe('indexes built after the commit', () => {
  it('exist once a move to PostgreSQL returns, and a crash before they were built is repaired at the next open', async () => {
    const from = await richStore(500);
    const to = await postgres();
    await moveStore({ from, to });
    const indexes = async (store: SqlStore) =>
      (
        (await store.query(sql`SELECT indexname FROM pg_indexes WHERE tablename = 'transactions' ORDER BY 1`)) as {
          indexname: string;
        }[]
      ).map((r) => r.indexname);
    const store = await openStore(to);
    const all = await indexes(store);
    expect(all).toEqual(expect.arrayContaining(['idx_transactions_date', 'idx_transactions_description_trgm']));
    // What a crash between the COMMIT and the builds leaves: the note, and the indexes missing.
    const [definition] = (await store.query(
      sql`SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_transactions_date'`,
    )) as { indexdef: string }[];
    await store.query(sql`DROP INDEX idx_transactions_date`);
    await store.query(
      sql.raw(`COMMENT ON TABLE transactions IS 'spending:pending-indexes:${JSON.stringify([definition?.indexdef])}'`),
    );
    await store.close();
    const reopened = await openStore(to);
    expect(await indexes(reopened)).toEqual(all);
    const [note] = (await reopened.query(
      sql`SELECT obj_description('transactions'::regclass, 'pg_class') AS note`,
    )) as { note: string | null }[];
    expect(note?.note).toBeNull();
    await reopened.close();
  });
});
