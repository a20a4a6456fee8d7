// Generated Amazon and Apple purchase histories with the bank rows that paid
// them and the true pairs, for the matching tests and bench. Seeded, so every
// run builds the same files. What it covers: one order to one charge (some
// with the same amount a few days apart, where first-come matching goes
// wrong), several orders of one day charged together, refunds, orders never
// charged (gift cards, cancelled), Amazon charges with no order, Apple bills
// paid with Apple Pay (Apple purchases) and card payments made with Apple Pay
// (not Apple purchases), and other shops' rows of the same amounts.
import { seededRandom } from '../../main/services/demo/demo-data.js';
import { penceToDecimal } from '../../db/money.js';

export interface ItemLine {
  name: string;
  pence: number;
}

export interface GeneratedOrder {
  id: string;
  date: string;
  items: ItemLine[];
  cancelled?: boolean;
}

export interface GeneratedRefund {
  reversalId: string;
  orderId: string;
  date: string;
  pence: number;
}

export interface GeneratedApple {
  id: string;
  date: string;
  items: { app: string; publisher: string; pence: number | null }[];
}

export interface BankLine {
  date: string;
  description: string;
  amountPence: number;
}

export interface PurchaseHistory {
  orders: GeneratedOrder[];
  refunds: GeneratedRefund[];
  apple: GeneratedApple[];
  bank: BankLine[];
  /** "amazon|order|<id>", "amazon|refund|<reversal id>", "apple|order|<id>" -> index into `bank`. */
  truth: Map<string, number>;
}

export interface HistoryOptions {
  seed?: number;
  /** Amazon orders (before grouping and the never-charged ones are carved out). */
  orders?: number;
  apple?: number;
  /** Rows of other shops added to the bank, spread over the same dates. */
  otherRows?: number;
  start?: string;
  days?: number;
}

const PRODUCTS = [
  'Anker USB-C Charger, 20W',
  'Kindle Paperwhite "Signature Edition"',
  'Oral-B Toothbrush Heads | 8 pack',
  'Café Nero Coffee Beans 1kg',
  'Pukka Pad A4 Notebook',
  'Duracell AA Batteries (12)',
];
const APPS = [
  ['Procreate', 'Savage Interactive Pty Ltd'],
  ['iCloud+ 200 GB', 'Apple Services'],
  ['Monument Valley 2', 'ustwo games'],
  ['Things 3', 'Cultured Code GmbH & Co. KG'],
] as const;
const OTHER_SHOPS = ['TESCO STORES 3217', 'SAINSBURYS S/MKT', 'TFL TRAVEL CH', 'PRET A MANGER', 'BOOTS 1123'];

