// Reports on both dialects, through the Store: every figure checked against
// sums this test works out itself from the rows it wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { AppError } from '../errors.js';
import { openStore } from '../open-store.js';
import type { SqlStore } from '../sql-store.js';

type Row = {
  id: number;
  date: string;
  description: string;
  amount: number;
  category: string | null;
  merchant: string | null;
};

const CATEGORIES = ['Groceries', 'Dining', 'Pets & Vet', 'Income', null] as const;
const MERCHANTS = ['Tesco', 'Pret', null, 'Vets4Pets', 'Acme Ltd'] as const;

/** 3 years of rows, a few a day, spread by fixed strides so any period has a mix. */
function history(): Row[] {
  const rows: Row[] = [];
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < 1200; i++) {
    const date = new Date(start + (i * 7 + (i % 5)) * 10_800_000).toISOString().slice(0, 10);
    const k = (i * 7) % CATEGORIES.length;
    const income = CATEGORIES[k] === 'Income' || i % 17 === 0;
    rows.push({
      id: i + 1,
      date,
      description: `CARD ${MERCHANTS[(i * 3) % MERCHANTS.length] ?? 'UNKNOWN SHOP'} ${i % 4}`,
      amount: income ? 1000 + ((i * 131) % 90_000) : -(50 + ((i * 977) % 25_000)),
      category: CATEGORIES[k] ?? null,
      merchant: MERCHANTS[(i * 3) % MERCHANTS.length] ?? null,
    });
  }
  return rows;
}

const rows = history();
const inPeriod = (from?: string, to?: string) => rows.filter((r) => (!from || r.date >= from) && (!to || r.date <= to));

function spendByCategory(from?: string, to?: string) {
  const out = new Map<string | null, number>();
  for (const r of inPeriod(from, to)) if (r.amount < 0) out.set(r.category, (out.get(r.category) ?? 0) - r.amount);
  return out;
}

