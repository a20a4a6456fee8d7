// Amazon's own export files to purchases: the order history
// ("Retail.OrderHistory": one row per item, rows of one order share its Order
// ID and its total is the SUM of their Total Owed, which the old app got
// wrong by taking the first row's), the refunds ("OrdersReturned.Payments":
// one row per refund) and the digital orders (Kindle, Video, Music).
import type { NewPurchase } from '../../../../db/purchases/purchase-model.js';
import { parseAmount } from '../imports/amounts.js';
import { parseDate } from '../imports/dates.js';
import { findColumn, headerKey } from '../imports/header-names.js';
import type { TableRecord } from '../imports/table-records.js';
import { cellText } from '../imports/table-records.js';
import type { ParsedPurchases, PurchaseProblem } from './purchase-file.js';

export interface AmazonColumns {
  id: readonly string[];
  date: readonly string[];
  amount: readonly string[];
  currency: readonly string[];
  name: readonly string[];
  status: readonly string[];
  /** Refunds: the order refunded. */
  order?: readonly string[];
}

export const ORDER_COLUMNS: AmazonColumns = {
  id: ['Order ID'],
  date: ['Order Date'],
  amount: ['Total Owed'],
  currency: ['Currency'],
  name: ['Product Name'],
  status: ['Order Status'],
};

export const DIGITAL_COLUMNS: AmazonColumns = {
  id: ['OrderId'],
  date: ['OrderDate'],
  amount: ['TransactionAmount', 'OurPrice'],
  currency: ['BaseCurrencyCode', 'OurPriceCurrencyCode', 'Currency'],
  name: ['ProductName', 'Title'],
  status: ['OrderStatus'],
};

export const RETURN_COLUMNS: AmazonColumns = {
  id: ['ReversalID'],
  order: ['OrderID'],
  date: ['RefundCompletionDate'],
  amount: ['AmountRefunded'],
  currency: ['Currency'],
  name: [],
  status: ['Status'],
};

/** Which of Amazon's files a header row is, if any. */
export function amazonFileOf(
  header: readonly string[],
): 'amazon-orders' | 'amazon-returns' | 'amazon-digital' | undefined {
  const keys = header.map(headerKey);
  const has = (columns: AmazonColumns) =>
    [columns.id, columns.date, columns.amount].every((aliases) => findColumn(keys, aliases) >= 0);
  if (has(RETURN_COLUMNS)) return 'amazon-returns';
  if (has(ORDER_COLUMNS)) return 'amazon-orders';
  if (has(DIGITAL_COLUMNS)) return 'amazon-digital';
  return undefined;
}

const CANCELLED = /cancel/i;

interface Group {
  line: number;
  id: string;
  order: string;
  date: string;
  pence: number;
  currency: string;
  names: string[];
  statuses: string[];
  dateProblem?: string;
  amountProblem?: string;
}

/**
 * Rows after the header into purchases, rows of one id summed. A row that cannot be read spoils its whole
 * order (its total would be wrong): the order is listed as unreadable, not stored short.
 */
export function readAmazonRecords(
  header: readonly string[],
  records: readonly TableRecord[],
  columns: AmazonColumns,
  kind: NewPurchase['kind'],
): ParsedPurchases {
  const keys = header.map(headerKey);
  const col = (aliases: readonly string[] | undefined) => (aliases ? findColumn(keys, aliases) : -1);
  const at = { id: col(columns.id), order: col(columns.order), date: col(columns.date), amount: col(columns.amount) };
  const currencyAt = col(columns.currency);
  const nameAt = col(columns.name);
  const statusAt = col(columns.status);
  const groups = new Map<string, Group>();
  const problems: PurchaseProblem[] = [];
  for (const record of records) {
    const cell = (i: number) => (i < 0 ? '' : cellText(record.cells[i]).trim());
    const id = cell(at.id);
    if (!id) {
      if (record.cells.some((c) => cellText(c).trim())) problems.push({ line: record.line, reason: 'it has no id' });
      continue;
    }
    let group = groups.get(id);
    const status = cell(statusAt);
    if (!group) {
      const date = parseDate(cell(at.date).slice(0, 10));
      group = {
        line: record.line,
        id,
        order: at.order >= 0 ? cell(at.order) || id : id,
        date: date.ok ? date.value : '',
        pence: 0,
        currency: cell(currencyAt) || 'GBP',
        names: [],
        statuses: [],
        ...(date.ok ? {} : { dateProblem: date.reason }),
      };
      groups.set(id, group);
    }
    const name = cell(nameAt);
    if (name) group.names.push(name);
    if (status) group.statuses.push(status);
    // A cancelled item of an order that still went ahead was never charged.
    if (kind === 'order' && CANCELLED.test(status)) continue;
    const amount = parseAmount(cell(at.amount));
    if (!amount.ok) group.amountProblem ??= amount.reason;
    else group.pence += amount.value;
  }
  const purchases: NewPurchase[] = [];
  for (const g of groups.values()) {
    const cancelled = g.statuses.length > 0 && g.statuses.every((s) => CANCELLED.test(s));
    // A cancelled order's amount does not matter; every purchase needs its date.
    const problem = g.dateProblem ?? (cancelled ? undefined : g.amountProblem);
    if (problem) {
      problems.push({ line: g.line, reason: `${kind === 'order' ? 'order' : 'refund'} ${g.id}: ${problem}` });
      continue;
    }
    purchases.push({
      source: 'amazon',
      kind,
      externalId: g.id,
      orderId: g.order,
      date: g.date,
      amountPence: Math.abs(g.pence),
      currency: g.currency,
      items: g.names.join(' | '),
      status: cancelled ? 'Cancelled' : (g.statuses.find((s) => !CANCELLED.test(s)) ?? null),
    });
  }
  return { purchases, problems };
}
