// One table of tricky search terms, run on SQLite and on PostgreSQL, through
// the Store and through each of the search's two ways (walking the sort order
// and the search index), over rows written every way a transaction can be:
// before the folded columns existed (filled when the store is upgraded), by the
// Store's add and update, by bank sync's insert and refresh, and by bulk loads
// into an empty and into a filled table. Both dialects must give the same ids.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as sqliteMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import { migrate as pgMigrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../e2e/support/test-databases.js';
import type { BankTransaction } from './bank/bank-types.js';
import { migrationsDir } from './migrations-dir.js';
import { openStore } from './open-store.js';
import { types } from './pg/open-pg.js';
import { foldForSearch } from './search-fold.js';
import { postgresDialect, sqliteDialect } from './sql/dialect.js';
import { indexedSearchQuery, windowedSearchQuery } from './sql/transaction-queries.js';
import type { SqlStore } from './sql-store.js';
import { TABLES } from './table-columns.js';
import { fingerprintTable, type TableFingerprint } from './verify/table-fingerprints.js';
import { tempDir } from '../e2e/support/test-cleanup.js';

interface Text {
  label: string;
  description: string;
  merchant?: string;
}

const TEXTS: Text[] = [
  { label: 'istanbul dotted', description: 'İSTANBUL KEBAB HOUSE', merchant: 'İstanbul Kebab' },
  { label: 'istanbul upper', description: 'ISTANBUL GRILL' },
  { label: 'istanbul lower', description: 'istanbul market' },
  { label: 'istanbul nfd', description: 'I\u0307stanbul Bakery' },
  { label: 'istanbul dotless', description: 'ıstanbul doner' },
  { label: 'café nfc', description: 'Café Rouge' },
  { label: 'café nfd', description: 'Cafe\u0301 Nero' },
  { label: 'café upper', description: 'CAFÉ ROYAL' },
  { label: 'cafe', description: 'Cafe Plain' },
  { label: 'tesco fullwidth', description: 'ＴＥＳＣＯ EXPRESS' },
  { label: 'tesco', description: 'Tesco Stores 2041', merchant: 'Tesco' },
  { label: 'kelvin sign', description: '\u212AELVIN LTD' },
  { label: 'kelvin', description: 'Kelvin Ltd' },
  { label: 'straße', description: 'Straße 12 Kiosk' },
  { label: 'STRASSE', description: 'STRASSE 14' },
  { label: 'STRAẞE', description: 'STRAẞE 16' },
  { label: 'sigma upper', description: 'ΟΔΟΣ Taverna' },
  { label: 'sigma final', description: 'οδος bar' },
  { label: 'sigma medial', description: 'ΟΔΟσ grill' },
  { label: 'pizza', description: 'Pizza 🍕 Place' },
  { label: 'family', description: 'Family 👨‍👩‍👧 Day' },
  { label: 'literal', description: '100%_Pure \\ Juice' },
  { label: 'señor nfc', description: 'Señor Taco' },
  { label: 'señor nfd', description: 'Sen\u0303or Burrito' },
  { label: 'senor', description: 'Senor Plain' },
  { label: 'ﬁsh', description: 'ﬁsh & chips' },
  { label: 'fish', description: 'FISH BAR', merchant: 'Fish' },
];

const ISTANBUL = ['istanbul dotted', 'istanbul upper', 'istanbul lower', 'istanbul nfd', 'istanbul dotless'];
const CAFE = ['café nfc', 'café nfd', 'café upper'];
const STRASSE = ['straße', 'STRASSE', 'STRAẞE'];
const SIGMA = ['sigma upper', 'sigma final', 'sigma medial'];
const SENOR = ['señor nfc', 'señor nfd'];

