// The everyday card spending of the demo data: merchants with their usual
// amounts, how often people use them, and how a statement names the payment.
// Small amounts are far more common than large ones (a coffee a day, a big
// shop a week): the mean row is about £16, so a year of ~1,500 rows fits a UK salary.

export type Huququllah = 'essential' | 'discretionary';

/** A day's date in the forms statements print, formatted once per day rather than per row. */
export interface StatementDay {
  iso: string;
  /** "05 MAR" */
  dayMonth: string;
  /** "05/03" */
  slashed: string;
}

export interface Merchant {
  name: string;
  category: string | null;
  /** Smallest and largest amount in pence; most fall near the smallest. */
  smallest: number;
  largest: number;
  /** Money in (a refund) rather than out. */
  income?: boolean;
  weight: number;
  statement: (name: string, day: StatementDay, random: () => number) => string;
  huququllah?: Huququllah;
}

export const card = (name: string, day: StatementDay) => `CARD PAYMENT TO ${name.toUpperCase()} ON ${day.dayMonth}`;
const contactless = (name: string, day: StatementDay, random: () => number) =>
  `${name.toUpperCase()} ${1000 + Math.floor(random() * 8999)} CONTACTLESS ${day.slashed}`;
const amazon = (_: string, _day: StatementDay, random: () => number) =>
  `AMAZON.CO.UK*${Math.floor(random() * 36 ** 9)
    .toString(36)
    .toUpperCase()
    .padStart(9, '0')} AMAZON.CO.UK`;

export const AMAZON = 'Amazon';