describe.each(storeTargets)('reports on $dialect', ({ target }) => {
  let store: SqlStore;

  beforeAll(async () => {
    store = await openStore(await target());
    await store.addCategory('Pets & Vet');
    await store.bulkInsert([{ table: 'transactions', rows }]);
  });
  afterAll(() => store.close());

  it.each([
    ['all time', undefined, undefined],
    ['whole months', '2024-01-01', '2024-06-30'],
    ['partial months at both ends', '2023-03-17', '2025-02-09'],
    ['inside one month', '2024-05-03', '2024-05-20'],
  ])('spending by category, custom categories included: %s', async (_, from, to) => {
    const report = await store.reports.categories({ from, to });
    const expected = spendByCategory(from, to);
    expect(new Map(report.filter((c) => c.spendPence > 0).map((c) => [c.category, c.spendPence]))).toEqual(expected);
    expect(report.find((c) => c.category === 'Pets & Vet')?.spendPence).toBeGreaterThan(0);
    const counts = new Map<string | null, number>();
    for (const r of inPeriod(from, to)) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
    expect(new Map(report.map((c) => [c.category, c.count]))).toEqual(counts);
    // Largest first.
    expect(report.map((c) => c.spendPence)).toEqual([...report.map((c) => c.spendPence)].sort((a, b) => b - a));
  });

  it('income against spending per month, with the net, quiet months as zeros', async () => {
    const from = '2024-11-10';
    const to = '2026-02-15';
    const months = await store.reports.months({ from, to });
    expect(months[0]?.month).toBe('2024-11');
    expect(months.at(-1)?.month).toBe('2026-02');
    expect(months).toHaveLength(16);
    for (const m of months) {
      const these = inPeriod(from, to).filter((r) => r.date.startsWith(m.month));
      const income = these.filter((r) => r.amount > 0).reduce((s, r) => s + r.amount, 0);
      const spend = these.filter((r) => r.amount < 0).reduce((s, r) => s - r.amount, 0);
      expect(m).toEqual({ month: m.month, incomePence: income, spendPence: spend, netPence: income - spend });
    }
    expect(months.filter((m) => m.month >= '2025-12')).toSatisfy((q: typeof months) =>
      q.every((m) => m.incomePence === 0 && m.spendPence === 0 && m.netPence === 0),
    );
  });

  it('compares whole months with the months before and the same months a year earlier', async () => {
    const report = await store.reports.compare({ from: '2024-03-01', to: '2024-04-30' });
    expect(report.previous).toEqual({ from: '2024-01-01', to: '2024-02-29' });
    expect(report.yearAgo).toEqual({ from: '2023-03-01', to: '2023-04-30' });
    const now = spendByCategory('2024-03-01', '2024-04-30');
    const before = spendByCategory('2024-01-01', '2024-02-29');
    const lastYear = spendByCategory('2023-03-01', '2023-04-30');
    for (const c of report.categories) {
      const [n, b, y] = [now, before, lastYear].map((m) => m.get(c.category) ?? 0) as [number, number, number];
      expect(c).toEqual({
        category: c.category,
        currentPence: n,
        previousPence: b,
        yearAgoPence: y,
        changePence: n - b,
        changePercent: b ? Math.round(((n - b) * 1000) / b) / 10 : null,
        yearChangePence: n - y,
        yearChangePercent: y ? Math.round(((n - y) * 1000) / y) / 10 : null,
      });
    }
    expect(new Set(report.categories.map((c) => c.category))).toEqual(
      new Set([...now.keys(), ...before.keys(), ...lastYear.keys()]),
    );
  });

  it('compares a span of days with as many days before; 29 February a year earlier is the 28th', async () => {
    const report = await store.reports.compare({ from: '2024-02-20', to: '2024-02-29' });
    expect(report.previous).toEqual({ from: '2024-02-10', to: '2024-02-19' });
    expect(report.yearAgo).toEqual({ from: '2023-02-20', to: '2023-02-28' });
    const total = (m: Map<string | null, number>) => [...m.values()].reduce((s, v) => s + v, 0);
    const sum = (k: 'currentPence' | 'previousPence' | 'yearAgoPence') =>
      report.categories.reduce((s, c) => s + c[k], 0);
    expect(sum('currentPence')).toBe(total(spendByCategory('2024-02-20', '2024-02-29')));
    expect(sum('previousPence')).toBe(total(spendByCategory('2024-02-10', '2024-02-19')));
    expect(sum('yearAgoPence')).toBe(total(spendByCategory('2023-02-20', '2023-02-28')));
  });

  it('compares this month so far by default', async () => {
    const report = await store.reports.compare({}, '2025-03-15');
    expect(report.current).toEqual({ from: '2025-03-01', to: '2025-03-15' });
    expect(report.previous).toEqual({ from: '2025-02-14', to: '2025-02-28' });
  });

  it('lists the top merchants by spending, the description standing in for a missing merchant', async () => {
    const from = '2023-06-05';
    const to = '2024-09-12';
    const top = await store.reports.merchants({ from, to }, 3);
    const sums = new Map<string, { spendPence: number; count: number }>();
    for (const r of inPeriod(from, to).filter((x) => x.amount < 0)) {
      const key = r.merchant ?? r.description;
      const s = sums.get(key) ?? { spendPence: 0, count: 0 };
      s.spendPence -= r.amount;
      s.count += 1;
      sums.set(key, s);
    }
    const expected = [...sums.entries()]
      .map(([merchant, s]) => ({ merchant, ...s }))
      .sort((a, b) => b.spendPence - a.spendPence)
      .slice(0, 3);
    expect(top).toEqual(expected);
  });

  it('refuses a period that ends before it starts', async () => {
    await expect(store.reports.categories({ from: '2024-02-01', to: '2024-01-01' })).rejects.toThrow(AppError);
    await expect(store.reports.months({ from: '2024-02-30' })).rejects.toThrow(AppError);
  });
});
