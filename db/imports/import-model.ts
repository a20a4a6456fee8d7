// Statement imports as the Store keeps them (issue 15): accounts, the rows a
// parsed statement brings (main/services/finance/imports/ reads the files),
// what a preview finds and what an import wrote.

export const ACCOUNT_KINDS = ['current', 'credit_card', 'savings'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export type { Account } from './account-model.js';

/** One transaction of a statement file, as its parser read it. */
export interface ImportRow {
  /** The file's line (or sheet row) it came from. */
  line: number;
  date: string;
  description: string;
  amountPence: number;
  /** The bank's own id for it (OFX FITID). */
  importId?: string;
}

export interface UnreadableLine {
  line: number;
  reason: string;
}

export interface StatementImportRequest {
  /** The file's base name: kept as each row's source_file, as the old app did. */
  fileName: string;
  sha256: string;
  format: string;
  /** The account the rows go into: made (with `kind`, 'current' when absent) when there is none of that name. */
  account?: { name: string; kind?: AccountKind };
  rows: readonly ImportRow[];
  unreadable: readonly UnreadableLine[];
}

/** Why a row is already in the store. */
export type DuplicateReason = 'import id' | 'same date, amount and description' | 'bank sync';

export interface DuplicateRow extends ImportRow {
  /** The stored row it is; null when it repeats an earlier row of the same file (the same import id twice). */
  transactionId: number | null;
  by: DuplicateReason;
}

export interface ImportPreview {
  fileName: string;
  account: { name: string; exists: boolean } | null;
  added: ImportRow[];
  duplicates: DuplicateRow[];
  unreadable: UnreadableLine[];
  /** Earlier imports of a file with the same bytes. */
  sameFile: number[];
}

export interface ImportResult extends ImportPreview {
  /** The statement import recorded. */
  importId: number;
}

export interface StatementImport {
  id: number;
  fileName: string;
  sha256: string;
  format: string;
  account: string | null;
  added: number;
  duplicates: number;
  unreadable: UnreadableLine[];
  createdAt: string;
}

export interface UndoImportResult {
  importId: number;
  /** Transactions removed. */
  removed: number;
  /** The account the import had made, removed with it. */
  accountRemoved: string | null;
}
