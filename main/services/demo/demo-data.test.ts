import { describe, expect, it } from 'vitest';
import { HOUSING } from './account-holders.js';
import { generateDemoData } from './demo-data.js';

function materialise(count: number, seed = 1) {
  const data = generateDemoData({ transactions: count, seed, endDate: new Date('2026-06-30T12:00:00Z') });
  const transactions = [...data.transactions];
  return { ...data, transactions };
}

describe('demo data', () => {
  it.each([1, 37, 5_000, 60_000])('yields exactly %i transactions with ids 1..N in date order', (count) => {
    const { transactions } = materialise(count);
    expect(transactions).toHaveLength(count);
    expect(transactions.map((t) => t.id)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    const dates = transactions.map((t) => String(t.date));
    expect(dates).toEqual([...dates].sort());
    expect(dates.at(-1)! <= '2026-06-30').toBe(true);
  });

  it('spreads over years, with salary, bills, everyday spending and some rows left uncategorised', () => {
    const { transactions } = materialise(5_000);
    const years = new Set(transactions.map((t) => String(t.date).slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(4);
    const categories = new Set(transactions.map((t) => t.category));
    for (const c of ['Groceries', 'Transport', 'Dining', 'Utilities', HOUSING, 'Income', null]) {
      expect(categories).toContain(c);
    }
    expect(transactions.every((t) => Number.isSafeInteger(t.amount))).toBe(true);
  });

  it.each([2_000, 200_000])('at %i rows, the salaries roughly cover the spending', (count) => {
    const { transactions } = materialise(count);
    const income = transactions.reduce((sum, t) => sum + Math.max(0, Number(t.amount)), 0);
    const spending = transactions.reduce((sum, t) => sum - Math.min(0, Number(t.amount)), 0);
    expect(spending / income).toBeGreaterThan(0.6);
    expect(spending / income).toBeLessThan(1.1);
  });

  it('has more account holders as the rows grow, each with a plausible salary and a year of ~1,500 rows', () => {
    const holders = (count: number) => {
      const { transactions } = materialise(count);
      const salaries = transactions.filter((t) => t.category === 'Income' && String(t.description).endsWith('SALARY'));
      const lastMonth = salaries.filter((t) => String(t.date).startsWith('2026-05'));
      const perYear = transactions.filter((t) => String(t.date).startsWith('2025')).length;
      return { people: lastMonth.length, pence: lastMonth.map((t) => Number(t.amount)), perYear };
    };
    const small = holders(2_000);
    const large = holders(200_000);
    expect(small.people).toBe(1);
    expect(large.people).toBeGreaterThan(10);
    expect(large.perYear / large.people).toBeGreaterThan(1_000);
    expect(large.perYear / large.people).toBeLessThan(3_000);
    // Monthly take-home pay between £1,500 and £7,000.
    for (const pence of [...small.pence, ...large.pence]) {
      expect(pence).toBeGreaterThan(150_000);
      expect(pence).toBeLessThan(700_000);
    }
  });

  it('files rent and mortgage payments under Housing, never under Utilities', () => {
    const { transactions } = materialise(60_000);
    const housing = transactions.filter((t) => /\bRENT\b|MORTGAGE/.test(String(t.description)));
    expect(housing.length).toBeGreaterThan(100);
    for (const t of housing) expect(t.category).toBe(HOUSING);
    expect(transactions.filter((t) => t.category === HOUSING)).toEqual(housing);
  });

  it('matches Amazon orders only to Amazon card payments, with the order total equal to the spend', () => {
    const { transactions, amazonOrders, amazonMatches } = materialise(20_000);
    expect(amazonMatches.length).toBeGreaterThan(10);
    const byId = new Map(transactions.map((t) => [t.id, t]));
    const orders = new Map(amazonOrders.map((o) => [o.id, o]));
    for (const m of amazonMatches) {
      const t = byId.get(Number(m.transaction_id))!;
      expect(String(t.description)).toMatch(/^AMAZON\.CO\.UK\*/);
      expect(orders.get(m.amazon_order_id)!.total_owed).toBe(-Number(t.amount));
    }
  });

  it('is repeatable for a seed and different across seeds', () => {
    expect(materialise(500, 9).transactions).toEqual(materialise(500, 9).transactions);
    expect(materialise(500, 9).transactions).not.toEqual(materialise(500, 10).transactions);
  });
});
