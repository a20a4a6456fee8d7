// Recurring-payment detection on generated histories with known
// subscriptions among everyday spending and lookalikes, on both dialects;
// prints precision and recall.
import { addDays, addMonths, format, parseISO } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { openStore } from '../open-store.js';
import type { SqlStore } from '../sql-store.js';
import type { RecurringPayment } from './report-model.js';

type Row = { date: string; description: string; amount: number; merchant: string | null };

const AS_OF = '2025-06-15';
const iso = (d: Date) => format(d, 'yyyy-MM-dd');

/** A small seeded generator (mulberry32), so the history is the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function monthly(first: string, last: string, pence: (date: string) => number, merchant: string, skip: string[] = []) {
  const rows: Row[] = [];
  for (let d = parseISO(first), i = 1; iso(d) <= last; d = addMonths(parseISO(first), i++))
    if (!skip.includes(iso(d)))
      rows.push({ date: iso(d), description: merchant.toUpperCase(), amount: -pence(iso(d)), merchant });
  return rows;
}

type Expected = Pick<RecurringPayment, 'merchant' | 'cadence' | 'amountPence' | 'nextDate' | 'count'>;

function history(): { rows: Row[]; expected: Expected[] } {
  const next = random(16);
  const rows: Row[] = [];
  // Known subscriptions.
  rows.push(...monthly('2023-07-05', '2025-06-05', (d) => (d < '2024-07' ? 1099 : 1299), 'Netflix'));
  rows.push(
    ...['2022-09-20', '2023-09-20', '2024-09-20'].map((date) => ({
      date,
      description: 'AMAZON PRIME',
      amount: -9500,
      merchant: 'Amazon Prime',
    })),
  );
  rows.push(...monthly('2024-01-01', '2025-06-01', () => 2499, 'PureGym', ['2024-08-01']));
  for (let d = parseISO('2024-03-12'), i = 1; iso(d) <= AS_OF; d = addMonths(parseISO('2024-03-12'), i++))
    rows.push({
      date: iso(d),
      description: `SPOTIFY P${1_000_000 + Math.floor(next() * 8_999_999)}`,
      amount: -1199,
      merchant: null,
    });
  for (let d = parseISO('2025-01-04'); iso(d) <= AS_OF; d = addDays(d, 7))
    rows.push({ date: iso(d), description: 'ODDBOX', amount: -1750, merchant: 'Oddbox' });
  rows.push(
    ...['2024-03-28', '2024-06-28', '2024-09-28', '2024-12-28', '2025-03-28'].map((date) => ({
      date,
      description: 'THAMES WATER DD',
      amount: -8640,
      merchant: 'Thames Water',
    })),
  );
  // A subscription at a supermarket among hundreds of everyday payments there.
  rows.push(...monthly('2024-06-20', '2025-05-20', () => 799, 'Tesco'));
  // Everyday spending: irregular days, amounts all over.
  for (let d = parseISO('2022-05-01'); iso(d) <= AS_OF; d = addDays(d, 1 + Math.floor(next() * 3))) {
    rows.push({
      date: iso(d),
      description: 'TESCO STORES',
      amount: -(300 + Math.floor(next() * 12_000)),
      merchant: 'Tesco',
    });
    if (next() < 0.3)
      rows.push({
        date: iso(d),
        description: 'PRET A MANGER',
        amount: -(350 + Math.floor(next() * 600)),
        merchant: 'Pret',
      });
  }
  // Lookalikes: similar amounts at irregular gaps, too few, a stopped subscription, income.
  rows.push(
    ...[
      ['2024-11-02', 19900],
      ['2024-11-29', 20900],
      ['2025-03-15', 18900],
    ].map(([date, p]) => ({ date: String(date), description: 'CURRYS', amount: -Number(p), merchant: 'Currys' })),
  );
  rows.push(
    ...['2024-10-03', '2024-12-19', '2025-01-02'].map((date) => ({
      date,
      description: 'ODEON CINEMA',
      amount: -1099,
      merchant: 'Odeon',
    })),
  );
  rows.push(
    ...['2024-09-10', '2025-03-10'].map((date) => ({
      date,
      description: 'SMILE DENTAL',
      amount: -6000,
      merchant: 'Smile Dental',
    })),
  );
  rows.push(...monthly('2023-01-08', '2024-10-08', () => 799, 'Disney Plus'));
  rows.push(...monthly('2023-01-28', '2025-05-28', () => -250_000, 'Acme Payroll'));
  const expected: Expected[] = [
    { merchant: 'Netflix', cadence: 'monthly', amountPence: 1299, nextDate: '2025-07-05', count: 24 },
    { merchant: 'Amazon Prime', cadence: 'yearly', amountPence: 9500, nextDate: '2025-09-20', count: 3 },
    { merchant: 'PureGym', cadence: 'monthly', amountPence: 2499, nextDate: '2025-07-01', count: 17 },
    {
      merchant: rows.filter((r) => r.description.startsWith('SPOTIFY')).at(-1)?.description ?? '',
      cadence: 'monthly',
      amountPence: 1199,
      nextDate: '2025-07-12',
      count: 16,
    },
    { merchant: 'Oddbox', cadence: 'weekly', amountPence: 1750, nextDate: '2025-06-21', count: 24 },
    { merchant: 'Thames Water', cadence: 'quarterly', amountPence: 8640, nextDate: '2025-06-28', count: 5 },
    { merchant: 'Tesco', cadence: 'monthly', amountPence: 799, nextDate: '2025-06-20', count: 12 },
  ];
  return { rows, expected };
}

describe.each(storeTargets)('recurring payments on $dialect', ({ dialect, target }) => {
  let store: SqlStore;
  const { rows, expected } = history();

  beforeAll(async () => {
    store = await openStore(await target());
    await store.bulkInsert([{ table: 'transactions', rows: rows.map((r, i) => ({ id: i + 1, ...r })) }]);
  });
  afterAll(() => store.close());

  it('finds the known subscriptions and none of the lookalikes (precision and recall)', async () => {
    const { payments } = await store.reports.recurring(AS_OF);
    const found = new Set(payments.map((p) => p.merchant));
    const known = new Set(expected.map((e) => e.merchant));
    const truePositives = [...found].filter((m) => known.has(m)).length;
    const precision = truePositives / found.size;
    const recall = truePositives / known.size;
    console.log(
      `recurring detection on ${dialect}: precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} (${truePositives} of ${known.size} found, ${found.size - truePositives} wrong)`,
    );
    expect({ precision, recall }).toEqual({ precision: 1, recall: 1 });
  });

  it('gives each its cadence, amount after a price rise, next date and count; a missed month does not break it', async () => {
    const { payments } = await store.reports.recurring(AS_OF);
    const picked = payments.map(({ merchant, cadence, amountPence, nextDate, count }) => ({
      merchant,
      cadence,
      amountPence,
      nextDate,
      count,
    }));
    expect(new Set(picked)).toEqual(new Set(expected));
    expect(payments.map((p) => p.nextDate)).toEqual(payments.map((p) => p.nextDate).sort());
    expect(payments.find((p) => p.merchant === 'Netflix')?.lastDate).toBe('2025-06-05');
  });

  it('totals a month of them and lists those due in the next 30 days', async () => {
    const summary = await store.reports.recurring(AS_OF);
    // Weekly 1750 × 52 / 12, quarterly 8640 / 3, yearly 9500 / 12, rounded to the penny each.
    expect(summary.monthlyPence).toBe(1299 + 792 + 2499 + 1199 + 7583 + 2880 + 799);
    expect(summary.upcoming.map((p) => p.merchant)).toEqual([
      'Tesco',
      'Oddbox',
      'Thames Water',
      'PureGym',
      'Netflix',
      expected[3]?.merchant,
    ]);
  });

  it('keeps what the user decided as the history grows: dismissed stays out, a new name stays, confirmed is marked', async () => {
    const before = await store.reports.recurring(AS_OF);
    const key = (merchant: string | undefined) => before.payments.find((p) => p.merchant === merchant)?.key ?? '';
    const [oddbox, spotify, netflix] = [key('Oddbox'), key(expected[3]?.merchant), key('Netflix')];
    expect(before.payments.every((p) => !p.confirmed)).toBe(true);
    await store.reports.decideRecurring({ key: oddbox, status: 'dismissed' });
    await store.reports.decideRecurring({ key: spotify, name: '  Spotify Family ' });
    await store.reports.decideRecurring({ key: netflix, status: 'confirmed' });
    // A renamed series confirmed later keeps its name.
    await store.reports.decideRecurring({ key: spotify, status: 'confirmed' });
    // Next month's payments arrive, Spotify's under yet another reference.
    await store.bulkInsert([
      {
        table: 'transactions',
        rows: [
          { id: 900_001, date: '2025-07-12', description: 'SPOTIFY P7777777', amount: -1199, merchant: null },
          ...['2025-06-21', '2025-06-28', '2025-07-05', '2025-07-12'].map((date, i) => ({
            id: 900_002 + i,
            date,
            description: 'ODDBOX',
            amount: -1750,
            merchant: 'Oddbox',
          })),
        ],
      },
    ]);
    const after = await store.reports.recurring('2025-07-13');
    const byKey = new Map(after.payments.map((p) => [p.key, p]));
    expect(byKey.has(oddbox)).toBe(false);
    expect(byKey.get(spotify)).toMatchObject({ merchant: 'Spotify Family', confirmed: true, count: 17 });
    expect(byKey.get(netflix)).toMatchObject({ merchant: 'Netflix', confirmed: true });
    expect(after.monthlyPence).toBe(after.payments.reduce((sum, p) => sum + p.monthlyPence, 0));
    expect(after.upcoming.some((p) => p.key === oddbox)).toBe(false);

    // Taken back: detected again under the name the history gives.
    await store.reports.decideRecurring({ key: oddbox, status: null });
    await store.reports.decideRecurring({ key: spotify, name: '', status: null });
    const restored = await store.reports.recurring('2025-07-13');
    expect(restored.payments.find((p) => p.key === oddbox)?.merchant).toBe('Oddbox');
    expect(restored.payments.find((p) => p.key === spotify)).toMatchObject({
      merchant: 'SPOTIFY P7777777',
      confirmed: false,
    });
    await expect(store.reports.decideRecurring({ key: '', status: 'confirmed' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