export function generatePurchaseHistory(options: HistoryOptions = {}): PurchaseHistory {
  const random = seededRandom(options.seed ?? 7);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const start = Date.parse(`${options.start ?? '2025-01-01'}T00:00:00Z`);
  const days = options.days ?? 365;
  const day = (n: number) => new Date(start + n * 86_400_000).toISOString().slice(0, 10);
  const code = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'.charAt(int(0, 33));
    return s;
  };
  const history: PurchaseHistory = { orders: [], refunds: [], apple: [], bank: [], truth: new Map() };
  const charge = (date: string, description: string, amountPence: number) =>
    history.bank.push({ date, description, amountPence }) - 1;
  const amazonText = () => pick(['AMAZON.CO.UK*', 'AMZN MKTP UK*', 'AMAZON EU SARL*']) + code(9);
  let serial = 0;
  const orderId = () =>
    `${int(200, 299)}-${String(1_000_000 + serial++).slice(1)}${int(0, 9)}-${int(1_000_000, 9_999_999)}`;
  const newOrder = (date: string): GeneratedOrder => ({
    id: orderId(),
    date,
    items: Array.from({ length: int(1, 3) }, () => ({ name: pick(PRODUCTS), pence: int(199, 8999) })),
  });
  const total = (o: GeneratedOrder) => o.items.reduce((n, i) => n + i.pence, 0);

  const count = options.orders ?? 200;
  for (let k = 0; k < count; k++) {
    const d = int(0, days - 10);
    const roll = random();
    if (roll < 0.08) {
      // Two or three orders of one day, charged as one.
      const group = Array.from({ length: int(2, 3) }, () => newOrder(day(d)));
      history.orders.push(...group);
      const at = charge(day(d + int(0, 3)), amazonText(), -group.reduce((n, o) => n + total(o), 0));
      for (const o of group) history.truth.set(`amazon|order|${o.id}`, at);
    } else if (roll < 0.12) {
      // Paid by gift card or cancelled: no charge.
      const o = newOrder(day(d));
      if (random() < 0.5) o.cancelled = true;
      history.orders.push(o);
    } else if (roll < 0.16) {
      // Where first-come goes wrong: the earlier order's nearest charge is the later order's only one (its own
      // was taken three days before it was placed, as pre-orders are).
      const a = newOrder(day(d + 3));
      const b = { ...newOrder(day(d + 10)), items: a.items.map((i) => ({ ...i })) };
      history.orders.push(a, b);
      history.truth.set(`amazon|order|${a.id}`, charge(day(d), amazonText(), -total(a)));
      history.truth.set(`amazon|order|${b.id}`, charge(day(d + 7), amazonText(), -total(b)));
    } else if (roll < 0.22) {
      // Same amount twice, a few days apart.
      const a = newOrder(day(d));
      const b = { ...newOrder(day(d + 4)), items: a.items.map((i) => ({ ...i })) };
      history.orders.push(a, b);
      history.truth.set(`amazon|order|${a.id}`, charge(day(d + 3), amazonText(), -total(a)));
      history.truth.set(`amazon|order|${b.id}`, charge(day(d + 4), amazonText(), -total(b)));
    } else {
      const o = newOrder(day(d));
      history.orders.push(o);
      history.truth.set(`amazon|order|${o.id}`, charge(day(d + int(0, 3)), amazonText(), -total(o)));
      if (random() < 0.1) {
        const back = d + int(5, 9);
        const refund = { reversalId: `R${code(12)}`, orderId: o.id, date: day(back), pence: total(o) };
        history.refunds.push(refund);
        history.truth.set(
          `amazon|refund|${refund.reversalId}`,
          charge(day(back + int(0, 2)), `AMAZON.CO.UK REFUND ${code(6)}`, refund.pence),
        );
      }
    }
  }
  // Amazon charges no order explains (Prime, orders from another account).
  for (let k = 0; k < Math.ceil(count / 30); k++)
    charge(day(int(0, days - 1)), 'AMAZON PRIME*' + code(6), -int(799, 999));

  for (let k = 0; k < (options.apple ?? 60); k++) {
    const d = int(0, days - 10);
    const items = Array.from({ length: int(1, 2) }, () => {
      const [app, publisher] = pick(APPS);
      return { app, publisher, pence: random() < 0.15 ? null : int(79, 2499) };
    });
    const purchase = { id: `M${code(int(9, 14))}`, date: day(d), items };
    history.apple.push(purchase);
    const pence = items.reduce((n, i) => n + (i.pence ?? 0), 0);
    if (!pence) continue;
    const via = random() < 0.5 ? 'APPLE.COM/BILL ITUNES.COM' : 'APPLE.COM/BILL APPLE PAY';
    history.truth.set(`apple|order|${purchase.id}`, charge(day(d + int(0, 2)), via, -pence));
    // A card payment made with Apple Pay on the same day for the same amount: not an Apple purchase.
    if (random() < 0.3) charge(day(d), `APPLE PAY ${pick(OTHER_SHOPS)}`, -pence);
  }

  for (let k = 0; k < (options.otherRows ?? 300); k++) {
    const amount =
      random() < 0.3 && history.bank.length
        ? (history.bank[int(0, history.bank.length - 1)]?.amountPence ?? -100)
        : -int(100, 9999);
    charge(day(int(0, days - 1)), pick(OTHER_SHOPS), amount);
  }
  return history;
}

const ORDER_HEADER = [
  'Website',
  'Order ID',
  'Order Date',
  'Purchase Order Number',
  'Currency',
  'Unit Price',
  'Unit Price Tax',
  'Shipping Charge',
  'Total Discounts',
  'Total Owed',
  'Shipment Item Subtotal',
  'Shipment Item Subtotal Tax',
  'ASIN',
  'Product Condition',
  'Quantity',
  'Payment Instrument Type',
  'Order Status',
  'Shipment Status',
  'Ship Date',
  'Shipping Option',
  'Shipping Address',
  'Billing Address',
  'Carrier Name & Tracking Number',
  'Product Name',
  'Gift Message',
  'Gift Sender Name',
  'Gift Recipient Contact Details',
  'Item Serial Number',
];

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const line = (cells: readonly string[]) => cells.map(quote).join(',');

