// The rules engine on both dialects, through the Store: every condition and
// operator, priority, whole-word matching, the default rules, manual edits
// and the upgrade that turns a store's keywords into rules.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { AppError } from '../errors.js';
import type { NewTransaction } from '../model.js';
import { openStore } from '../open-store.js';
import type { SqlStore } from '../sql-store.js';
import type { RuleCondition, RuleInput } from './rule-model.js';

describe.each(storeTargets)('rules on $dialect', ({ target }) => {
  let store: SqlStore;

  beforeAll(async () => {
    store = await openStore(await target());
    for (const name of ['Alpha', 'Beta']) await store.addCategory(name);
  });
  afterAll(() => store.close());

  /** The category a new row gets on arrival. */
  const arrive = async (description: string, amountPence = -500, extra: Partial<NewTransaction> = {}) =>
    (await store.addTransaction({ date: '2025-03-01', description, amountPence, ...extra })).category;

  /** Runs `check` with `rules` first in line, then removes them. */
  async function withRules(rules: RuleInput[], check: () => Promise<void>): Promise<void> {
    const added = [];
    for (const rule of [...rules].reverse()) added.push(await store.rules.add(rule));
    try {
      await check();
    } finally {
      for (const rule of added) await store.rules.remove(rule.id);
    }
  }

  const alpha = (...conditions: RuleCondition[]): RuleInput => ({ conditions, setCategory: 'Alpha' });
  const text = (op: 'contains' | 'startsWith' | 'is' | 'oneOf' | 'matches', values: string[], wholeWord = true) =>
    ({ field: 'description', op, values, wholeWord }) as const;

  it('starts with the old app’s keyword lists, matched as whole words', async () => {
    const builtin = (await store.rules.list()).filter((r) => r.builtin);
    expect(builtin.map((r) => r.setCategory)).toEqual([
      'Income',
      'Groceries',
      'Transport',
      'Dining',
      'Entertainment',
      'Utilities',
      'Shopping',
      'Health',
    ]);
    expect(await arrive('CARD PAYMENT TO TESCO STORES 3297')).toBe('Groceries');
    expect(await arrive('EE LIMITED')).toBe('Utilities');
    expect(await arrive('BP CONNECT LONDON')).toBe('Transport');
    // The old app's substring test put these in Transport and Utilities.
    expect(await arrive('BPAY 12345 TRANSFER')).toBeNull();
    expect(await arrive('SKYLINE BARBERS')).toBeNull();
    // Income's words count only for money coming in.
    expect(await arrive('REFUND FROM ACME', 1200)).toBe('Income');
    expect(await arrive('REFUND FROM ACME', -1200)).toBeNull();
  });

  it('matches contains on whole words by default, ignoring case: ee is not in coffee, bp not in bpay', async () => {
    await withRules([{ conditions: [text('contains', ['ee', 'bp'])], setCategory: 'Alpha' }], async () => {
      expect(await arrive('COFFEE BEANS')).not.toBe('Alpha');
      expect(await arrive('BPAY 12345')).not.toBe('Alpha');
      expect(await arrive('Pay Ee monthly')).toBe('Alpha');
      expect(await arrive('bp/1234')).toBe('Alpha');
    });
    await withRules([alpha(text('contains', ['zork'], false))], async () => {
      expect(await arrive('ZORKY LTD')).toBe('Alpha');
    });
  });

  it('has starts with, is, one of and matches', async () => {
    await withRules([alpha(text('startsWith', ['zork']))], async () => {
      expect(await arrive('ZORKY LTD')).toBe('Alpha');
      expect(await arrive('MY ZORK')).toBeNull();
    });
    await withRules([alpha(text('is', ['zork ltd']))], async () => {
      expect(await arrive('Zork Ltd')).toBe('Alpha');
      expect(await arrive('Zork Ltd 2')).toBeNull();
    });
    await withRules([alpha(text('oneOf', ['zork', 'quux']))], async () => {
      expect(await arrive('QUUX')).toBe('Alpha');
      expect(await arrive('zork')).toBe('Alpha');
      expect(await arrive('QUUX 1')).toBeNull();
    });
    await withRules([alpha(text('matches', ['^zo+rk\\d{2}$']))], async () => {
      expect(await arrive('ZOOORK12')).toBe('Alpha');
      expect(await arrive('ZORK1')).toBeNull();
    });
  });

  it('looks at the merchant, the amount, the direction, the source and the date', async () => {
    await withRules([alpha({ field: 'merchant', op: 'contains', values: ['zork'], wholeWord: true })], async () => {
      expect(await arrive('nothing here', -500, { merchant: 'Zork' })).toBe('Alpha');
      expect(await arrive('zork', -500, { merchant: 'Someone' })).toBeNull();
    });
    const amount = (op: 'is' | 'between' | 'above' | 'below', pence: number, toPence?: number) =>
      ({ field: 'amount', op, pence, ...(toPence === undefined ? {} : { toPence }) }) as const;
    const word = text('contains', ['plugh']);
    await withRules([alpha(word, amount('is', 1234))], async () => {
      expect(await arrive('plugh', -1234)).toBe('Alpha');
      expect(await arrive('plugh', 1234)).toBe('Alpha');
      expect(await arrive('plugh', -1235)).toBeNull();
    });
    await withRules([alpha(word, amount('between', 1000, 2000))], async () => {
      expect(await arrive('plugh', -1000)).toBe('Alpha');
      expect(await arrive('plugh', -2000)).toBe('Alpha');
      expect(await arrive('plugh', -2001)).toBeNull();
    });
    await withRules([alpha(word, amount('above', 1000))], async () => {
      expect(await arrive('plugh', -1001)).toBe('Alpha');
      expect(await arrive('plugh', -1000)).toBeNull();
    });
    await withRules([alpha(word, amount('below', 1000))], async () => {
      expect(await arrive('plugh', -999)).toBe('Alpha');
      expect(await arrive('plugh', -1000)).toBeNull();
    });
    await withRules([alpha(word, { field: 'direction', op: 'is', value: 'out' })], async () => {
      expect(await arrive('plugh', -1)).toBe('Alpha');
      expect(await arrive('plugh', 1)).toBeNull();
    });
    await withRules([alpha(word, { field: 'source', op: 'kind', value: 'statement' })], async () => {
      expect(await arrive('plugh', -1, { sourceFile: 'march.csv' })).toBe('Alpha');
      expect(await arrive('plugh', -1)).toBeNull();
    });
    await withRules([alpha(word, { field: 'source', op: 'is', value: 'MARCH.csv' })], async () => {
      expect(await arrive('plugh', -1, { sourceFile: 'march.csv' })).toBe('Alpha');
      expect(await arrive('plugh', -1, { sourceFile: 'april.csv' })).toBeNull();
    });
    await withRules([alpha(word, { field: 'date', op: 'between', from: '2025-01-01', to: '2025-01-31' })], async () => {
      expect(await arrive('plugh', -1, { date: '2025-01-31' })).toBe('Alpha');
      expect(await arrive('plugh', -1, { date: '2025-02-01' })).toBeNull();
    });
  });

  it('refuses an invalid pattern or an empty condition at its field', async () => {
    const refusal = (input: RuleInput) =>
      store.rules.add(input).then(
        () => undefined,
        (e: unknown) => e as AppError,
      );
    const bad = await refusal(alpha(text('matches', ['(unclosed'])));
    expect(bad).toBeInstanceOf(AppError);
    expect(bad).toMatchObject({ code: 'invalid_input', field: 'conditions.0.values' });
    expect(bad!.message).toMatch(/^Not a pattern Spending can use/);
    expect(await refusal(alpha(text('contains', [''])))).toMatchObject({ field: 'conditions.0.values' });
    expect(await refusal({ conditions: [], setCategory: 'Alpha' })).toMatchObject({ field: 'conditions' });
    expect(await refusal({ conditions: [text('contains', ['x'])] })).toMatchObject({ field: 'setCategory' });
    expect(await refusal({ conditions: [text('contains', ['x'])], setCategory: 'Nope' })).toMatchObject({
      field: 'setCategory',
    });
  });

  it('tries rules in priority order; each action goes to the first rule that has it', async () => {
    const word = text('contains', ['xyzzy']);
    await withRules(
      [
        { conditions: [word], setMerchant: 'Xyzzy Co' },
        { conditions: [word], setCategory: 'Alpha' },
        { conditions: [word], setCategory: 'Beta', setHuququllah: 'essential' },
      ],
      async () => {
        const [first, second, third] = (await store.rules.list()).slice(0, 3);
        expect([first!.priority, second!.priority, third!.priority]).toEqual([1, 2, 3]);
        const row = await store.addTransaction({ date: '2025-03-01', description: 'XYZZY 1', amountPence: -700 });
        expect(row).toMatchObject({ category: 'Alpha', merchant: 'Xyzzy Co', huququllahClassification: 'essential' });
        await store.rules.move(third!.id, 1);
        expect(await arrive('xyzzy 2')).toBe('Beta');
        // Income is never classed.
        const income = await store.addTransaction({ date: '2025-03-01', description: 'XYZZY 3', amountPence: 700 });
        expect(income.huququllahClassification).toBeNull();
      },
    );
  });

  it('keeps a category the user chose, and marks a hand edit as theirs', async () => {
    const given = await store.addTransaction({
      date: '2025-03-01',
      description: 'TESCO STORES',
      amountPence: -100,
      category: 'Dining',
    });
    expect(given.category).toBe('Dining');
    const bySource = async (id: number) =>
      (await store.query(sql`SELECT category_source FROM transactions WHERE id = ${id}`))[0]?.category_source;
    expect(await bySource(given.id)).toBe('manual');
    const sorted = await store.addTransaction({ date: '2025-03-01', description: 'TESCO STORES', amountPence: -100 });
    expect(await bySource(sorted.id)).toBe('rule');
    await store.updateTransaction(sorted.id, { category: 'Shopping' });
    expect(await bySource(sorted.id)).toBe('manual');
  });

  it('makes each keyword of the Categories page a whole-word rule, first in line, gone with its keyword', async () => {
    const beta = (await store.listCategories()).find((c) => c.name === 'Beta')!;
    const withKeyword = await store.addKeyword(beta.id, 'Frobozz');
    const keyword = withKeyword.keywords.find((k) => k.keyword === 'frobozz')!;
    const [first] = await store.rules.list();
    expect(first).toMatchObject({
      priority: 1,
      keywordId: keyword.id,
      setCategory: 'Beta',
      conditions: [{ field: 'text', op: 'contains', values: ['frobozz'], wholeWord: true }],
    });
    expect(await arrive('FROBOZZ MAGIC')).toBe('Beta');
    expect(await arrive('FROBOZZMAGIC')).toBeNull();
    const count = (await store.rules.list()).length;
    await store.removeKeyword(keyword.id);
    const after = await store.rules.list();
    expect(after).toHaveLength(count - 1);
    expect(after.map((r) => r.priority)).toEqual(after.map((_, i) => i + 1));
  });
});

