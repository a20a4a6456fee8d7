// Old databases with what hand edits and half-finished migrations leave
// behind, into SQLite and PostgreSQL stores: every row imported as it is,
// imported with a recorded fix, or quarantined with its exact original, and
// nothing else, on both stores alike.
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  buildBadRowsDb,
  buildBadRowsPostgres,
  buildMovedUserPostgres,
  buildOddTablesDb,
  buildValuesDb,
  HOSTILE_BYTES,
} from '../../e2e/support/legacy-hostile-db.js';
import { createPgDatabase, storeTargets } from '../../e2e/support/test-databases.js';
import { AppError } from '../errors.js';
import { openStore, parseStoreTarget, type StoreTarget } from '../open-store.js';
import type { SqlStore as Store } from '../sql-store.js';
import { importLegacy, type LegacyReport } from './import-legacy.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';

const file = (name: string) => join(tempDir('hostile'), name);
const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
// Typed so asymmetric matchers can sit inside object literals.
const containing = (text: string): unknown => expect.stringContaining(text);
const objectContaining = (object: Record<string, unknown>): unknown => expect.objectContaining(object);
const arrayContaining = (array: unknown[]): unknown => expect.arrayContaining(array);

async function withStore<T>(to: StoreTarget, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(to);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Rule 3 and the import's own checks, for every table. */
function expectAccounted(report: LegacyReport): void {
  expect(report.ok).toBe(true);
  for (const [table, t] of Object.entries(report.tables)) {
    expect(t.read, table).toBe(t.written + t.rejected);
    expect(t.checksumMatch, table).toBe(true);
  }
}

async function fixesIn(store: Store) {
  const rows = (await store.query(
    sql`SELECT table_name, row_id, column_name, original_value, fixed_value, reason FROM import_fixes`,
  )) as {
    table_name: string;
    row_id: string;
    column_name: string;
    original_value: string | null;
    fixed_value: string | null;
    reason: string;
  }[];
  return new Map(rows.map((r) => [`${r.table_name}:${r.row_id}:${r.column_name}`, r]));
}

async function rejectsIn(store: Store) {
  const rows = (await store.query(sql`SELECT source_table, source_id, reason, original FROM import_rejects`)) as {
    source_table: string;
    source_id: string | null;
    reason: string;
    original: unknown;
  }[];
  return new Map(
    rows.map((r) => [
      `${r.source_table}:${String(r.source_id)}`,
      { ...r, original: json(r.original) as Record<string, unknown> },
    ]),
  );
}

describe.each(storeTargets)('hostile old databases into $dialect', ({ target }) => {
  it('keeps text byte for byte and records every value it changes', async () => {
    const source = file('finance.db');
    buildValuesDb(source);
    const to = parseStoreTarget(await target());

    const report = await importLegacy({ source, target: to });

    expectAccounted(report);
    expect(report.tables.transactions).toMatchObject({ read: 12, rejected: 2 });
    await withStore(to, async (store) => {
      const fixes = await fixesIn(store);
      const rejects = await rejectsIn(store);
      const described = Object.fromEntries(
        (
          (await store.query(sql`SELECT id, description, amount, huququllah_classification FROM transactions`)) as {
            id: number;
            description: string;
            amount: number | string;
            huququllah_classification: string | null;
          }[]
        ).map((r) => [r.id, r]),
      );
      const bytesOf = (key: string) => {
        const fix = fixes.get(key);
        expect(fix?.reason, key).toContain('base64');
        return Buffer.from(fix?.original_value ?? '', 'base64')
          .toString('hex')
          .toUpperCase();
      };

      // Not UTF-8: stored with U+FFFD, the exact bytes recorded.
      expect(described[1]?.description).toBe('Hé\uFFFD\uFFFD\uFFFDllo');
      expect(bytesOf('transactions:1:description')).toBe(HOSTILE_BYTES.invalidUtf8);
      // A BLOB of UTF-8 is its text, not '{"type":"Buffer",...}'.
      expect(described[2]?.description).toBe('Café');
      expect(bytesOf('transactions:2:description')).toBe(HOSTILE_BYTES.blobUtf8);
      // A real U+FFFD is text like any other: nothing to record.
      expect(described[3]?.description).toBe('Real \uFFFD kept');
      expect(fixes.has('transactions:3:description')).toBe(false);
      // NUL, which PostgreSQL cannot store: the same on both stores, the bytes recorded.
      expect(described[4]?.description).toBe('nul\uFFFDbyt');
      expect(bytesOf('transactions:4:description')).toBe(HOSTILE_BYTES.nul);
      expect(described[5]?.huququllah_classification).toBeNull();
      expect(bytesOf('transactions:5:huququllah_classification')).toBe(HOSTILE_BYTES.huququllah);
      expect(described[12]?.description).toBe('Café');
      expect(fixes.has('transactions:12:description')).toBe(false);

      // Numbers written as text: read exactly and recorded, or quarantined.
      expect(rejects.get('transactions:6')).toMatchObject({ reason: containing('not a number') });
      expect(rejects.get('transactions:6')?.original).toMatchObject({ amount: '0x10' });
      expect(rejects.get('transactions:11')?.original).toMatchObject({ date: '20240111' });
      const pence = (id: number) => Math.round(Number(described[id]?.amount) * 100);
      expect([7, 8, 9, 10].map(pence)).toEqual([10000, 1250, 1235, -750]);
      expect(fixes.get('transactions:7:amount')).toMatchObject({ original_value: '1e2', fixed_value: '10000' });
      expect(fixes.get('transactions:8:amount')).toMatchObject({ original_value: ' 12.5 ', fixed_value: '1250' });
      expect(fixes.get('transactions:9:amount')).toMatchObject({ original_value: '12.345', fixed_value: '1235' });
      expect(fixes.has('transactions:10:amount')).toBe(false);

      // Yes/no and counts that are neither: left empty, with the original.
      const categories = Object.fromEntries(
        (
          (await store.query(sql`SELECT name, ai_suggested FROM categories`)) as {
            name: string;
            ai_suggested: unknown;
          }[]
        ).map((c) => [c.name, c.ai_suggested === null ? null : Number(c.ai_suggested)]),
      );
      expect(categories).toMatchObject({ Pets: null, Kids: 1, Gifts: null, Garden: 1 });
      const categoryFixes = [...fixes.values()].filter((f) => f.table_name === 'categories');
      expect(categoryFixes.map((f) => [f.original_value, f.fixed_value]).sort()).toEqual([
        ['2', null],
        ['maybe', null],
        ['true', '1'],
      ]);
      const counts = (await store.query(sql`SELECT id, item_count FROM apple_transactions ORDER BY id`)) as {
        item_count: number | null;
      }[];
      expect(counts.map((c) => c.item_count)).toEqual([null, null, 3]);
      expect(fixes.get('apple_transactions:1:item_count')).toMatchObject({ original_value: 'many', fixed_value: null });
      expect(fixes.get('apple_transactions:2:item_count')).toMatchObject({ original_value: '9007199254740993' });

      // Ids past what a store holds: quarantined, never rounded (…993 is not …992).
      expect(rejects.get('amazon_orders:9007199254740993')?.original).toMatchObject({
        id: { $integer: '9007199254740993' },
        order_id: 'O-big-2',
      });
      expect(rejects.get('amazon_orders:9007199254740992')?.reason).toContain('beyond the highest id');
      expect(bytesOf('amazon_orders:5:product_names')).toBe(HOSTILE_BYTES.productNames);
    });
  });

  it('quarantines a bad row instead of failing the import', async () => {
    const source = file('finance.db');
    buildBadRowsDb(source);
    const to = parseStoreTarget(await target());

    const report = await importLegacy({ source, target: to });

    expectAccounted(report);
    const reasons = Object.fromEntries(report.rejects.map((r) => [`${r.table}:${String(r.id)}`, r.reason]));
    expect(reasons).toEqual({
      'transactions:3': containing('already belongs to an earlier transactions row'),
      'transactions:abc': containing('not a whole number'),
      'transactions:9007199254740993': containing('beyond the highest id'),
      'transactions:9007199254740992': containing('beyond the highest id'),
      'amazon_orders:2': containing('order_id "O-1" already belongs to an earlier row'),
      'amazon_transaction_matches:1': containing('match_confidence "abc" is not a number'),
      'apple_transaction_matches:1': containing('confidence "high" is not a whole number'),
    });
    await withStore(to, async (store) => {
      const rows = (await store.query(sql`SELECT id, description FROM transactions ORDER BY id`)) as {
        id: number;
        description: string;
      }[];
      // The first row with an id keeps it; a row without one takes the next after every id the table uses.
      expect(rows.map((r) => [r.id, r.description])).toEqual([
        [1, 'Id 1'],
        [3, 'First with id 3'],
        [12, 'Id 12 as text'],
        [13, 'No id'],
      ]);
      const fixes = await fixesIn(store);
      expect(fixes.get('transactions:13:id')).toMatchObject({ original_value: null, fixed_value: '13' });
      const links = (await store.query(sql`SELECT bank_transaction_id FROM apple_transaction_matches`)) as {
        bank_transaction_id: number;
      }[];
      expect(links.map((l) => l.bank_transaction_id)).toEqual([12]);
      const added = await store.addTransaction({ date: '2026-01-01', description: 'Next', amountPence: -1 });
      expect(added.id).toBe(14);
    });
  });

  it('keeps odd columns and every readable table, and says what it left out', async () => {
    const source = file('finance.db');
    buildOddTablesDb(source);
    const to = parseStoreTarget(await target());

    const report = await importLegacy({ source, target: to });

    expectAccounted(report);
    expect(Object.fromEntries(report.extras.map((e) => [e.table, e.rows]))).toEqual({
      transactions: 1,
      notes: 1,
      settings: 2,
      shadowed: 1,
      search: 2,
    });
    expect(report.skipped).toEqual(
      arrayContaining([
        { table: 'spending', reason: containing('view') },
        { table: 'search_data', reason: containing('search') },
        { table: 'plugin_rows', reason: containing('no such module') },
      ]),
    );
    await withStore(to, async (store) => {
      const extras = (await store.query(sql`SELECT source_table, source_id, data FROM legacy_extras`)) as {
        source_table: string;
        source_id: string | null;
        data: unknown;
      }[];
      const data = (table: string) => extras.filter((e) => e.source_table === table).map((e) => json(e.data));
      expect(data('transactions')).toEqual([
        { __rowid: 'kept', 'we"ird (name)': 'q"uote', select: 'keyword', 'with space': 7 },
      ]);
      expect(data('notes')).toEqual([{ id: 1, __rowid: 'mine', body: 'a note' }]);
      expect(data('settings')).toEqual([
        { key: 'rows', value: 50 },
        { key: 'theme', value: 'dark' },
      ]);
      expect(data('shadowed')).toEqual([{ rowid: 'r1', x: 'x1' }]);
      expect(data('search')).toEqual([{ body: 'full text' }, { body: 'more text' }]);
      expect((await store.getTransaction(1))?.description).toBe('Odd columns');
    });
  });

  it('names the table and column when a known table lacks one it needs', async () => {
    const source = file('finance.db');
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(source);
    db.exec(`CREATE TABLE transactions (id INTEGER PRIMARY KEY, date TEXT, description TEXT, "amount (GBP)" REAL);
      INSERT INTO transactions VALUES (1, '2024-01-01', 'x', 1)`);
    db.close();
    const to = parseStoreTarget(await target());

    const error = await importLegacy({ source, target: to }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect((error as AppError).message).toMatch(/transactions table .* has no "amount" column.*"amount \(GBP\)"/);
  });

  it('reads every row of an old PostgreSQL table whose ids are missing or repeat', async () => {
    const legacy = await createPgDatabase('legacy');
    const { rows } = await buildBadRowsPostgres(legacy);
    const to = parseStoreTarget(await target());

    const report = await importLegacy({ source: legacy, target: to });

    expectAccounted(report);
    expect(report.tables.transactions).toMatchObject({ read: rows, rejected: 1 });
    expect(report.rejects).toEqual([{ table: 'transactions', id: 5000, reason: containing('already belongs') }]);
    expect(report.fixes).toEqual(
      arrayContaining([
        objectContaining({ table: 'transactions', id: 5002, column: 'id', original: null }),
        objectContaining({
          table: 'apple_transactions',
          column: 'item_count',
          original: '9007199254740993',
        }),
      ]),
    );
  });

  it("links the old app's default user's bank connections to the store's own user, in states the app knows", async () => {
    const legacy = await createPgDatabase('legacy');
    await buildMovedUserPostgres(legacy);
    const to = parseStoreTarget(await target());
    await withStore(to, () => Promise.resolve()); // a store made by the app has its default user (id 1)

    const report = await importLegacy({ source: legacy, target: to });

    expectAccounted(report);
    await withStore(to, async (store) => {
      const [user] = (await store.query(sql`SELECT id FROM users`)) as { id: number }[];
      const connections = (await store.query(
        sql`SELECT user_id, connection_status FROM bank_connections ORDER BY id`,
      )) as { user_id: number; connection_status: string }[];
      expect(connections).toEqual([
        { user_id: user?.id, connection_status: 'active' },
        { user_id: user?.id, connection_status: 'authorization_required' },
        { user_id: user?.id, connection_status: 'authorization_required' },
      ]);
      const fixes = await fixesIn(store);
      expect(fixes.get('bank_connections:1:user_id')).toMatchObject({
        original_value: '7',
        fixed_value: String(user?.id),
      });
      expect(fixes.get('bank_connections:2:connection_status')).toMatchObject({ original_value: null });
      expect(fixes.get('bank_connections:3:connection_status')).toMatchObject({ original_value: 'revoked' });
    });
  });
});
