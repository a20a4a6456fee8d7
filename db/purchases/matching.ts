// The one matching engine for Amazon orders, Amazon refunds and Apple
// purchases. Pure: the store feeds it what is unmatched and writes back what
// it proposes. A purchase pairs with a bank row of its seller's text, of
// exactly its amount (money out for an order, in for a refund), within a few
// days. Within each amount, the pairs are chosen for the best overall
// assignment (assignment.ts), one to one. What is left may be several orders
// of one day charged together as one bank row.
import { assign, NO_EDGE } from './assignment.js';
import type { PurchaseKind, PurchaseSource } from './purchase-model.js';

export interface MatchablePurchase {
  id: number;
  source: PurchaseSource;
  kind: PurchaseKind;
  /** YYYY-MM-DD */
  date: string;
  /** Positive. */
  pence: number;
}

export interface MatchableCharge {
  id: number;
  source: PurchaseSource;
  date: string;
  /** Signed, as the bank row holds it: negative for money out. */
  pence: number;
}

export interface ProposedMatch {
  transactionId: number;
  /** One purchase, or several charged together. */
  purchaseIds: number[];
  /** 0–100. */
  confidence: number;
}

export interface MatchOptions {
  /** Days a charge may come before the purchase's date. */
  daysBefore?: number;
  /** Days it may come after (Amazon charges when it ships). */
  daysAfter?: number;
  /** Pairs the user rejected: never proposed. */
  rejected?: (purchaseId: number, transactionId: number) => boolean;
}

/** Beyond this many on the smaller side, a run of same-amount rows is assigned in date-ordered slices. */
const SLICE = 300;
/** Orders of one day tried together as one charge: subsets of up to this many. */
const GROUP_MAX = 8;
const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** Days late cost one each; early costs double, as a charge before the order is the less likely. */
function pairCost(purchaseDay: number, chargeDay: number, before: number, after: number): number {
  const diff = chargeDay - purchaseDay;
  if (diff < -before || diff > after) return NO_EDGE;
  return diff >= 0 ? diff : -2 * diff;
}

function confidenceOf(cost: number, grouped: boolean): number {
  const base = Math.max(40, 100 - 6 * cost);
  return grouped ? Math.round(base * 0.8) : base;
}

/** The bank row's side of a purchase's amount. */
function bucketOfPurchase(p: MatchablePurchase): string {
  return `${p.source}|${p.kind === 'order' ? -p.pence : p.pence}`;
}

function bucketOfCharge(c: MatchableCharge): string {
  return `${c.source}|${c.pence}`;
}

interface Dated<T> {
  item: T;
  day: number;
}

function byDayThenId<T extends { id: number }>(a: Dated<T>, b: Dated<T>): number {
  return a.day - b.day || a.item.id - b.item.id;
}

export function proposeMatches(
  purchases: readonly MatchablePurchase[],
  charges: readonly MatchableCharge[],
  options: MatchOptions = {},
): ProposedMatch[] {
  const before = options.daysBefore ?? 3;
  const after = options.daysAfter ?? 7;
  const rejected = options.rejected ?? (() => false);
  const buckets = new Map<string, { purchases: Dated<MatchablePurchase>[]; charges: Dated<MatchableCharge>[] }>();
  const bucket = (key: string) => {
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { purchases: [], charges: [] }));
    return b;
  };
  for (const p of purchases) bucket(bucketOfPurchase(p)).purchases.push({ item: p, day: dayNumber(p.date) });
  for (const c of charges) {
    const b = buckets.get(bucketOfCharge(c));
    // A charge with no purchase of its amount cannot pair one to one; it may still be a group's.
    if (b) b.charges.push({ item: c, day: dayNumber(c.date) });
  }

  const matches: ProposedMatch[] = [];
  const usedPurchases = new Set<number>();
  const usedCharges = new Set<number>();
  for (const key of [...buckets.keys()].sort()) {
    const b = buckets.get(key);
    if (!b?.charges.length) continue;
    b.purchases.sort(byDayThenId);
    b.charges.sort(byDayThenId);
    for (const [ps, cs] of clusters(b.purchases, b.charges, before + after)) {
      const cost = ps.map((p) =>
        cs.map((c) => (rejected(p.item.id, c.item.id) ? NO_EDGE : pairCost(p.day, c.day, before, after))),
      );
      // Most runs are one purchase and one charge or so: the cheapest edge is then the whole answer.
      const pairs = ps.length === 1 ? [cheapest(cost[0] ?? [])] : assign(cost);
      pairs.forEach((j, i) => {
        const p = ps[i];
        const c = cs[j];
        if (!p || !c) return;
        usedPurchases.add(p.item.id);
        usedCharges.add(c.item.id);
        matches.push({
          transactionId: c.item.id,
          purchaseIds: [p.item.id],
          confidence: confidenceOf(cost[i]?.[j] ?? 0, false),
        });
      });
    }
  }
  matches.push(
    ...groupedMatches(
      purchases.filter((p) => !usedPurchases.has(p.id)),
      charges.filter((c) => !usedCharges.has(c.id)),
      before,
      after,
      rejected,
    ),
  );
  return matches.sort((a, b) => a.transactionId - b.transactionId);
}

