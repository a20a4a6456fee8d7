// Amazon and Apple purchases as the Store keeps them on both dialects: an
// idempotent import, matching against bank rows (matching.ts), the user's
// confirm / reject / match by hand, and coverage per month. Bank rows are
// only ever read here: their text is never changed.
import { sql } from 'drizzle-orm';
import { chunks } from '../bank/sql-values.js';
import { AppError } from '../errors.js';
import { readInt, type JsonColumn } from '../sql/dialect.js';
import type { Executor } from '../sql/executor.js';
import { CHARGE_FRAGMENTS, chargeSource } from './charge-text.js';
import { proposeMatches, type MatchableCharge, type MatchablePurchase, type MatchOptions } from './matching.js';
import type {
  Coverage,
  CoverageMonth,
  MatchStatus,
  MatchSummary,
  Purchase,
  PurchaseImportRequest,
  PurchaseImportResult,
  PurchaseKind,
  PurchaseSource,
  UnmatchedCharge,
} from './purchase-model.js';

const INSERT_ROWS = 2_000;
const PURCHASE_COLUMNS: readonly JsonColumn[] = [
  ['s', 'text'],
  ['k', 'text'],
  ['e', 'text'],
  ['o', 'text'],
  ['d', 'text'],
  ['a', 'text'],
  ['c', 'text'],
  ['i', 'text'],
  ['st', 'text'],
];
const MATCH_COLUMNS: readonly JsonColumn[] = [
  ['p', 'integer'],
  ['t', 'integer'],
  ['c', 'integer'],
];
/** How far from a purchase's date its charge may be: matching.ts's window, the widest way round. */
const WINDOW: Required<Pick<MatchOptions, 'daysBefore' | 'daysAfter'>> = { daysBefore: 3, daysAfter: 7 };

const NOT_CANCELLED = sql`(p.status IS NULL OR lower(p.status) NOT LIKE '%cancel%')`;

