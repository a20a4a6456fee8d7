// Two copies on one PostgreSQL: what one writes, the other's listener hears,
// once per statement, only after COMMIT.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { Inbox } from '../../e2e/support/change-inbox.js';
import { createPgDatabase } from '../../e2e/support/test-databases.js';
import { openStore } from '../open-store.js';
import type { SqlStore } from '../sql-store.js';
import { NOTIFIED_TABLES, type StoreChange } from '../store-changes.js';
import { StoreListener } from './store-listener.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function twoCopies(): Promise<{ url: string; a: SqlStore; heard: Inbox<StoreChange> }> {
  const url = await createPgDatabase('listen');
  const a = await openStore(url);
  closers.push(() => a.close());
  const heard = new Inbox<StoreChange>();
  const listener = await StoreListener.start(url, { onChange: heard.push });
  closers.push(() => listener.close());
  return { url, a, heard };
}

const about = (table: string) => (change: StoreChange) => change.kind === 'notification' && change.table === table;

describe('StoreListener', () => {
  it("hears another copy's edit of a transaction, with its id and the store revision", async () => {
    const { a, heard } = await twoCopies();
    const added = await a.addTransaction({ date: '2026-12-01', description: 'Tesco', amountPence: -1250 });
    const insert = await heard.next(about('transactions'));
    expect(insert).toMatchObject({ op: 'insert', count: 1, ids: [added.id] });

    await a.updateTransaction(added.id, { category: 'Groceries' });
    const update = await heard.next(about('transactions'));
    expect(update).toMatchObject({ op: 'update', count: 1, ids: [added.id] });
    expect(update.kind === 'notification' && insert.kind === 'notification' && update.revision > insert.revision).toBe(
      true,
    );
  });

  it('hears categories, keywords, account names and budgets', async () => {
    const { a, heard } = await twoCopies();
    const category = await a.addCategory('Pets');
    expect(await heard.next(about('categories'))).toMatchObject({ op: 'insert', ids: [category.id] });
    await a.addKeyword(category.id, 'vets4pets');
    await heard.next(about('category_keywords'));
    await a.saveAccountMapping({ sortCode: '123456', accountNumber: '12345678', friendlyName: 'Joint' });
    await heard.next(about('account_mappings'));
    await a.reports.setBudget({ category: 'Pets', amountPence: 5000, rollover: false }, '2026-12-07');
    await heard.next(about('budgets'));
  });

  it('sends a count, not ids, for a bulk write, and one notification for the whole statement', async () => {
    const { url, a, heard } = await twoCopies();
    const rows = Array.from({ length: 500 }, (_, i) => ({
      date: '2026-11-01',
      description: `row ${String(i)}`,
      amount: -100,
    }));
    const [written] = await a.bulkInsert([{ table: 'transactions', rows }]);
    expect(written).toBe(500);
    const bulk = await heard.next(about('transactions'));
    expect(bulk).toMatchObject({ op: 'insert', count: 500, ids: null });

    // A statement matching nothing is no change; the next thing heard is the one after it.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`UPDATE transactions SET category = 'x' WHERE false`);
      await client.query(`UPDATE transactions SET category = 'Bills' WHERE description LIKE 'row 1%'`);
    } finally {
      await client.end();
    }
    expect(await heard.next()).toMatchObject({ table: 'transactions', op: 'update', count: 111 });
  });

  it('hears nothing of a transaction rolled back', async () => {
    const { url, heard } = await twoCopies();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO categories (name) VALUES ('Never')`);
      await client.query('ROLLBACK');
      await client.query(`INSERT INTO categories (name) VALUES ('Kept')`);
    } finally {
      await client.end();
    }
    const first = await heard.next();
    expect(first).toMatchObject({ table: 'categories', op: 'insert', count: 1 });
    expect(heard.drain()).toEqual([]);
  });

  it('every table in NOTIFIED_TABLES has its triggers and revision sequence, and no other', async () => {
    const { url } = await twoCopies();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ table: string; n: string }>(
        `SELECT c.relname AS table, count(*) AS n FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          WHERE t.tgname LIKE '%\\_notify\\_%' GROUP BY 1 ORDER BY 1`,
      );
      expect(rows.map((r) => [r.table, Number(r.n)])).toEqual([...NOTIFIED_TABLES].sort().map((table) => [table, 4]));
      const sequences = await client.query<{ name: string }>(
        `SELECT sequencename AS name FROM pg_sequences WHERE sequencename LIKE 'store\\_revision\\_%' ORDER BY 1`,
      );
      expect(sequences.rows.map((r) => r.name)).toEqual([...NOTIFIED_TABLES].map((t) => `store_revision_${t}`).sort());
    } finally {
      await client.end();
    }
  });
});
