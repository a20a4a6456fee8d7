// One contract, both dialects: every test here runs against a SQLite temp
// file and against a database on a real PostgreSQL server.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../e2e/support/test-databases.js';
// Deterministic, so a failure reproduces.
import { seededRandom } from '../main/services/demo/demo-data.js';
import { AppError } from './errors.js';
import {
  DEFAULT_CATEGORIES,
  type NewTransaction,
  type SortDirection,
  type SortKey,
  type Transaction,
  type TransactionFilter,
} from './model.js';
import { openStore } from './open-store.js';
import { ConstraintError } from './sql/executor.js';
import type { SqlStore } from './sql-store.js';

const MERCHANTS = ['Tesco', 'TESCO Express', 'Sainsbury’s', 'Pret A Manger', 'TfL', 'Amazon', '100%_Pure', null];
const CATEGORIES = ['Groceries', 'Dining', 'Transport', 'Shopping', 'Other', null];

function sampleTransactions(count: number, seed: number): NewTransaction[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const merchant = pick(MERCHANTS);
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    // Few distinct dates and amounts, so ties exercise the id tie-breaker.
    const amountPence = pick([-1, -99, -1250, -1250, -4599, 0, 150000, -100000001, 999_999_999_999]);
    return {
      date: `${2022 + (i % 3)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      description: `${merchant ?? 'Cash'} purchase #${i}${i % 17 === 0 ? ' 50% off' : ''}`,
      amountPence,
      category: pick(CATEGORIES),
      merchant,
    };
  });
}

function matches(t: Transaction, f: TransactionFilter): boolean {
  if (f.search) {
    const needle = f.search.toLowerCase();
    const hay = [t.description, t.merchant ?? ''].map((s) => s.toLowerCase());
    if (!hay.some((s) => s.includes(needle))) return false;
  }
  if (f.dateFrom && t.date < f.dateFrom) return false;
  if (f.dateTo && t.date > f.dateTo) return false;
  // 'Other' is a category like any other; '' (from other tools' data) means none, as NULL does.
  const uncategorised = t.category === null || t.category === '';
  const inCategories = f.categories?.length ? f.categories.includes(t.category ?? '\u0000') : undefined;
  if (inCategories !== undefined || f.uncategorised) {
    if (!((inCategories ?? false) || (f.uncategorised && uncategorised))) return false;
  }
  if (f.minAmountPence !== undefined && t.amountPence < f.minAmountPence) return false;
  if (f.maxAmountPence !== undefined && t.amountPence > f.maxAmountPence) return false;
  if (f.merchant && t.merchant !== f.merchant) return false;
  return true;
}

function sorted(list: Transaction[], sort: SortKey, direction: SortDirection): Transaction[] {
  const key = (t: Transaction) => (sort === 'date' ? t.date : t.amountPence);
  const sign = direction === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
    return (a.id - b.id) * sign;
  });
}

/** Adds a sample; a £0 one (banks send them) is added as 1p and set to £0, as only new manual entries refuse £0. */
async function addSample(store: SqlStore, t: NewTransaction): Promise<Transaction> {
  if (t.amountPence !== 0) return store.addTransaction(t);
  const added = await store.addTransaction({ ...t, amountPence: 1 });
  return store.updateTransaction(added.id, { amountPence: 0 });
}