function noMatch(purchaseId: number): AppError {
  return new AppError(
    'not_found',
    `Purchase ${purchaseId} has no match to confirm or reject.`,
    'Run `spending purchases match` first, or match it by hand.',
  );
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface ChargeRow extends MatchableCharge {
  description: string;
  matched: boolean;
}

export class PurchaseStore {
  constructor(private readonly db: Executor) {}

  /**
   * Adds the file's purchases that are not stored yet (by seller, kind and id), in one transaction, and records
   * the import; the same file again (by SHA-256) writes nothing at all.
   */
  importPurchases(request: PurchaseImportRequest): Promise<PurchaseImportResult> {
    return this.db.transaction(async (tx) => {
      const d = tx.dialect;
      // Two imports at once on PostgreSQL would both find the file new.
      const lock = d.lockForWrite('purchase_imports');
      if (lock) await tx.run(lock);
      const [same] = await tx.all(sql`SELECT id FROM purchase_imports WHERE sha256 = ${request.sha256}`);
      if (same) {
        return { importId: readInt(same.id), added: 0, duplicates: request.purchases.length, alreadyImported: true };
      }
      const [created] = await tx.all(
        sql`INSERT INTO purchase_imports (file_name, sha256, format, added, duplicates)
            VALUES (${request.fileName}, ${request.sha256}, ${request.format}, 0, 0) RETURNING id`,
      );
      const importId = readInt(created?.id);
      const date = d.name === 'postgres' ? sql`v.d::date` : sql`v.d`;
      const amount = d.name === 'postgres' ? sql`v.a::numeric` : sql`CAST(v.a AS REAL)`;
      let added = 0;
      for (const part of chunks(request.purchases, INSERT_ROWS)) {
        const records = part.map((p) => ({
          s: p.source,
          k: p.kind,
          e: p.externalId,
          o: p.orderId,
          d: p.date,
          a: String(d.money(p.amountPence)),
          c: p.currency,
          i: p.items,
          st: p.status,
        }));
        added += await tx.run(
          sql`INSERT INTO purchases (source, kind, external_id, order_id, date, amount, currency, items, status, import_id)
              SELECT v.s, v.k, v.e, v.o, ${date}, ${amount}, v.c, v.i, v.st, ${importId}
              FROM ${d.jsonRecords(JSON.stringify(records), PURCHASE_COLUMNS, 'v')}
              WHERE true -- SQLite reads ON CONFLICT after a bare FROM as a join's ON
              ON CONFLICT (source, kind, external_id) DO NOTHING`,
        );
      }
      const duplicates = request.purchases.length - added;
      await tx.run(
        sql`UPDATE purchase_imports SET added = ${added}, duplicates = ${duplicates} WHERE id = ${importId}`,
      );
      return { importId, added, duplicates, alreadyImported: false };
    });
  }

  /**
   * Proposes a bank row for every purchase the user has not settled, afresh: earlier proposals are replaced,
   * confirmed and hand-made matches and rejected pairs are kept.
   */
  match(): Promise<MatchSummary> {
    return this.db.transaction(async (tx) => {
      const lock = tx.dialect.lockForWrite('purchase_matches');
      if (lock) await tx.run(lock);
      await tx.run(sql`DELETE FROM purchase_matches WHERE status = 'proposed'`);
      const purchases = await openPurchases(tx);
      const span = dateSpan(purchases.map((p) => p.date));
      const charges = span
        ? (await chargeRows(tx, shiftDays(span.from, -WINDOW.daysAfter), shiftDays(span.to, WINDOW.daysAfter))).filter(
            (c) => !c.matched,
          )
        : [];
      const rejected = new Set(
        (await tx.values(sql`SELECT purchase_id, transaction_id FROM purchase_rejections`)).map(
          ([p, t]) => `${readInt(p)}:${readInt(t)}`,
        ),
      );
      const proposed = proposeMatches(purchases, charges, {
        ...WINDOW,
        rejected: (p, t) => rejected.has(`${p}:${t}`),
      });
      const records = proposed.flatMap((m) =>
        m.purchaseIds.map((p) => ({ p, t: m.transactionId, c: Math.round(m.confidence) })),
      );
      for (const part of chunks(records, INSERT_ROWS)) {
        await tx.run(
          sql`INSERT INTO purchase_matches (purchase_id, transaction_id, status, confidence)
              SELECT v.p, v.t, 'proposed', v.c FROM ${tx.dialect.jsonRecords(JSON.stringify(part), MATCH_COLUMNS, 'v')}`,
        );
      }
      // The charges just read are every one not settled by the user: those left without a proposal are unmatched.
      const spans = new Map((await sourceSpans(tx)).map((s) => [s.source, s]));
      const taken = new Set(proposed.map((m) => m.transactionId));
      const unmatchedCharges = charges.filter((c) => {
        const s = spans.get(c.source);
        return !taken.has(c.id) && s !== undefined && c.date >= s.from && c.date <= s.to;
      }).length;
      return { ...(await countPurchases(tx)), unmatchedCharges, proposed: records.length };
    });
  }

  /** Purchases newest first, each with its match. */
  async list(options: { limit?: number; offset?: number; unmatchedOnly?: boolean } = {}): Promise<Purchase[]> {
    const d = this.db.dialect;
    const rows = await this.db.all(
      sql`SELECT p.id, p.source, p.kind, p.external_id, p.order_id, p.date, p.amount, p.currency, p.items, p.status,
            m.transaction_id, m.status AS match_status, m.confidence
          FROM purchases p LEFT JOIN purchase_matches m ON m.purchase_id = p.id
          ${options.unmatchedOnly ? sql`WHERE m.purchase_id IS NULL AND ${NOT_CANCELLED}` : sql``}
          ORDER BY p.date DESC, p.id DESC LIMIT ${options.limit ?? 200} OFFSET ${options.offset ?? 0}`,
    );
    return rows.map((r) => ({
      id: readInt(r.id),
      source: String(r.source) as PurchaseSource,
      kind: String(r.kind) as PurchaseKind,
      externalId: String(r.external_id),
      orderId: String(r.order_id),
      date: String(r.date),
      amountPence: d.readMoney(r.amount),
      currency: String(r.currency),
      items: String(r.items),
      status: (r.status as string | null) ?? null,
      match:
        r.transaction_id === null || r.transaction_id === undefined
          ? null
          : {
              transactionId: readInt(r.transaction_id),
              status: String(r.match_status) as MatchStatus,
              confidence: Number(r.confidence),
            },
    }));
  }

  /** Amazon and Apple bank rows in the dates the purchases cover that no purchase explains, oldest first. */
  async unmatchedCharges(limit = 200): Promise<UnmatchedCharge[]> {
    const spans = await sourceSpans(this.db);
    const found: UnmatchedCharge[] = [];
    for (const span of spans) {
      const rows = await chargeRows(this.db, span.from, span.to);
      for (const c of rows)
        if (!c.matched && c.source === span.source)
          found.push({ id: c.id, date: c.date, description: c.description, amountPence: c.pence, source: c.source });
    }
    return found.sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id).slice(0, limit);
  }

  /** The user agrees with a proposed match (all the purchases charged with it). */
  confirm(purchaseId: number): Promise<void> {
    return this.db.transaction(async (tx) => {
      const transactionId = await matchedTransaction(tx, purchaseId);
      await tx.run(
        sql`UPDATE purchase_matches SET status = 'confirmed' WHERE transaction_id = ${transactionId} AND status = 'proposed'`,
      );
    });
  }

  /** The user says the match is wrong: it is removed and its pairs are never proposed again. */
  reject(purchaseId: number): Promise<void> {
    return this.db.transaction(async (tx) => {
      const transactionId = await matchedTransaction(tx, purchaseId);
      const group = await tx.values(
        sql`SELECT purchase_id FROM purchase_matches WHERE transaction_id = ${transactionId} ORDER BY purchase_id`,
      );
      for (const [p] of group) {
        await tx.run(
          sql`INSERT INTO purchase_rejections (purchase_id, transaction_id) VALUES (${readInt(p)}, ${transactionId})
              ON CONFLICT DO NOTHING`,
        );
      }
      await tx.run(sql`DELETE FROM purchase_matches WHERE transaction_id = ${transactionId}`);
    });
  }

  /** The user pairs purchases (one, or several charged together) with a bank row; kept by later runs. */
  matchByHand(purchaseIds: readonly number[], transactionId: number): Promise<void> {
    return this.db.transaction(async (tx) => {
      const [t] = await tx.all(sql`SELECT id FROM transactions WHERE id = ${transactionId}`);
      if (!t)
        throw new AppError('not_found', `No transaction with id ${transactionId}.`, 'Check the id and try again.');
      if (!purchaseIds.length)
        throw new AppError('invalid_input', 'No purchase was given to match.', 'Choose one or more purchases.');
      for (const id of purchaseIds) {
        const [p] = await tx.all(sql`SELECT id FROM purchases WHERE id = ${id}`);
        if (!p) throw new AppError('not_found', `No purchase with id ${id}.`, 'Check the id and try again.');
      }
      // Whatever was proposed for this bank row or these purchases gives way to the user's choice.
      await tx.run(sql`DELETE FROM purchase_matches WHERE transaction_id = ${transactionId} AND status = 'proposed'`);
      for (const id of purchaseIds) {
        await tx.run(sql`DELETE FROM purchase_matches WHERE purchase_id = ${id}`);
        await tx.run(
          sql`DELETE FROM purchase_rejections WHERE purchase_id = ${id} AND transaction_id = ${transactionId}`,
        );
        await tx.run(
          sql`INSERT INTO purchase_matches (purchase_id, transaction_id, status, confidence)
              VALUES (${id}, ${transactionId}, 'manual', 100)`,
        );
      }
    });
  }

  /** Per seller and month: purchases, how many are matched, Amazon/Apple bank rows and how many are unexplained. */
  async coverage(): Promise<Coverage> {
    const spans = await sourceSpans(this.db);
    const months = new Map<string, CoverageMonth>();
    const at = (source: PurchaseSource, month: string) => {
      const key = `${source}|${month}`;
      let m = months.get(key);
      if (!m)
        months.set(key, (m = { source, month, purchases: 0, matchedPurchases: 0, charges: 0, unmatchedCharges: 0 }));
      return m;
    };
    const purchases = await this.db.values(
      sql`SELECT p.source, p.date, CASE WHEN EXISTS (SELECT 1 FROM purchase_matches m WHERE m.purchase_id = p.id) THEN 1 ELSE 0 END
          FROM purchases p WHERE ${NOT_CANCELLED}`,
    );
    for (const [source, date, matched] of purchases) {
      const m = at(String(source) as PurchaseSource, String(date).slice(0, 7));
      m.purchases++;
      if (readInt(matched)) m.matchedPurchases++;
    }
    for (const span of spans) {
      for (const c of await chargeRows(this.db, span.from, span.to)) {
        if (c.source !== span.source) continue;
        const m = at(c.source, c.date.slice(0, 7));
        m.charges++;
        if (!c.matched) m.unmatchedCharges++;
      }
    }
    return {
      spans,
      months: [...months.values()].sort((a, b) => a.source.localeCompare(b.source) || a.month.localeCompare(b.month)),
    };
  }
}