/** The column of the lowest finite cost in a row, or -1. */
function cheapest(row: readonly number[]): number {
  let best = -1;
  for (let j = 0; j < row.length; j++)
    if (row[j] !== NO_EDGE && (best < 0 || (row[j] ?? 0) < (row[best] ?? 0))) best = j;
  return best;
}

/**
 * Runs of one amount's purchases and charges (each sorted by day) that can pair only among themselves: a gap
 * wider than the whole window separates them. A run too big for the exact method is cut into date slices.
 */
function* clusters<P, C>(
  purchases: Dated<P>[],
  charges: Dated<C>[],
  width: number,
): Generator<[Dated<P>[], Dated<C>[]]> {
  let i = 0;
  let j = 0;
  let ps: Dated<P>[] = [];
  let cs: Dated<C>[] = [];
  let last = Number.NEGATIVE_INFINITY;
  const flush = function* (): Generator<[Dated<P>[], Dated<C>[]]> {
    if (ps.length && cs.length) {
      if (Math.min(ps.length, cs.length) <= SLICE) yield [ps, cs];
      else {
        // Slices by date keep neighbours together; pairs across a slice edge are the only ones given up.
        const n = Math.ceil(Math.max(ps.length, cs.length) / SLICE);
        for (let k = 0; k < n; k++) {
          const pa = ps.slice(Math.floor((k * ps.length) / n), Math.floor(((k + 1) * ps.length) / n));
          const ca = cs.slice(Math.floor((k * cs.length) / n), Math.floor(((k + 1) * cs.length) / n));
          if (pa.length && ca.length) yield [pa, ca];
        }
      }
    }
    ps = [];
    cs = [];
  };
  while (i < purchases.length || j < charges.length) {
    const p = purchases[i];
    const c = charges[j];
    const day = p !== undefined && (c === undefined || p.day <= c.day) ? p.day : (c?.day ?? 0);
    if (day - last > width) yield* flush();
    last = day;
    if (p !== undefined && (c === undefined || p.day <= c.day)) {
      ps.push(p);
      i++;
    } else if (c) {
      cs.push(c);
      j++;
    }
  }
  yield* flush();
}

/** Several orders of one seller and one day whose amounts add up to one charge left unmatched. */
function groupedMatches(
  purchases: readonly MatchablePurchase[],
  charges: readonly MatchableCharge[],
  before: number,
  after: number,
  rejected: (purchaseId: number, transactionId: number) => boolean,
): ProposedMatch[] {
  const days = new Map<string, MatchablePurchase[]>();
  for (const p of purchases) {
    if (p.kind !== 'order') continue;
    const key = `${p.source}|${p.date}`;
    const list = days.get(key);
    if (list) list.push(p);
    else days.set(key, [p]);
  }
  const sums = new Map<string, { day: number; items: MatchablePurchase[] }[]>();
  for (const list of days.values()) {
    if (list.length < 2) continue;
    const members = [...list].sort((a, b) => a.id - b.id).slice(0, GROUP_MAX);
    const day = dayNumber(members[0]?.date ?? '');
    for (let mask = 1; mask < 1 << members.length; mask++) {
      const items = members.filter((_, k) => mask & (1 << k));
      if (items.length < 2) continue;
      const key = `${items[0]?.source ?? ''}|${-items.reduce((n, p) => n + p.pence, 0)}`;
      const found = sums.get(key);
      if (found) found.push({ day, items });
      else sums.set(key, [{ day, items }]);
    }
  }
  if (!sums.size) return [];
  const taken = new Set<number>();
  const matches: ProposedMatch[] = [];
  const sorted = [...charges].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  for (const c of sorted) {
    const options = sums.get(bucketOfCharge(c));
    if (!options) continue;
    const chargeDay = dayNumber(c.date);
    let best: { cost: number; items: MatchablePurchase[] } | undefined;
    for (const option of options) {
      const cost = pairCost(option.day, chargeDay, before, after);
      if (cost === NO_EDGE) continue;
      if (option.items.some((p) => taken.has(p.id) || rejected(p.id, c.id))) continue;
      if (!best || cost < best.cost || (cost === best.cost && option.items.length > best.items.length))
        best = { cost, items: option.items };
    }
    if (!best) continue;
    for (const p of best.items) taken.add(p.id);
    matches.push({
      transactionId: c.id,
      purchaseIds: best.items.map((p) => p.id),
      confidence: confidenceOf(best.cost, true),
    });
  }
  return matches;
}
