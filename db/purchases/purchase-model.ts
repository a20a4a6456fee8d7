// Amazon and Apple purchases, what imports them and what matching proposes.

export type PurchaseSource = 'amazon' | 'apple';
export type PurchaseKind = 'order' | 'refund';
export const PURCHASE_FORMATS = ['amazon-orders', 'amazon-returns', 'amazon-digital', 'apple'] as const;
export type PurchaseFormat = (typeof PURCHASE_FORMATS)[number];
export type MatchStatus = 'proposed' | 'confirmed' | 'manual';

/** One purchase as a file gives it. */
export interface NewPurchase {
  source: PurchaseSource;
  kind: PurchaseKind;
  /** Order id, or a refund's reversal id. */
  externalId: string;
  /** The order it belongs to (its own id for an order). */
  orderId: string;
  /** YYYY-MM-DD */
  date: string;
  /** Positive: what was charged or refunded. */
  amountPence: number;
  currency: string;
  /** Product or app names, joined with " | ". */
  items: string;
  status: string | null;
}

export interface PurchaseImportRequest {
  fileName: string;
  sha256: string;
  format: PurchaseFormat;
  purchases: readonly NewPurchase[];
}

export interface PurchaseImportResult {
  /** The import recorded; the earlier one when this very file was imported before. */
  importId: number;
  added: number;
  duplicates: number;
  /** The same file (by SHA-256) had been imported already: nothing was written. */
  alreadyImported: boolean;
}

export interface Purchase extends NewPurchase {
  id: number;
  match: { transactionId: number; status: MatchStatus; confidence: number } | null;
}

export interface UnmatchedCharge {
  id: number;
  date: string;
  description: string;
  amountPence: number;
  source: PurchaseSource;
}

export interface MatchSummary {
  /** Purchases matched to a bank row (proposed, confirmed or by hand). */
  matched: number;
  /** Purchases (cancelled orders aside) with no bank row. */
  unmatchedOrders: number;
  /** Amazon or Apple bank rows, within the dates the purchases cover, that no purchase explains. */
  unmatchedCharges: number;
  /** Of `matched`: proposed by this run. */
  proposed: number;
}

export interface CoverageMonth {
  source: PurchaseSource;
  /** YYYY-MM */
  month: string;
  purchases: number;
  matchedPurchases: number;
  charges: number;
  unmatchedCharges: number;
}

export interface Coverage {
  /** Per source, the first and last purchase date on file. */
  spans: { source: PurchaseSource; from: string; to: string }[];
  months: CoverageMonth[];
}
