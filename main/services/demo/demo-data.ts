// Realistic UK-style demo data: statement-like descriptions, account holders
// with their salaries and monthly bills, everyday card spending, Amazon orders
// with matches. Deterministic for a given seed so benchmarks and screenshots repeat.
import { addDays, format, subYears } from 'date-fns';
import type { BulkRecord } from '../../../db/bulk.js';
import { accountHolders, BILLS_PER_HOLDER_MONTH, type Bill } from './account-holders.js';
import { AMAZON, everydayAmount, MEAN_EVERYDAY_PENCE, pickMerchant, type StatementDay } from './everyday-merchants.js';

export interface DemoOptions {
  transactions: number;
  seed?: number;
  /** Last day of the generated history (default: today). */
  endDate?: Date;
  /** Span of history in years; defaults grow with the count, 2 to 8 years. */
  years?: number;
}

const PRODUCTS = [
  'Anker USB-C Charger 30W',
  'Kindle Paperwhite',
  'Joseph Joseph Chopping Board Set',
  'Duracell AA Batteries (12 pack)',
  'The Thursday Murder Club (Paperback)',
  'Philips Sonicare Brush Heads',
  'LEGO Classic Creative Box',
  'Brita Maxtra Filter Cartridges',
  'Tefal Non-Stick Frying Pan 28cm',
  'Logitech MX Master 3S Mouse',
];

/** mulberry32: small, fast, good enough for demo data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoData {
  transactions: Iterable<BulkRecord>;
  /** Filled while `transactions` is consumed: orders for some Amazon rows. */
  amazonOrders: BulkRecord[];
  amazonMatches: BulkRecord[];
}

/** Transactions a year on one current account: card spending most days, plus the monthly bills. */
const ROWS_PER_HOLDER_YEAR = 1_500;
/** Bills may run this many rows ahead of the day's share, so a sparse history still pays them on time. */
const BILL_OVERDRAFT = 12;

function statementDay(day: Date): StatementDay {
  return {
    iso: format(day, 'yyyy-MM-dd'),
    dayMonth: format(day, 'dd MMM').toUpperCase(),
    slashed: format(day, 'dd/MM'),
  };
}

/**
 * Rows come in date order with ids 1..N, so they can be bulk-inserted into an
 * empty store and the Amazon matches can point at known ids. The number of
 * account holders grows with N (about ROWS_PER_HOLDER_YEAR rows each a year),
 * so a million rows look like a town's accounts, not one person's.
 */
export function generateDemoData(options: DemoOptions): DemoData {
  const random = seededRandom(options.seed ?? 20_240_101);
  const end = options.endDate ?? new Date();
  const years =
    options.years ?? Math.min(8, Math.max(2, Math.round(Math.log10(Math.max(options.transactions, 10)) * 1.3)));
  const start = subYears(end, years);
  const days = Math.max(1, Math.round((end.getTime() - start.getTime()) / 86_400_000));
  const count = options.transactions;
  const months = (days * 12) / 365.25;
  const people = Math.max(1, Math.round(count / years / ROWS_PER_HOLDER_YEAR));
  const everydayRows = Math.max(0, count - people * BILLS_PER_HOLDER_MONTH * months);
  const holders = accountHolders(people, (everydayRows / months) * MEAN_EVERYDAY_PENCE, random);
  const billsByDay = new Map<number, Bill[]>();
  for (const bill of holders.flat())
    billsByDay.set(bill.dayOfMonth, [...(billsByDay.get(bill.dayOfMonth) ?? []), bill]);
  const amazonOrders: BulkRecord[] = [];
  const amazonMatches: BulkRecord[] = [];

  function* transactions(): Generator<BulkRecord> {
    const perDay = count / days;
    let id = 0;
    let budget = 0;
    for (let dayIndex = 0; dayIndex < days && id < count; dayIndex++) {
      const date = addDays(start, dayIndex);
      const day = statementDay(date);
      budget = dayIndex === days - 1 ? count - id : budget + perDay;
      for (const bill of billsByDay.get(date.getDate()) ?? []) {
        if (id >= count || budget <= -BILL_OVERDRAFT) break;
        id++;
        budget--;
        yield row(id, day.iso, bill.description, bill.pence, bill.category, bill.name, bill.huququllah);
      }
      for (; budget >= 1 && id < count; budget--) {
        const m = pickMerchant(random);
        const pence = everydayAmount(m, random);
        id++;
        // About one in twelve rows is left for the user (or the rules) to categorise.
        const category = random() < 0.08 ? null : m.category;
        yield row(id, day.iso, m.statement(m.name, day, random), pence, category, m.name, m.huququllah ?? null);
        if (m.name === AMAZON && random() < 0.6) addAmazonOrder(id, date, -pence);
      }
    }
  }

  function row(
    id: number,
    date: string,
    description: string,
    amount: number,
    category: string | null,
    merchant: string,
    huququllah: string | null,
  ): BulkRecord {
    return {
      id,
      date,
      description,
      amount,
      category,
      merchant,
      source_file: 'demo-data',
      huququllah_classification: huququllah,
    };
  }

  function addAmazonOrder(transactionId: number, day: Date, totalPence: number): void {
    const orderRowId = amazonOrders.length + 1;
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
    const items = 1 + Math.floor(random() * 3);
    amazonOrders.push({
      id: orderRowId,
      order_id: `20${Math.floor(random() * 6)}-${digits(7)}-${digits(7)}`,
      order_date: format(addDays(day, -Math.floor(random() * 3)), 'yyyy-MM-dd'),
      website: 'Amazon.co.uk',
      currency: 'GBP',
      total_owed: totalPence,
      product_names: Array.from({ length: items }, () => PRODUCTS[Math.floor(random() * PRODUCTS.length)]).join('; '),
      order_status: 'Closed',
      shipment_status: 'Shipped',
      source_file: 'demo-data',
    });
    if (random() < 0.85) {
      amazonMatches.push({
        id: amazonMatches.length + 1,
        transaction_id: transactionId,
        amazon_order_id: orderRowId,
        match_confidence: Math.round((0.8 + random() * 0.2) * 100) / 100,
      });
    }
  }

  return { transactions: transactions(), amazonOrders, amazonMatches };
}