export const EVERYDAY: readonly [Merchant, ...Merchant[]] = [
  {
    name: 'Tesco Stores',
    category: 'Groceries',
    smallest: 250,
    largest: 9_000,
    weight: 10,
    statement: card,
    huququllah: 'essential',
  },
  {
    name: "Sainsbury's",
    category: 'Groceries',
    smallest: 300,
    largest: 8_500,
    weight: 6,
    statement: card,
    huququllah: 'essential',
  },
  {
    name: 'Asda',
    category: 'Groceries',
    smallest: 400,
    largest: 8_000,
    weight: 3,
    statement: card,
    huququllah: 'essential',
  },
  {
    name: 'Aldi',
    category: 'Groceries',
    smallest: 300,
    largest: 6_500,
    weight: 3,
    statement: card,
    huququllah: 'essential',
  },
  {
    name: 'Lidl',
    category: 'Groceries',
    smallest: 250,
    largest: 5_500,
    weight: 3,
    statement: card,
    huququllah: 'essential',
  },
  {
    name: 'Waitrose',
    category: 'Groceries',
    smallest: 400,
    largest: 8_500,
    weight: 2,
    statement: card,
    huququllah: 'essential',
  },
  {
    name: 'Co-op Food',
    category: 'Groceries',
    smallest: 150,
    largest: 2_500,
    weight: 6,
    statement: contactless,
    huququllah: 'essential',
  },
  { name: 'M&S Simply Food', category: 'Groceries', smallest: 300, largest: 2_800, weight: 4, statement: contactless },
  {
    name: 'TfL Travel Charge',
    category: 'Transport',
    smallest: 175,
    largest: 890,
    weight: 14,
    statement: (n) => `${n.toUpperCase()} TFL.GOV.UK/CP`,
    huququllah: 'essential',
  },
  {
    name: 'Trainline',
    category: 'Transport',
    smallest: 800,
    largest: 12_000,
    weight: 1.5,
    statement: card,
    huququllah: 'essential',
  },
  {
    name: 'Shell',
    category: 'Transport',
    smallest: 2_000,
    largest: 9_000,
    weight: 1.5,
    statement: card,
    huququllah: 'essential',
  },
  {
    name: 'BP',
    category: 'Transport',
    smallest: 2_000,
    largest: 8_500,
    weight: 1,
    statement: card,
    huququllah: 'essential',
  },
  {
    name: 'Uber',
    category: 'Transport',
    smallest: 600,
    largest: 4_500,
    weight: 2,
    statement: (n, d) => `${card(n, d)} UBER.COM/GB`,
    huququllah: 'discretionary',
  },
  {
    name: 'Pret A Manger',
    category: 'Dining',
    smallest: 250,
    largest: 1_200,
    weight: 7,
    statement: contactless,
    huququllah: 'discretionary',
  },
  {
    name: 'Costa Coffee',
    category: 'Dining',
    smallest: 250,
    largest: 900,
    weight: 6,
    statement: contactless,
    huququllah: 'discretionary',
  },
  {
    name: 'Greggs',
    category: 'Dining',
    smallest: 150,
    largest: 800,
    weight: 6,
    statement: contactless,
    huququllah: 'discretionary',
  },
  {
    name: "Nando's",
    category: 'Dining',
    smallest: 1_200,
    largest: 6_000,
    weight: 1.2,
    statement: card,
    huququllah: 'discretionary',
  },
  {
    name: 'Deliveroo',
    category: 'Dining',
    smallest: 1_200,
    largest: 5_000,
    weight: 2,
    statement: card,
    huququllah: 'discretionary',
  },
  {
    name: 'Just Eat',
    category: 'Dining',
    smallest: 1_100,
    largest: 4_500,
    weight: 1.5,
    statement: card,
    huququllah: 'discretionary',
  },
  {
    name: 'Wagamama',
    category: 'Dining',
    smallest: 1_500,
    largest: 7_000,
    weight: 0.8,
    statement: card,
    huququllah: 'discretionary',
  },
  {
    name: 'Odeon Cinemas',
    category: 'Entertainment',
    smallest: 900,
    largest: 4_000,
    weight: 0.6,
    statement: card,
    huququllah: 'discretionary',
  },
  {
    name: 'Steam Games',
    category: 'Entertainment',
    smallest: 299,
    largest: 6_000,
    weight: 0.6,
    statement: card,
    huququllah: 'discretionary',
  },
  { name: AMAZON, category: 'Shopping', smallest: 399, largest: 15_000, weight: 4, statement: amazon },
  { name: 'Argos', category: 'Shopping', smallest: 500, largest: 20_000, weight: 0.5, statement: card },
  {
    name: 'John Lewis',
    category: 'Shopping',
    smallest: 1_000,
    largest: 30_000,
    weight: 0.3,
    statement: card,
    huququllah: 'discretionary',
  },
  { name: 'Primark', category: 'Shopping', smallest: 400, largest: 6_000, weight: 1, statement: card },
  { name: 'IKEA', category: 'Shopping', smallest: 500, largest: 25_000, weight: 0.3, statement: card },
  {
    name: 'Boots',
    category: 'Health',
    smallest: 200,
    largest: 4_000,
    weight: 3,
    statement: contactless,
    huququllah: 'essential',
  },
  {
    name: 'Specsavers',
    category: 'Health',
    smallest: 2_500,
    largest: 25_000,
    weight: 0.12,
    statement: card,
    huququllah: 'essential',
  },
  {
    name: 'LINK ATM',
    category: null,
    smallest: 1_000,
    largest: 20_000,
    weight: 1,
    statement: (_n, d) => `CASH WITHDRAWAL LINK ATM ${d.dayMonth}`,
  },
  {
    name: 'PayPal',
    category: 'Other',
    smallest: 300,
    largest: 9_000,
    weight: 1.2,
    statement: (_n, _d, r) => `PAYPAL *${['EBAY', 'VINTED', 'ETSY', 'DEPOP'][Math.floor(r() * 4)]}`,
  },
  {
    name: 'Refund',
    category: 'Shopping',
    smallest: 300,
    largest: 9_000,
    income: true,
    weight: 0.4,
    statement: (_n, d) => `REFUND FROM AMAZON.CO.UK ${d.dayMonth}`,
  },
];

/** A signed amount in pence: smallest + (largest - smallest) * r³, so small amounts dominate. */
export function everydayAmount(m: Merchant, random: () => number): number {
  const r = random();
  const pence = Math.round(m.smallest + (m.largest - m.smallest) * r * r * r);
  return m.income ? pence : -pence;
}

const totalWeight = EVERYDAY.reduce((sum, m) => sum + m.weight, 0);

/** What one everyday row costs on average, in pence (negative: money out); salaries are sized by it. */
export const MEAN_EVERYDAY_PENCE =
  EVERYDAY.reduce((sum, m) => sum + (m.income ? 1 : -1) * m.weight * (m.smallest + (m.largest - m.smallest) / 4), 0) /
  totalWeight;

/** Cumulative shares, so a pick is one random number and a short scan. */
let cumulative = 0;
const PICKS = EVERYDAY.map((merchant) => ({ merchant, below: (cumulative += merchant.weight / totalWeight) }));

export function pickMerchant(random: () => number): Merchant {
  const x = random();
  for (const { merchant, below } of PICKS) if (x < below) return merchant;
  return EVERYDAY[0]; // only if rounding leaves the last share a hair short of 1
}