async function matchedTransaction(tx: Executor, purchaseId: number): Promise<number> {
  const [row] = await tx.all(
    sql`SELECT transaction_id FROM purchase_matches WHERE purchase_id = ${purchaseId}${tx.dialect.forUpdate}`,
  );
  if (!row) throw noMatch(purchaseId);
  return readInt(row.transaction_id);
}

function dateSpan(dates: readonly string[]): { from: string; to: string } | undefined {
  if (!dates.length) return undefined;
  let from = dates[0] ?? '';
  let to = from;
  for (const d of dates) {
    if (d < from) from = d;
    if (d > to) to = d;
  }
  return { from, to };
}

async function openPurchases(tx: Executor): Promise<MatchablePurchase[]> {
  const d = tx.dialect;
  const rows = await tx.values(
    sql`SELECT p.id, p.source, p.kind, p.date, ${d.pence(sql`p.amount`)} FROM purchases p
        WHERE ${NOT_CANCELLED} AND NOT EXISTS (SELECT 1 FROM purchase_matches m WHERE m.purchase_id = p.id)
        ORDER BY p.id`,
  );
  return rows.map(([id, source, kind, date, pence]) => ({
    id: readInt(id),
    source: String(source) as PurchaseSource,
    kind: String(kind) as PurchaseKind,
    date: String(date),
    pence: readInt(pence),
  }));
}

