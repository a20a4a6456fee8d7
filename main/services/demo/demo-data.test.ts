import { describe, expect, it } from 'vitest';
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
    for (const c of ['Groceries', 'Transport', 'Dining', 'Utilities', 'Income', null]) expect(categories).toContain(c);
    expect(transactions.every((t) => Number.isSafeInteger(t.amount))).toBe(true);
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
