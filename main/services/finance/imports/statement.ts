// The one shape every statement parser returns. A later slice dedupes and
// writes these rows; nothing here touches a database. The schemas are the
// contract (IPC, tests); parsers build plain objects and are not re-validated
// row by row, which would cost more than the parsing.
import { z } from 'zod';
import { IsoDate, Pence } from '../../../../db/model.js';

export const STATEMENT_FORMATS = ['santander-html', 'xls', 'xlsx', 'csv', 'ofx', 'qfx', 'qif'] as const;
export const StatementFormat = z.enum(STATEMENT_FORMATS);
export type StatementFormat = z.infer<typeof StatementFormat>;

/**
 * The source cells as text: a table row's cells in column order, or an OFX/QIF
 * record's fields by tag/code (a repeated QIF field's values joined by "\n").
 */
export const RawCells = z.union([z.array(z.string()), z.record(z.string(), z.string())]);
export type RawCells = z.infer<typeof RawCells>;

export const StatementRow = z.object({
  /** 1-based: the source line (CSV, HTML, OFX, QIF) or the sheet's row number (xls, xlsx). */
  line: z.number().int().positive(),
  date: IsoDate,
  /** The bank's text with leading and trailing white space removed; inner spacing kept as written. */
  description: z.string(),
  /** Negative = money out. */
  amountPence: Pence,
  /** OFX/QFX FITID: the bank's own id for the transaction. */
  importId: z.string().min(1).optional(),
  balancePence: Pence.optional(),
  raw: RawCells,
});
export type StatementRow = z.infer<typeof StatementRow>;

export const UnreadableRow = z.object({
  line: z.number().int().positive(),
  reason: z.string().min(1),
  raw: RawCells,
});
export type UnreadableRow = z.infer<typeof UnreadableRow>;

/** What the file says about its account; every field is the file's own text. */
export const StatementAccount = z.object({
  /** OFX ACCTID. */
  id: z.string().optional(),
  /** OFX BANKID (the sort code for UK banks). */
  bankId: z.string().optional(),
  branchId: z.string().optional(),
  /** OFX ACCTTYPE (CHECKING, SAVINGS, …, CREDITCARD for CCSTMTRS) or the QIF account/section type (Bank, CCard, …). */
  type: z.string().optional(),
  /** QIF account name (N of an !Account record). */
  name: z.string().optional(),
  /** ISO 4217 code: OFX CURDEF. */
  currency: z.string().optional(),
});
export type StatementAccount = z.infer<typeof StatementAccount>;

export const Statement = z.object({
  format: StatementFormat,
  account: StatementAccount.optional(),
  /** The worksheet a spreadsheet statement came from. */
  sheet: z.string().optional(),
  rows: z.array(StatementRow),
  unreadable: z.array(UnreadableRow),
  /** Things the user should know that are not unreadable rows (e.g. rows that are not transactions). */
  warnings: z.array(z.string()),
  /** OFX LEDGERBAL. */
  closingBalance: z.object({ pence: Pence, date: IsoDate.optional() }).optional(),
});
export type Statement = z.infer<typeof Statement>;