/** Each term and the rows it must find, by label. */
const TERMS: [term: string, expected: string[]][] = [
  ['İstanbul', ISTANBUL],
  ['istanbul', ISTANBUL],
  ['ISTANBUL', ISTANBUL],
  ['ıstanbul', ISTANBUL],
  ['i\u0307stanbul', ISTANBUL],
  ['café', CAFE],
  ['cafe\u0301', CAFE],
  ['CAFÉ', CAFE],
  // Accents count: cafe is another word.
  ['cafe', ['cafe']],
  ['ｔｅｓｃｏ', ['tesco fullwidth', 'tesco']],
  ['TESCO', ['tesco fullwidth', 'tesco']],
  ['\u212Aelvin', ['kelvin sign', 'kelvin']],
  ['kelvin', ['kelvin sign', 'kelvin']],
  ['straße', STRASSE],
  ['STRASSE', STRASSE],
  ['STRAẞE', STRASSE],
  // One character, no trigram: ß is ss, found in EXPRESS too.
  ['ß', [...STRASSE, 'tesco fullwidth']],
  ['ΟΔΟΣ', SIGMA],
  ['οδος', SIGMA],
  ['ς', SIGMA],
  ['🍕', ['pizza']],
  ['👨‍👩‍👧', ['family']],
  ['%_', ['literal']],
  ['\\', ['literal']],
  ['0%_p', ['literal']],
  ['señor', SENOR],
  ['SEN\u0303OR', SENOR],
  ['ñ', SENOR],
  ['ﬁsh', ['ﬁsh', 'fish']],
  ['fish', ['ﬁsh', 'fish']],
  // A lone combining mark: the texts hold it composed into é and ñ.
  ['\u0301', []],
  ['qz', []],
];

/** A copy of this dialect's migrations that stops before the folded columns (0007). */
function migrationsBeforeFolding(dialect: 'sqlite' | 'pg'): string {
  const dir = join(tempDir('migrations'), dialect);
  cpSync(migrationsDir(dialect), dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag === '0007_folded_search_text'),
  );
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

/** Columns later migrations added: category_source (rules, 0008), and the statement imports' (0009). */
const LATER_COLUMNS = new Set(['category_source', 'account_id', 'import_id', 'statement_import_id']);

/** The transactions' columns before rules (0008) and statement imports (0009). */
const TRANSACTIONS_BEFORE_RULES = {
  ...TABLES.transactions,
  columns: Object.fromEntries(Object.entries(TABLES.transactions.columns).filter(([name]) => !LATER_COLUMNS.has(name))),
};

/**
 * A store as the previous version left it: schema 0005, `texts` written
 * without folded columns. Resolves to its transactions' fingerprint.
 */
async function previousVersionStore(
  dialect: 'sqlite' | 'postgres',
  target: string,
  texts: Text[],
): Promise<TableFingerprint> {
  const insert = (t: Text) =>
    sql`INSERT INTO transactions (date, description, amount, merchant)
        VALUES ('2024-01-01', ${t.description}, -1, ${t.merchant ?? null})`;
  if (dialect === 'sqlite') {
    const db = new Database(target);
    try {
      const orm = sqliteDrizzle({ client: db });
      sqliteMigrate(orm, { migrationsFolder: migrationsBeforeFolding('sqlite') });
      for (const t of texts) orm.run(insert(t));
      return await fingerprintTable((query) => Promise.resolve(orm.all(query)), TRANSACTIONS_BEFORE_RULES);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target, types });
  await client.connect();
  try {
    const orm = pgDrizzle({ client });
    await pgMigrate(orm, { migrationsFolder: migrationsBeforeFolding('pg') });
    for (const t of texts) await orm.execute(insert(t));
    return await fingerprintTable(async (query) => (await orm.execute(query)).rows, TRANSACTIONS_BEFORE_RULES);
  } finally {
    await client.end();
  }
}

function bankTransaction(key: string, description: string, merchant: string | null): BankTransaction {
  return {
    dedupeKey: key,
    transactionId: key,
    providerTransactionId: null,
    timestamp: '2024-02-01T00:00:00Z',
    bookingDate: '2024-02-01',
    description,
    amountPence: -100,
    ledgerPence: -100,
    currency: 'GBP',
    transactionType: 'DEBIT',
    transactionCategory: null,
    merchantName: merchant,
    runningBalancePence: null,
    metadata: null,
  };
}