describe.each(storeTargets)('upgrading a store with keywords on $dialect', ({ target }) => {
  it('turns every keyword into a rule, in the old app’s order, and leaves the keywords table as it was', async () => {
    const where = await target();
    const before = await openStore(where);
    // Keywords as a store from before rules (or another tool) holds them: rows with no rule.
    await before.query(sql`INSERT INTO category_keywords (category_name, keyword) VALUES
      ('Groceries', 'tesco'), ('Transport', 'tesco petrol'), ('Shopping', 'corner'), ('Dining', 'corner')`);
    const keywordsBefore = await before.query(
      sql`SELECT id, category_name, keyword FROM category_keywords ORDER BY id`,
    );
    await before.close();

    const store = await openStore(where);
    try {
      const rules = await store.rules.list();
      const keywordRules = rules.filter((r) => r.keywordId !== null);
      // Longest first, then the one added last, all ahead of the default rules.
      expect(keywordRules.map((r) => [r.priority, r.setCategory, r.conditions])).toEqual([
        [1, 'Transport', [{ field: 'text', op: 'contains', values: ['tesco petrol'], wholeWord: false }]],
        [2, 'Dining', [{ field: 'text', op: 'contains', values: ['corner'], wholeWord: false }]],
        [3, 'Shopping', [{ field: 'text', op: 'contains', values: ['corner'], wholeWord: false }]],
        [4, 'Groceries', [{ field: 'text', op: 'contains', values: ['tesco'], wholeWord: false }]],
      ]);
      expect(rules.slice(4).every((r) => r.builtin)).toBe(true);
      // Substring matches, as they always were.
      const add = (description: string) =>
        store.addTransaction({ date: '2025-01-01', description, amountPence: -100 }).then((t) => t.category);
      expect(await add('TESCOPETROL 44')).toBe('Groceries');
      expect(await add('TESCO PETROL STATION')).toBe('Transport');
      expect(await add('STREETCORNERSHOP')).toBe('Dining');
      // The old migration guide's SQL still reads the keywords, unchanged.
      expect(await store.query(sql`SELECT id, category_name, keyword FROM category_keywords ORDER BY id`)).toEqual(
        keywordsBefore,
      );
      const categories = await store.listCategories();
      expect(categories.find((c) => c.name === 'Dining')!.keywords).toMatchObject([
        { keyword: 'corner', alsoIn: ['Shopping'], wins: true },
      ]);
    } finally {
      await store.close();
    }
    // A second open adds nothing.
    const again = await openStore(where);
    const count = (await again.rules.list()).length;
    await again.close();
    const third = await openStore(where);
    expect(await third.rules.list()).toHaveLength(count);
    await third.close();
  });
});
