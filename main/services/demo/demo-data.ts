// Realistic UK-style demo data: statement-like descriptions, merchants with
// their usual amounts, monthly bills and salary, Amazon orders with matches.
// Deterministic for a given seed so benchmarks and screenshots repeat.
import { addDays, format, subYears } from 'date-fns';
import type { BulkRecord } from '../../../db/bulk.js';

export interface DemoOptions {
  transactions: number;
  seed?: number;
  /** Last day of the generated history (default: today). */
  endDate?: Date;
  /** Span of history in years; defaults grow with the count, 2 to 8 years. */
  years?: number;
}

interface Merchant {
  name: string;
  category: string | null;
  /** Typical spend range in pence (negative) or income (positive). */
  min: number;
  max: number;
  weight: number;
  statement: (name: string, day: Date, random: () => number) => string;
  huququllah?: 'essential' | 'discretionary';
}

const card = (name: string, day: Date) =>
  `CARD PAYMENT TO ${name.toUpperCase()} ON ${format(day, 'dd MMM').toUpperCase()}`;
const contactless = (name: string, day: Date, random: () => number) =>
  `${name.toUpperCase()} ${1000 + Math.floor(random() * 8999)} CONTACTLESS ${format(day, 'dd/MM')}`;
const directDebit = (name: string) => `DIRECT DEBIT PAYMENT TO ${name.toUpperCase()}`;
const amazon = (_: string, _day: Date, random: () => number) =>
  `AMAZON.CO.UK*${Math.floor(random() * 36 ** 9)
    .toString(36)
    .toUpperCase()
    .padStart(9, '0')} AMAZON.CO.UK`;

const EVERYDAY: [Merchant, ...Merchant[]] = [
  {
    name: 'Tesco Stores',
    category: 'Groceries',
    min: -12000,
    max: -250,
    weight: 14,
    statement: card,
    huququllah: 'essential',
  },
  {
    name: "Sainsbury's",
    category: 'Groceries',
    min: -9000,
    max: -300,
    weight: 9,
    statement: card,
    huququllah: 'essential',
  },
  { name: 'Asda', category: 'Groceries', min: -8000, max: -400, weight: 5, statement: card, huququllah: 'essential' },
  { name: 'Aldi', category: 'Groceries', min: -6000, max: -300, weight: 5, statement: card, huququllah: 'essential' },
  { name: 'Lidl', category: 'Groceries', min: -5000, max: -250, weight: 4, statement: card, huququllah: 'essential' },
  {
    name: 'Waitrose',
    category: 'Groceries',
    min: -9000,
    max: -400,
    weight: 3,
    statement: card,
    huququllah: 'essential',
  },
  {
    name: 'Co-op Food',
    category: 'Groceries',
    min: -2500,
    max: -150,
    weight: 4,
    statement: contactless,
    huququllah: 'essential',
  },
  { name: 'M&S Simply Food', category: 'Groceries', min: -3000, max: -300, weight: 3, statement: contactless },
  {
    name: 'TfL Travel Charge',
    category: 'Transport',
    min: -1500,
    max: -175,
    weight: 10,
    statement: (n) => `${n.toUpperCase()} TFL.GOV.UK/CP`,
    huququllah: 'essential',
  },
  {
    name: 'Trainline',
    category: 'Transport',
    min: -12000,
    max: -800,
    weight: 2,
    statement: card,
    huququllah: 'essential',
  },
  { name: 'Shell', category: 'Transport', min: -9000, max: -2000, weight: 3, statement: card, huququllah: 'essential' },
  { name: 'BP', category: 'Transport', min: -8500, max: -2000, weight: 2, statement: card, huququllah: 'essential' },
  {
    name: 'Uber',
    category: 'Transport',
    min: -4500,
    max: -600,
    weight: 3,
    statement: (n, d) => `${card(n, d)} UBER.COM/GB`,
    huququllah: 'discretionary',
  },
  {
    name: 'Pret A Manger',
    category: 'Dining',
    min: -1200,
    max: -250,
    weight: 6,
    statement: contactless,
    huququllah: 'discretionary',
  },
  {
    name: 'Costa Coffee',
    category: 'Dining',
    min: -900,
    max: -250,
    weight: 5,
    statement: contactless,
    huququllah: 'discretionary',
  },
  {
    name: 'Greggs',
    category: 'Dining',
    min: -800,
    max: -150,
    weight: 5,
    statement: contactless,
    huququllah: 'discretionary',
  },
  {
    name: "Nando's",
    category: 'Dining',
    min: -6000,
    max: -1200,
    weight: 2,
    statement: card,
    huququllah: 'discretionary',
  },
  {
    name: 'Deliveroo',
    category: 'Dining',
    min: -5000,
    max: -1200,
    weight: 3,
    statement: card,
    huququllah: 'discretionary',
  },
  {
    name: 'Just Eat',
    category: 'Dining',
    min: -4500,
    max: -1100,
    weight: 2,
    statement: card,
    huququllah: 'discretionary',
  },
  {
    name: 'Wagamama',
    category: 'Dining',
    min: -7000,
    max: -1500,
    weight: 1,
    statement: card,
    huququllah: 'discretionary',
  },
  {
    name: 'Odeon Cinemas',
    category: 'Entertainment',
    min: -4000,
    max: -900,
    weight: 1,
    statement: card,
    huququllah: 'discretionary',
  },
  {
    name: 'Steam Games',
    category: 'Entertainment',
    min: -6000,
    max: -299,
    weight: 1,
    statement: card,
    huququllah: 'discretionary',
  },
  { name: 'Amazon', category: 'Shopping', min: -15000, max: -399, weight: 7, statement: amazon },
  { name: 'Argos', category: 'Shopping', min: -20000, max: -500, weight: 1, statement: card },
  {
    name: 'John Lewis',
    category: 'Shopping',
    min: -30000,
    max: -1000,
    weight: 1,
    statement: card,
    huququllah: 'discretionary',
  },
  { name: 'Primark', category: 'Shopping', min: -6000, max: -400, weight: 2, statement: card },
  { name: 'IKEA', category: 'Shopping', min: -25000, max: -500, weight: 1, statement: card },
  {
    name: 'Boots',
    category: 'Health',
    min: -4000,
    max: -200,
    weight: 3,
    statement: contactless,
    huququllah: 'essential',
  },
  {
    name: 'Specsavers',
    category: 'Health',
    min: -25000,
    max: -2500,
    weight: 0.2,
    statement: card,
    huququllah: 'essential',
  },
  {
    name: 'LINK ATM',
    category: null,
    min: -20000,
    max: -1000,
    weight: 2,
    statement: (_n, d) => `CASH WITHDRAWAL LINK ATM ${format(d, 'dd MMM').toUpperCase()}`,
  },
  {
    name: 'PayPal',
    category: 'Other',
    min: -9000,
    max: -300,
    weight: 2,
    statement: (_n, _d, r) => `PAYPAL *${['EBAY', 'VINTED', 'ETSY', 'DEPOP'][Math.floor(r() * 4)]}`,
  },
  {
    name: 'Refund',
    category: 'Shopping',
    min: 300,
    max: 9000,
    weight: 0.5,
    statement: (_n, d) => `REFUND FROM AMAZON.CO.UK ${format(d, 'dd MMM').toUpperCase()}`,
  },
];

