// Apple's "Report a Problem" purchase history, saved from the browser as HTML.
// Its markup changes with every redesign, so the page is read as text in
// document order (parse5, as a browser builds it): a date ("3 Mar 2025")
// starts a purchase, then its order id (10–15 capitals and digits after
// "Order ID"), "Total" and the price, and the item lines (app, then its
// publisher; free items have no price). A purchase with no total was free:
// nothing to match, so it is not stored.
import type { NewPurchase } from '../../../../db/purchases/purchase-model.js';
import { parseAmount } from '../imports/amounts.js';
import { parseDate } from '../imports/dates.js';
import { parseHtml, textRuns } from '../imports/html-tree.js';
import type { ParsedPurchases, PurchaseProblem } from './purchase-file.js';

const DATE = /^\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}$/i;
const ORDER_ID = /^[A-Z0-9]{10,15}$/;
const ORDER_LABEL = /^order id:?\s*(.*)$/i;
const TOTAL_LABEL = /^total:?\s*(.*)$/i;
const PRICE = /^[£$€]\s?\d[\d,]*\.\d{2}$/;
const CURRENCIES: Record<string, string> = { '£': 'GBP', $: 'USD', '€': 'EUR' };
/** Words on the page that are neither an item nor a value. */
const CHROME = /^(?:free|get|report(?: a problem)?|receipt|billed to|document no\.?|purchase history)$/i;

interface Draft {
  line: number;
  date: string;
  orderId?: string;
  total?: string;
  lines: string[];
}

/** Apple's page, recognised by what it says rather than how it is laid out. */
export function looksLikeApplePage(text: string): boolean {
  return /<(html|body|div|table)[\s>]/i.test(text.slice(0, 65536)) && /order id/i.test(text) && /total/i.test(text);
}

export function parseApplePage(text: string): ParsedPurchases {
  const runs = textRuns(parseHtml(text))
    .map((r) => ({ text: r.text.replace(/\s+/g, ' ').trim(), line: r.line }))
    .filter((r) => r.text);
  const drafts: Draft[] = [];
  let current: Draft | undefined;
  let expect: 'id' | 'total' | undefined;
  for (const { text: t, line } of runs) {
    if (DATE.test(t)) {
      const date = parseDate(t);
      current = { line, date: date.ok ? date.value : '', lines: [] };
      drafts.push(current);
      expect = undefined;
      continue;
    }
    if (!current) continue;
    const label = ORDER_LABEL.exec(t);
    const total = TOTAL_LABEL.exec(t);
    if (label) {
      if (label[1]) current.orderId = label[1];
      else expect = 'id';
    } else if (expect === 'id' && ORDER_ID.test(t)) {
      current.orderId = t;
      expect = undefined;
    } else if (total) {
      if (total[1]) current.total = total[1];
      else expect = 'total';
    } else if (expect === 'total' && PRICE.test(t)) {
      current.total = t;
      expect = undefined;
    } else if (!PRICE.test(t) && !CHROME.test(t)) current.lines.push(t);
  }
  const purchases: NewPurchase[] = [];
  const problems: PurchaseProblem[] = [];
  for (const d of drafts) {
    if (d.total === undefined) continue;
    const amount = parseAmount(d.total);
    const problem = !d.date
      ? 'the date cannot be read'
      : !d.orderId || !ORDER_ID.test(d.orderId)
        ? `the order id ${JSON.stringify(d.orderId ?? '')} is not 10–15 capital letters and digits`
        : !amount.ok
          ? amount.reason
          : undefined;
    if (problem || !amount.ok || !d.orderId) {
      problems.push({ line: d.line, reason: `the purchase of ${d.date || 'an unreadable date'}: ${problem ?? ''}` });
      continue;
    }
    const items: string[] = [];
    for (let i = 0; i < d.lines.length; i += 2) {
      const publisher = d.lines[i + 1];
      items.push(publisher ? `${d.lines[i] ?? ''} (${publisher})` : (d.lines[i] ?? ''));
    }
    purchases.push({
      source: 'apple',
      kind: 'order',
      externalId: d.orderId,
      orderId: d.orderId,
      date: d.date,
      amountPence: Math.abs(amount.value),
      currency: CURRENCIES[d.total.trim()[0] ?? ''] ?? 'GBP',
      items: items.join(' | '),
      status: null,
    });
  }
  return { purchases, problems };
}