/** Writes each text by one of the ways a transaction reaches the table, in turn. */
async function writeEveryWay(store: SqlStore, texts: Text[]): Promise<void> {
  const ways = ['add', 'update', 'bank', 'bulk'] as const;
  const by = (way: (typeof ways)[number]) => texts.filter((_, i) => ways[i % ways.length] === way);
  for (const t of by('add'))
    await store.addTransaction({
      date: '2024-03-01',
      description: t.description,
      amountPence: -1,
      merchant: t.merchant,
    });
  for (const t of by('update')) {
    const added = await store.addTransaction({ date: '2024-03-02', description: 'placeholder', amountPence: -1 });
    await store.updateTransaction(added.id, { description: t.description, merchant: t.merchant ?? null });
  }
  const connection = await store.bank.createConnection({ providerId: 'ob-test', providerName: null, scope: 'x' });
  const accounts = await store.bank.upsertAccounts(connection, [
    {
      accountId: 'a',
      kind: 'account',
      accountType: null,
      displayName: null,
      currency: 'GBP',
      accountNumber: null,
      providerData: null,
    },
  ]);
  const account = accounts.get('a') ?? 0;
  const bank = by('bank');
  // First as the bank first sent them, then with the text it sends now: the ledger rows follow (refresh).
  await store.bank.transactions.write(
    account,
    'bank',
    bank.map((t, i) => bankTransaction(`k${i}`, `pending ${i}`, t.merchant ?? null)),
  );
  await store.bank.transactions.write(
    account,
    'bank',
    bank.map((t, i) => bankTransaction(`k${i}`, t.description, t.merchant ?? null)),
  );
  await store.bulkInsert([
    {
      table: 'transactions',
      rows: by('bulk').map((t) => ({
        date: '2024-03-03',
        description: t.description,
        amount: -1,
        merchant: t.merchant ?? null,
      })),
    },
  ]);
}

const SCENARIOS = [
  {
    name: 'a store upgraded from the previous version, then written every way',
    async build(dialect: 'sqlite' | 'postgres', target: string): Promise<SqlStore> {
      const half = Math.ceil(TEXTS.length / 2);
      await previousVersionStore(dialect, target, TEXTS.slice(0, half));
      const store = await openStore(target);
      await writeEveryWay(store, TEXTS.slice(half));
      return store;
    },
  },
  {
    name: 'a bulk load into an empty store (demo data, moves, legacy import)',
    async build(_dialect: 'sqlite' | 'postgres', target: string): Promise<SqlStore> {
      const store = await openStore(target);
      await store.bulkInsert([
        {
          table: 'transactions',
          rows: TEXTS.map((t) => ({
            date: '2024-04-01',
            description: t.description,
            amount: -1,
            merchant: t.merchant ?? null,
          })),
        },
      ]);
      return store;
    },
  },
];

/** Per scenario and term, the ids each dialect found. */
const found = new Map<string, Map<string, number[]>>();

describe.each(SCENARIOS)('search over $name', (scenario) => {
  describe.each(storeTargets)('on $dialect', ({ dialect, target }) => {
    let store: SqlStore;
    let labels: Map<number, string>;
    const d = dialect === 'sqlite' ? sqliteDialect : postgresDialect;

    beforeAll(async () => {
      store = await scenario.build(dialect, await target());
      const rows = await store.query(sql`SELECT id, description FROM transactions`);
      const byDescription = new Map(TEXTS.map((t) => [t.description, t.label]));
      labels = new Map(rows.map((r) => [Number(r.id), byDescription.get(String(r.description)) ?? '?']));
    });
    afterAll(() => store.close());

    it('keeps every row’s folded columns equal to the fold of its text', async () => {
      const rows = await store.query(
        sql`SELECT description, merchant, description_folded, merchant_folded FROM transactions`,
      );
      expect(rows).toHaveLength(TEXTS.length);
      for (const r of rows) {
        expect(r.description_folded).toBe(foldForSearch(r.description as string));
        expect(r.merchant_folded).toBe(r.merchant === null ? null : foldForSearch(r.merchant as string));
      }
    });

    it.each(TERMS)('%j finds %j, by the Store, by walking and by the index', async (term, expected) => {
      const named = (ids: number[]) => ids.map((id) => labels.get(id)).sort();
      const ids = (rows: Record<string, unknown>[]) => rows.map((r) => Number(r.id)).sort((a, b) => a - b);
      const query = { search: term, sort: 'date', direction: 'desc', limit: 100 } as const;

      const listed: number[] = [];
      let cursor: string | null = null;
      do {
        // Pages of 2: the first look fills some pages, the index answers the others.
        const page = await store.listTransactions({ search: term, limit: 2, cursor });
        listed.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor;
      } while (cursor);
      const walked = ids(await store.query(windowedSearchQuery(d, query, 1_000_000)));
      const indexed = ids(await store.query(indexedSearchQuery(d, query)));

      expect(named(listed)).toEqual([...expected].sort());
      expect(walked).toEqual([...listed].sort((a, b) => a - b));
      expect(indexed).toEqual(walked);
      expect(await store.countTransactions({ search: term })).toBe(expected.length);
      const key = `${scenario.name} ${term}`;
      (found.get(key) ?? found.set(key, new Map()).get(key))?.set(dialect, walked);
    });
  });
});