/** Amazon's "Retail.OrderHistory.1.csv": UTF-8 with a BOM, CRLF, one row per item. */
export function amazonOrdersCsv(orders: readonly GeneratedOrder[]): string {
  const rows = orders.flatMap((o) =>
    o.items.map((item) => {
      const price = penceToDecimal(item.pence);
      const status = o.cancelled ? 'Cancelled' : 'Closed';
      const cells: Record<string, string> = {
        Website: 'Amazon.co.uk',
        'Order ID': o.id,
        'Order Date': `${o.date}T10:15:30Z`,
        'Purchase Order Number': 'Not Applicable',
        Currency: 'GBP',
        'Unit Price': price,
        'Unit Price Tax': '0',
        'Shipping Charge': '0',
        'Total Discounts': '0',
        'Total Owed': price,
        ASIN: 'B0' + o.id.slice(-8),
        Quantity: '1',
        'Payment Instrument Type': 'Visa - 1234',
        'Order Status': status,
        'Shipment Status': o.cancelled ? 'Not Available' : 'Shipped',
        'Ship Date': o.cancelled ? 'Not Available' : `${o.date}T18:00:00Z`,
        'Shipping Address': 'A Person 1 High Street, London, SW1A 1AA, United Kingdom',
        'Product Name': item.name,
      };
      return line(ORDER_HEADER.map((h) => cells[h] ?? 'Not Available'));
    }),
  );
  return `\uFEFF${[line(ORDER_HEADER), ...rows].join('\r\n')}\r\n`;
}

/** Amazon's "Retail.OrdersReturned.Payments.1.csv". */
export function amazonReturnsCsv(refunds: readonly GeneratedRefund[]): string {
  const header = [
    'OrderID',
    'ReversalID',
    'RefundCompletionDate',
    'Currency',
    'AmountRefunded',
    'Status',
    'DisbursementType',
  ];
  const rows = refunds.map((r) =>
    line([r.orderId, r.reversalId, `${r.date}T09:00:00Z`, 'GBP', penceToDecimal(r.pence), 'Completed', 'Refund']),
  );
  return `\uFEFF${[line(header), ...rows].join('\r\n')}\r\n`;
}

/** Amazon's digital orders ("Digital Items.csv"): Kindle books, videos, music. */
export function amazonDigitalCsv(orders: readonly GeneratedOrder[]): string {
  const header = [
    'ASIN',
    'ProductName',
    'OrderId',
    'OrderDate',
    'OurPrice',
    'BaseCurrencyCode',
    'TransactionAmount',
    'Publisher',
  ];
  const rows = orders.flatMap((o) =>
    o.items.map((i) =>
      line([
        'B0' + o.id.slice(-8),
        i.name,
        o.id,
        `${o.date}T12:00:00Z`,
        penceToDecimal(i.pence),
        'GBP',
        penceToDecimal(i.pence),
        'A Publisher',
      ]),
    ),
  );
  return [line(header), ...rows].join('\n') + '\n';
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const appleDate = (iso: string) =>
  `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''} ${iso.slice(0, 4)}`;
const pounds = (pence: number) => `£${penceToDecimal(pence)}`;

/** Apple's "Report a Problem" purchase history as a browser saves it: the two layouts seen (id inline or apart). */
export function appleReportHtml(purchases: readonly GeneratedApple[]): string {
  const blocks = purchases.map((p, k) => {
    const total = p.items.reduce((n, i) => n + (i.pence ?? 0), 0);
    const id =
      k % 2
        ? `<div class="order">Order ID: ${p.id}</div>`
        : `<div class="order"><span>Order ID</span>\n<span>${p.id}</span></div>`;
    const items = p.items
      .map(
        (i) =>
          `<li class="item"><div class="title">${escapeHtml(i.app)}</div><div class="publisher">${escapeHtml(i.publisher)}</div>` +
          `<div class="price">${i.pence === null ? 'Free' : pounds(i.pence)}</div></li>`,
      )
      .join('\n');
    const totalLine = total ? `<div class="total"><span>Total</span> <span>${pounds(total)}</span></div>` : '';
    return `<section class="purchase">\n<h3 class="date">${appleDate(p.date)}</h3>\n${id}\n<ul>\n${items}\n</ul>\n${totalLine}\n</section>`;
  });
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Report a Problem</title><style>.x{}</style></head>\n<body><h1>Purchase History</h1>\n${blocks.join('\n')}\n</body></html>\n`;
}