async function sourceSpans(db: Executor): Promise<Coverage['spans']> {
  const rows = await db.values(
    sql`SELECT source, MIN(date), MAX(date) FROM purchases p WHERE ${NOT_CANCELLED} GROUP BY source ORDER BY source`,
  );
  return rows.map(([source, from, to]) => ({
    source: String(source) as PurchaseSource,
    from: String(from),
    to: String(to),
  }));
}

/** Bank rows in the dates whose text names Amazon or Apple, with whether a purchase is matched to each. */
async function chargeRows(db: Executor, from: string, to: string): Promise<ChargeRow[]> {
  const d = db.dialect;
  const text = sql.join(
    CHARGE_FRAGMENTS.map((f) => d.contains(sql`t.description_folded`, f)),
    sql` OR `,
  );
  const rows = await db.values(
    // Rows written by other tools' SQL may have no folded text yet: those are judged by their text below.
    sql`SELECT t.id, t.date, ${d.pence(sql`t.amount`)}, t.description,
          CASE WHEN EXISTS (SELECT 1 FROM purchase_matches m WHERE m.transaction_id = t.id) THEN 1 ELSE 0 END
        FROM transactions t
        WHERE t.date >= ${from} AND t.date <= ${to} AND (t.description_folded IS NULL OR ${text})
        ORDER BY t.id`,
  );
  const charges: ChargeRow[] = [];
  for (const [id, date, pence, description, matched] of rows) {
    const source = chargeSource(String(description));
    if (!source) continue;
    charges.push({
      id: readInt(id),
      source,
      date: String(date),
      pence: readInt(pence),
      description: String(description),
      matched: readInt(matched) === 1,
    });
  }
  return charges;
}

async function countPurchases(tx: Executor): Promise<Pick<MatchSummary, 'matched' | 'unmatchedOrders'>> {
  const [counts] = await tx.all(
    sql`SELECT (SELECT COUNT(*) FROM purchase_matches) AS matched,
          (SELECT COUNT(*) FROM purchases p WHERE ${NOT_CANCELLED}
             AND NOT EXISTS (SELECT 1 FROM purchase_matches m WHERE m.purchase_id = p.id)) AS unmatched`,
  );
  return { matched: readInt(counts?.matched), unmatchedOrders: readInt(counts?.unmatched) };
}