interface Bill {
  name: string;
  category: string;
  pence: number;
  dayOfMonth: number;
  huququllah?: 'essential' | 'discretionary';
}

const MONTHLY: Bill[] = [
  { name: 'Acme Widgets Ltd Salary', category: 'Income', pence: 312_550, dayOfMonth: 25 },
  { name: 'Landlord Rent', category: 'Utilities', pence: -125_000, dayOfMonth: 1, huququllah: 'essential' },
  { name: 'British Gas', category: 'Utilities', pence: -8_900, dayOfMonth: 3, huququllah: 'essential' },
  { name: 'Thames Water', category: 'Utilities', pence: -3_850, dayOfMonth: 5, huququllah: 'essential' },
  { name: 'Council Tax LB Camden', category: 'Utilities', pence: -15_200, dayOfMonth: 1, huququllah: 'essential' },
  { name: 'Virgin Media', category: 'Utilities', pence: -4_500, dayOfMonth: 12, huququllah: 'essential' },
  { name: 'Vodafone', category: 'Utilities', pence: -2_200, dayOfMonth: 15, huququllah: 'essential' },
  { name: 'Netflix.com', category: 'Entertainment', pence: -1_099, dayOfMonth: 9, huququllah: 'discretionary' },
  { name: 'Spotify UK', category: 'Entertainment', pence: -1_199, dayOfMonth: 17, huququllah: 'discretionary' },
  { name: 'PureGym', category: 'Health', pence: -2_499, dayOfMonth: 2, huququllah: 'discretionary' },
];

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

function pickWeighted(list: readonly [Merchant, ...Merchant[]], total: number, random: () => number): Merchant {
  let x = random() * total;
  return list.find((m) => (x -= m.weight) <= 0) ?? list[0];
}

/**
 * Rows come in date order with ids 1..N, so they can be bulk-inserted into an
 * empty store and the Amazon matches can point at known ids.
 */
export function generateDemoData(options: DemoOptions): DemoData {
  const random = seededRandom(options.seed ?? 20_240_101);
  const end = options.endDate ?? new Date();
  const years =
    options.years ?? Math.min(8, Math.max(2, Math.round(Math.log10(Math.max(options.transactions, 10)) * 1.3)));
  const start = subYears(end, years);
  const days = Math.max(1, Math.round((end.getTime() - start.getTime()) / 86_400_000));
  const totalWeight = EVERYDAY.reduce((sum, m) => sum + m.weight, 0);
  const amazonOrders: BulkRecord[] = [];
  const amazonMatches: BulkRecord[] = [];
  const count = options.transactions;

  function* transactions(): Generator<BulkRecord> {
    const perDay = count / days;
    let id = 0;
    let budget = 0;
    for (let dayIndex = 0; dayIndex < days && id < count; dayIndex++) {
      const day = addDays(start, dayIndex);
      const date = format(day, 'yyyy-MM-dd');
      budget = dayIndex === days - 1 ? count - id : budget + perDay;
      for (const bill of MONTHLY) {
        if (bill.dayOfMonth !== day.getDate() || id >= count || budget < 1) continue;
        id++;
        budget--;
        const description =
          bill.pence > 0 ? `FASTER PAYMENT RECEIVED FROM ${bill.name.toUpperCase()}` : directDebit(bill.name);
        yield row(id, date, description, bill.pence, bill.category, bill.name, bill.huququllah ?? null);
      }
      for (; budget >= 1 && id < count; budget--) {
        const m = pickWeighted(EVERYDAY, totalWeight, random);
        const pence = Math.round(m.min + random() * (m.max - m.min));
        id++;
        // About one in twelve rows is left for the user (or the rules) to categorise.
        const category = random() < 0.08 ? null : m.category;
        yield row(id, date, m.statement(m.name, day, random), pence, category, m.name, m.huququllah ?? null);
        if (m.name === 'Amazon' && random() < 0.6) addAmazonOrder(id, day, -pence);
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