describe.each(storeTargets)('upgrading a store on $dialect', ({ dialect, target }) => {
  const schemaObjects = (s: SqlStore) =>
    dialect === 'sqlite'
      ? s.query(sql`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name`)
      : s.query(sql`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public'
                      UNION ALL SELECT tgname, tgenabled::text FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`);
  let fresh: SqlStore;
  beforeAll(async () => {
    fresh = await openStore(await target());
    await fresh.bulkInsert([
      {
        table: 'transactions',
        rows: TEXTS.map((t) => ({ date: '2024-01-01', description: t.description, amount: -100 })),
      },
    ]);
  });
  afterAll(() => fresh.close());

  it('fills the folded columns and leaves indexes, triggers, totals and checksums as a new store has them', async () => {
    const upgradedTarget = await target();
    const before = await previousVersionStore(dialect, upgradedTarget, TEXTS);
    const upgraded = await openStore(upgradedTarget);

    expect(await schemaObjects(upgraded)).toEqual(await schemaObjects(fresh));
    expect(await upgraded.query(sql`SELECT key FROM app_meta WHERE key = 'search_fold'`)).toEqual([]);
    expect(await upgraded.monthlyStats({})).toEqual(await fresh.monthlyStats({}));
    // Moves, backups and verify see the same data as before: the folded columns are not theirs.
    expect(await fingerprintTable((query) => upgraded.query(query), TRANSACTIONS_BEFORE_RULES)).toEqual(before);
    expect(await upgraded.countTransactions({ search: 'ß' })).toBe(4);
    await upgraded.close();
  });

  it.runIf(dialect === 'postgres')('still builds the indexes a crashed move left to build', async () => {
    const url = await target();
    await previousVersionStore(dialect, url, TEXTS);
    // What a move killed between its COMMIT and its index builds leaves: the note, and the index missing.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_transactions_date'`,
    );
    await client.query('DROP INDEX idx_transactions_date');
    const note = `spending:pending-indexes:${JSON.stringify(rows.map((r) => r.indexdef))}`;
    await client.query(`COMMENT ON TABLE transactions IS '${note}'`);
    await client.end();
    const upgraded = await openStore(url);
    expect(await schemaObjects(upgraded)).toEqual(await schemaObjects(fresh));
    await upgraded.close();
  });
});

describe('both dialects', () => {
  it('found the same ids for every term', () => {
    expect(found.size).toBe(SCENARIOS.length * TERMS.length);
    for (const byDialect of found.values()) expect(byDialect.get('sqlite')).toEqual(byDialect.get('postgres'));
  });
});

describe('the SQLite trigram index', () => {
  it('is what the index path uses for every term of three or more folded characters', () => {
    for (const [term] of TERMS) {
      const long = Array.from(foldForSearch(term)).length >= 3;
      expect(sqliteDialect.searchCandidates(foldForSearch(term)) !== undefined).toBe(long);
    }
  });
});