async function expectAppError(promise: Promise<unknown>, code: AppError['code']): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe.each(storeTargets)('Store contract on $dialect', ({ dialect, target }) => {
  let store: SqlStore;
  let all: Transaction[];

  beforeAll(async () => {
    store = await openStore(await target());
    all = [];
    for (const t of sampleTransactions(240, 7)) all.push(await addSample(store, t));
  });
  afterAll(() => store.close());

  it('reports its dialect and seeds the nine default categories and the default user', async () => {
    expect(store.dialect).toBe(dialect);
    const categories = await store.listCategories();
    expect(categories.map((c) => c.name)).toEqual([...DEFAULT_CATEGORIES]);
    expect(categories.every((c) => c.isDefault)).toBe(true);
    const users = await store.query(sql`SELECT email FROM users`);
    expect(users.map((u) => u.email)).toEqual(['default@local.app']);
    const info = await store.info();
    expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(info.storeId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps its identity and data when reopened, without seeding twice', async () => {
    const t = await target();
    const first = await openStore(t);
    const { storeId } = await first.info();
    const added = await first.addTransaction({ date: '2024-01-02', description: 'x', amountPence: -5 });
    await first.close();
    const again = await openStore(t);
    expect((await again.info()).storeId).toBe(storeId);
    expect(await again.getTransaction(added.id)).toEqual(added);
    expect(await again.listCategories()).toHaveLength(DEFAULT_CATEGORIES.length);
    await again.close();
  });

  it('round-trips money exactly to the penny, at the limits too', async () => {
    for (const amountPence of [-1, 1, -10, 30, -999_999_999_999, 999_999_999_999, 0, 12_345_678_901]) {
      const t = await addSample(store, { date: '2020-02-29', description: 'edge', amountPence });
      expect(t.amountPence).toBe(amountPence);
      expect((await store.getTransaction(t.id))?.amountPence).toBe(amountPence);
      await store.deleteTransaction(t.id);
    }
  });

  it('keeps text byte for byte', async () => {
    const description = `Café “quotes” 'single' \\ back\nnew line 🍕 ${'long '.repeat(2000)}`;
    const t = await store.addTransaction({ date: '2024-03-01', description, amountPence: -1 });
    expect((await store.getTransaction(t.id))?.description).toBe(description);
    await store.deleteTransaction(t.id);
  });

  it('refuses invalid transactions with a clear message and writes nothing', async () => {
    const before = await store.countTransactions({});
    const bad = await expectAppError(
      store.addTransaction({ date: '2023-02-30', description: 'x', amountPence: 1 }),
      'invalid_input',
    );
    expect(bad.field).toBe('date');
    expect(bad.message).toBe('Not a real calendar date');
    const zero = await expectAppError(
      store.addTransaction({ date: '2023-02-01', description: 'x', amountPence: 0 }),
      'invalid_input',
    );
    expect([zero.field, zero.message]).toEqual(['amountPence', 'Enter an amount other than £0.00']);
    const reserved = await expectAppError(
      store.addTransaction({ date: '2023-02-01', description: 'x', amountPence: -1, category: 'uncategorised' }),
      'invalid_input',
    );
    expect(reserved.message).toContain('means no category');
    await expectAppError(
      store.addTransaction({ date: '2023-02-01', description: '  ', amountPence: 1 }),
      'invalid_input',
    );
    await expectAppError(
      store.addTransaction({ date: '2023-02-01', description: 'x', amountPence: 0.5 }),
      'invalid_input',
    );
    expect(await store.countTransactions({})).toBe(before);
  });

  it('edits and deletes transactions; unknown ids are not_found', async () => {
    const t = await store.addTransaction({ date: '2024-05-05', description: 'Coffee', amountPence: -320 });
    const edited = await store.updateTransaction(t.id, { category: 'Dining', amountPence: -330, merchant: 'Pret' });
    expect(edited).toMatchObject({
      id: t.id,
      category: 'Dining',
      amountPence: -330,
      merchant: 'Pret',
      description: 'Coffee',
    });
    expect(await store.updateTransaction(t.id, {})).toEqual(edited);
    const cleared = await store.updateTransaction(t.id, { category: null });
    expect(cleared.category).toBeNull();
    await store.deleteTransaction(t.id);
    expect(await store.getTransaction(t.id)).toBeNull();
    await expectAppError(store.deleteTransaction(t.id), 'not_found');
    await expectAppError(store.updateTransaction(t.id, { category: 'Dining' }), 'not_found');
  });

  const orders: [SortKey, SortDirection][] = [
    ['date', 'desc'],
    ['date', 'asc'],
    ['amount', 'desc'],
    ['amount', 'asc'],
  ];
  it.each(orders)('pages by %s %s: every row exactly once, in order', async (sort, direction) => {
    const seen: Transaction[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await store.listTransactions({ sort, direction, limit: 37, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(all.length / 37));
    expect(seen.map((t) => t.id)).toEqual(sorted(all, sort, direction).map((t) => t.id));
  });

  it.each(orders)('jumps to any position by %s %s, from the top or after a cursor', async (sort, direction) => {
    const expected = sorted(all, sort, direction).map((t) => t.id);
    for (const offset of [0, 1, 100, all.length - 3, all.length, all.length + 50]) {
      const page = await store.listTransactions({ sort, direction, limit: 10, offset });
      expect(page.items.map((t) => t.id)).toEqual(expected.slice(offset, offset + 10));
      expect(page.nextCursor !== null).toBe(offset + 10 < all.length);
    }
    const first = await store.listTransactions({ sort, direction, limit: 37 });
    const after = await store.listTransactions({ sort, direction, limit: 20, cursor: first.nextCursor, offset: 63 });
    expect(after.items.map((t) => t.id)).toEqual(expected.slice(100, 120));
  });

  it.each<TransactionFilter>([{ search: 'tesco' }, { search: '50%' }, { categories: ['Groceries', 'Dining'] }])(
    'jumps to any position among the rows %j matches',
    async (filter) => {
      const expected = sorted(
        all.filter((t) => matches(t, filter)),
        'amount',
        'asc',
      ).map((t) => t.id);
      for (const offset of [1, Math.floor(expected.length / 2), expected.length - 1]) {
        const page = await store.listTransactions({ ...filter, sort: 'amount', direction: 'asc', limit: 5, offset });
        expect(page.items.map((t) => t.id)).toEqual(expected.slice(offset, offset + 5));
      }
    },
  );

  const filters: TransactionFilter[] = [
    { search: 'tesco' },
    { search: 'TESCO' },
    { search: '50%' },
    { search: '_' },
    { search: 'sainsbury’s' },
    { search: 'no such thing' },
    { search: 'say "hi" AND' },
    { dateFrom: '2023-03-01', dateTo: '2023-06-30' },
    { categories: ['Groceries', 'Dining'] },
    { uncategorised: true },
    { categories: ['Transport'], uncategorised: true },
    { minAmountPence: -1250, maxAmountPence: 0 },
    { minAmountPence: 1 },
    { merchant: 'Amazon' },
    { search: 'purchase', categories: ['Shopping'], dateFrom: '2024-01-01', maxAmountPence: -99 },
  ];
  it.each(filters)('filters %j like the reference and counts the same', async (filter) => {
    const expected = sorted(
      all.filter((t) => matches(t, filter)),
      'date',
      'desc',
    );
    const seen: Transaction[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.listTransactions({ ...filter, limit: 50, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((t) => t.id)).toEqual(expected.map((t) => t.id));
    expect(await store.countTransactions(filter)).toBe(expected.length);
  });

  it('refuses a range that ends before it starts, naming the end', async () => {
    for (const filter of [
      { dateFrom: '2024-02-01', dateTo: '2024-01-31' },
      { minAmountPence: -100, maxAmountPence: -200 },
    ]) {
      const refusal = await expectAppError(store.listTransactions(filter), 'invalid_input');
      expect(refusal.field).toBe('dateTo' in filter ? 'dateTo' : 'maxAmountPence');
      await expectAppError(store.countTransactions(filter), 'invalid_input');
      await expectAppError(store.monthlyStats(filter), 'invalid_input');
    }
    expect(await store.countTransactions({ dateFrom: '2024-01-31', dateTo: '2024-01-31' })).toBeGreaterThanOrEqual(0);
  });

  it('means one thing by uncategorised: no category, NULL or empty text; Other is a category', async () => {
    const s = await openStore(await target());
    const none = await s.addTransaction({ date: '2024-04-01', description: 'none', amountPence: -100 });
    const blank = await s.addTransaction({
      date: '2024-04-02',
      description: 'blank',
      amountPence: -200,
      category: ' ',
    });
    const other = await s.addTransaction({
      date: '2024-04-03',
      description: 'other',
      amountPence: -400,
      category: 'Other',
    });
    expect([none.category, blank.category]).toEqual([null, null]);
    // Text from elsewhere (the old app, other tools) may hold '' itself.
    const [legacy] = await s.query(
      sql`INSERT INTO transactions (date, description, amount, category) VALUES ('2024-04-04', 'legacy', -0.08, '') RETURNING id`,
    );
    expect((await s.updateTransaction(other.id, { category: '' })).category).toBeNull();
    await s.updateTransaction(other.id, { category: 'Other' });

    const ids = (page: { items: Transaction[] }) => page.items.map((t) => t.id).sort((a, b) => a - b);
    expect(ids(await s.listTransactions({ uncategorised: true }))).toEqual([none.id, blank.id, Number(legacy!.id)]);
    expect(ids(await s.listTransactions({ categories: ['Other'] }))).toEqual([other.id]);
    expect(await s.countTransactions({ uncategorised: true })).toBe(3);
    const stats = await s.categoryStats({});
    expect(stats.map((c) => [c.category, c.count, c.spendPence])).toEqual([
      ['Other', 1, -400],
      [null, 3, -308],
    ]);
    expect((await s.categoryStats({ uncategorised: true })).map((c) => c.category)).toEqual([null]);
    expect(await s.categoryStats({ dateFrom: '2024-04-02', dateTo: '2024-04-04', uncategorised: true })).toEqual([
      { category: null, count: 2, spendPence: -208, incomePence: 0 },
    ]);
    await s.close();
  });

  it('refuses a cursor from another sort order or a forged one', async () => {
    const page = await store.listTransactions({ sort: 'date', limit: 5 });
    await expectAppError(store.listTransactions({ sort: 'amount', cursor: page.nextCursor }), 'invalid_input');
    await expectAppError(store.listTransactions({ cursor: 'bm9wZQ' }), 'invalid_input');
  });

  const statFilters: TransactionFilter[] = [
    {},
    { dateFrom: '2022-06-01' },
    { dateFrom: '2022-06-13', dateTo: '2024-02-10' },
    { dateFrom: '2023-03-05', dateTo: '2023-03-09' },
    { categories: ['Dining', 'Transport'], uncategorised: true, dateTo: '2023-11-30' },
    { search: 'tesco', minAmountPence: -5000 },
  ];
  it.each(statFilters)('aggregates %j per category and per month exactly', async (filter) => {
    type Sums = { count: number; spend: number; income: number };
    const byCategory = new Map<string | null, Sums>();
    const byMonth = new Map<string, Sums>();
    const add = <K>(map: Map<K, Sums>, key: K, t: Transaction) => {
      const s = map.get(key) ?? { count: 0, spend: 0, income: 0 };
      s.count++;
      if (t.amountPence < 0) s.spend += t.amountPence;
      else s.income += t.amountPence;
      map.set(key, s);
    };
    for (const t of all.filter((t) => matches(t, filter))) {
      add(byCategory, t.category || null, t);
      add(byMonth, t.date.slice(0, 7), t);
    }
    const categories = await store.categoryStats(filter);
    const asSums = (c: { count: number; spendPence: number; incomePence: number }) => ({
      count: c.count,
      spend: c.spendPence,
      income: c.incomePence,
    });
    expect(new Map(categories.map((c) => [c.category, asSums(c)]))).toEqual(byCategory);
    expect(categories.map((c) => c.spendPence)).toEqual([...categories.map((c) => c.spendPence)].sort((a, b) => a - b));
    const months = await store.monthlyStats(filter);
    expect(months.map((m) => m.month)).toEqual([...byMonth.keys()].sort());
    expect(new Map(months.map((m) => [m.month, asSums(m)]))).toEqual(byMonth);
  });

  it('keeps the running totals exact through edits, moves between months and deletes', async () => {
    const s = await openStore(await target());
    const random = seededRandom(99);
    const rows: Transaction[] = [];
    for (const t of sampleTransactions(60, 3)) rows.push(await addSample(s, t));
    for (let i = 0; i < 80; i++) {
      const victim = rows[Math.floor(random() * rows.length)]!;
      const action = random();
      if (action < 0.5) {
        const patch = {
          category: random() < 0.3 ? null : CATEGORIES[Math.floor(random() * CATEGORIES.length)]!,
          amountPence: Math.round((random() - 0.7) * 100_000),
          date: `202${Math.floor(random() * 4)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
        };
        rows[rows.indexOf(victim)] = await s.updateTransaction(victim.id, patch);
      } else if (action < 0.8) {
        await s.deleteTransaction(victim.id);
        rows.splice(rows.indexOf(victim), 1);
      } else {
        rows.push(await addSample(s, sampleTransactions(1, i)[0]!));
      }
    }
    const expected = new Map<string, number>();
    for (const t of rows) expected.set(t.date.slice(0, 7), (expected.get(t.date.slice(0, 7)) ?? 0) + t.amountPence);
    const months = await s.monthlyStats({});
    expect(new Map(months.map((m) => [m.month, m.spendPence + m.incomePence]))).toEqual(expected);
    const categories = await s.categoryStats({});
    expect(categories.reduce((n, c) => n + c.count, 0)).toBe(rows.length);
    await s.close();
  });

  it('manages categories: add, conflict, rename carries transactions and keywords, delete leaves them uncategorised', async () => {
    const pets = await store.addCategory('  Pets ');
    expect(pets).toMatchObject({ name: 'Pets', isDefault: false, keywords: [] });
    await expectAppError(store.addCategory('Pets'), 'conflict');
    const withKeyword = await store.addKeyword(pets.id, 'PetsAtHome');
    expect(withKeyword.keywords).toEqual([
      { id: expect.any(Number) as number, keyword: 'petsathome', alsoIn: [], wins: true },
    ]);
    await expectAppError(store.addKeyword(pets.id, 'petsathome'), 'conflict');
    const t = await store.addTransaction({
      date: '2024-01-01',
      description: 'Food',
      amountPence: -900,
      category: 'Pets',
    });

    const renamed = await store.renameCategory(pets.id, 'Animals');
    expect(renamed.keywords.map((k) => k.keyword)).toEqual(['petsathome']);
    expect((await store.getTransaction(t.id))?.category).toBe('Animals');
    expect((await store.renameCategory(pets.id, 'ANIMALS')).name).toBe('ANIMALS');

    await store.removeKeyword(renamed.keywords[0]!.id);
    await expectAppError(store.removeKeyword(renamed.keywords[0]!.id), 'not_found');

    expect(await store.deleteCategory(pets.id)).toEqual({ moved: 1 });
    expect((await store.getTransaction(t.id))?.category).toBeNull();
    expect((await store.listCategories()).map((c) => c.name)).not.toContain('ANIMALS');
    await store.deleteTransaction(t.id);
  });

  it('keeps category names unique ignoring capitals, and refuses the words that mean none or all', async () => {
    const coffee = await store.addCategory('Coffee');
    for (const name of ['coffee', 'COFFEE', ' Coffee ']) {
      const refusal = await expectAppError(store.addCategory(name), 'conflict');
      expect(refusal.message).toBe('There is already a category called “Coffee”.');
    }
    await expectAppError(store.addCategory('groceries'), 'conflict');
    const tea = await store.addCategory('Tea');
    await expectAppError(store.renameCategory(tea.id, 'cOFFEE'), 'conflict');
    // Accents count, and a composed é equals a decomposed one.
    const cafe = await store.addCategory('Café');
    await expectAppError(store.addCategory('Cafe\u0301'), 'conflict');
    expect((await store.addCategory('Cafe')).name).toBe('Cafe');
    for (const name of ['Uncategorised', 'uncategorized', 'ALL', 'Any', 'none']) {
      const refusal = await expectAppError(store.addCategory(name), 'invalid_input');
      expect(refusal.message).toMatch(/^“.+” means (no|any|every) category in Spending; choose another name$/);
      await expectAppError(store.renameCategory(tea.id, name), 'invalid_input');
    }
    for (const c of await store.listCategories())
      if (['Coffee', 'Tea', 'Café', 'Cafe'].includes(c.name)) await store.deleteCategory(c.id);
    expect(coffee.id).not.toBe(cafe.id);
  });

  it('gives a keyword one category: another is refused, saying where it is, unless moved', async () => {
    const list = await store.listCategories();
    const groceries = list.find((c) => c.name === 'Groceries')!;
    const transport = list.find((c) => c.name === 'Transport')!;
    await store.addKeyword(groceries.id, 'Tesco');
    const refusal = await expectAppError(store.addKeyword(transport.id, 'TESCO'), 'conflict');
    expect(refusal.message).toBe('“tesco” is already a keyword of Groceries, so it sorts transactions there.');
    expect(refusal.remedy).toBe('Move it to Transport instead, or leave it where it is.');
    const moved = await store.addKeyword(transport.id, 'tesco', { move: true });
    expect(moved.keywords.map((k) => k.keyword)).toEqual(['tesco']);
    const after = await store.listCategories();
    expect(after.find((c) => c.id === groceries.id)!.keywords).toEqual([]);

    // Stores from the old app can hold a keyword twice: the one added last wins, and both say so.
    await store.query(sql`INSERT INTO category_keywords (category_name, keyword) VALUES ('Groceries', 'tesco')`);
    const both = await store.listCategories();
    expect(both.find((c) => c.id === transport.id)!.keywords).toMatchObject([{ alsoIn: ['Groceries'], wins: false }]);
    expect(both.find((c) => c.id === groceries.id)!.keywords).toMatchObject([{ alsoIn: ['Transport'], wins: true }]);
    for (const c of both) for (const k of c.keywords) if (k.keyword === 'tesco') await store.removeKeyword(k.id);
  });

  it('refuses a category or keyword that differs from one it has only in case, width or Unicode spelling', async () => {
    const cafe = await store.addCategory('Café');
    for (const lookAlike of ['Cafe\u0301', 'CAFÉ', 'ＣＡＦＥ\u0301'])
      expect((await expectAppError(store.addCategory(lookAlike), 'conflict')).message).toContain('“Café”');
    await expectAppError(store.addCategory('groceries'), 'conflict');
    await expectAppError(store.renameCategory(cafe.id, 'GROCERIES'), 'conflict');
    // Its own name in other letters is a rename, not a clash.
    expect((await store.renameCategory(cafe.id, 'CAFÉ')).name).toBe('CAFÉ');

    const withKeyword = await store.addKeyword(cafe.id, 'Straße Café');
    expect(withKeyword.keywords.map((k) => k.keyword)).toEqual(['strasse café']);
    for (const same of ['STRASSE CAFÉ', 'strasse cafe\u0301'])
      await expectAppError(store.addKeyword(cafe.id, same), 'conflict');
    await store.deleteCategory(cafe.id);
  });

  it('protects the built-in categories', async () => {
    const groceries = (await store.listCategories()).find((c) => c.name === 'Groceries')!;
    await expectAppError(store.deleteCategory(groceries.id), 'protected');
    await expectAppError(store.renameCategory(groceries.id, 'Food'), 'protected');
    await expectAppError(store.deleteCategory(999_999), 'not_found');
  });

  it('names accounts: normalises input, refuses duplicates and bad numbers', async () => {
    const saved = await store.saveAccountMapping({
      sortCode: '12-34-56',
      accountNumber: '1234 5678',
      friendlyName: 'Joint',
    });
    expect(saved).toMatchObject({ sortCode: '123456', accountNumber: '12345678', friendlyName: 'Joint' });
    await expectAppError(
      store.saveAccountMapping({ sortCode: '123456', accountNumber: '12345678', friendlyName: 'Again' }),
      'conflict',
    );
    await expectAppError(
      store.saveAccountMapping({ sortCode: '12345', accountNumber: '12345678', friendlyName: 'x' }),
      'invalid_input',
    );
    const updated = await store.saveAccountMapping({ ...saved, friendlyName: 'Joint account' });
    expect(await store.listAccountMappings()).toEqual([updated]);
    await store.deleteAccountMapping(saved.id);
    expect(await store.listAccountMappings()).toEqual([]);
    await expectAppError(store.deleteAccountMapping(saved.id), 'not_found');
  });

  it('bulk-inserts with explicit ids and the next insert takes the next id', async () => {
    const s = await openStore(await target());
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      id: 10 + i * 3,
      date: '2021-07-01',
      description: `bulk "${i}", with, commas`,
      amount: -i,
      category: i % 2 ? 'Groceries' : null,
      merchant: i % 3 ? 'Tesco' : '',
      source_file: null,
      huququllah_classification: null,
    }));
    expect(await s.bulkInsert([{ table: 'transactions', rows }])).toEqual([1000]);
    const next = await s.addTransaction({ date: '2021-07-02', description: 'after', amountPence: -1 });
    expect(next.id).toBe(10 + 999 * 3 + 1);
    const sample = await s.getTransaction(10 + 5 * 3);
    expect(sample).toMatchObject({
      description: 'bulk "5", with, commas',
      amountPence: -5,
      category: 'Groceries',
      merchant: 'Tesco',
    });
    expect((await s.getTransaction(10))?.merchant).toBe('');
    // The search index and running totals are right after the load, and keep up afterwards.
    expect(await s.countTransactions({ search: 'WITH, COMMAS' })).toBe(1000);
    expect((await s.listTransactions({ search: 'after' })).items.map((t) => t.id)).toEqual([next.id]);
    const totals = await s.categoryStats({});
    expect(totals.reduce((n, c) => n + c.count, 0)).toBe(1001);
    expect(totals.find((c) => c.category === 'Groceries')).toMatchObject({ count: 500, spendPence: -(1 + 999) * 250 });
    // A second load into a non-empty table goes through the row triggers.
    await s.bulkInsert([
      {
        table: 'transactions',
        rows: [{ date: '2021-08-01', description: 'second load', amount: -7, category: 'Groceries' }],
      },
    ]);
    expect(await s.countTransactions({ search: 'second load' })).toBe(1);
    expect((await s.categoryStats({ categories: ['Groceries'] }))[0]).toMatchObject({ count: 501 });
    await s.close();
  });

  it('leaves indexes and triggers exactly as the migrations made them after a fast load', async () => {
    const s = await openStore(await target());
    const fingerprint = () =>
      dialect === 'sqlite'
        ? s.query(sql`SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name`)
        : s.query(sql`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public'
                      UNION ALL SELECT tgname, tgenabled::text FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`);
    const before = await fingerprint();
    await s.bulkInsert([{ table: 'transactions', rows: [{ date: '2020-01-01', description: 'x', amount: -1 }] }]);
    expect(await fingerprint()).toEqual(before);
    expect(before.length).toBeGreaterThan(10);
    await s.close();
  });

  it('enforces foreign keys and cascades matches when a transaction goes', async () => {
    const s = await openStore(await target());
    const t = await s.addTransaction({ date: '2024-02-02', description: 'Amazon', amountPence: -1999 });
    const order = {
      id: 1,
      order_id: '202-1',
      order_date: '2024-02-01',
      website: 'amazon.co.uk',
      currency: 'GBP',
      total_owed: 1999,
      product_names: 'Book',
    };
    await s.bulkInsert([{ table: 'amazon_orders', rows: [order] }]);
    const missing = await s
      .bulkInsert([
        {
          table: 'amazon_transaction_matches',
          rows: [{ transaction_id: 424242, amazon_order_id: 1, match_confidence: 0.9 }],
        },
      ])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(missing).toBeInstanceOf(ConstraintError);
    expect((missing as ConstraintError).kind).toBe('foreign_key');
    await s.bulkInsert([
      {
        table: 'amazon_transaction_matches',
        rows: [{ transaction_id: t.id, amazon_order_id: 1, match_confidence: 0.9 }],
      },
    ]);
    await s.deleteTransaction(t.id);
    expect(await s.query(sql`SELECT COUNT(*) AS n FROM amazon_transaction_matches`)).toEqual([
      { n: dialect === 'sqlite' ? 0 : '0' },
    ]);
    await s.close();
  });

  it('rolls back a failed bulk insert completely, across all its tables', async () => {
    const s = await openStore(await target());
    const good = [{ date: '2024-01-01', description: 'ok', amount: -1 }];
    const bad = [{ transaction_id: 999, amazon_order_id: 999, match_confidence: 1 }];
    await expect(
      s.bulkInsert([
        { table: 'transactions', rows: good },
        { table: 'amazon_transaction_matches', rows: bad },
      ]),
    ).rejects.toThrow();
    expect(await s.countTransactions({})).toBe(0);
    await s.close();
  });
});
