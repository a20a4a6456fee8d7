// How a bank's table is read: the column mapping a user saves per bank, and
// the column plan found from common headers when there is none.
import { z } from 'zod';
import { AppError } from '../../../../db/errors.js';
import { DELIMITERS } from './csv-records.js';
import { DATE_FORMATS } from './dates.js';
import { findColumn, headerKey } from './header-names.js';
import { cellText, isBlank, type TableRecord } from './table-records.js';

/** A header's text (compared without case, spaces or punctuation) or a 1-based column number. */
export const ColumnRef = z.union([z.string().trim().min(1), z.number().int().positive()]);
export type ColumnRef = z.infer<typeof ColumnRef>;

export const CsvColumns = z
  .object({
    date: ColumnRef,
    /** Several columns are joined with one space, in this order (e.g. Description then Reference). */
    description: z.preprocess((v): unknown[] => (Array.isArray(v) ? (v as unknown[]) : [v]), z.array(ColumnRef).min(1)),
    /** One signed amount (negative = money out) … */
    amount: ColumnRef.optional(),
    /** … or money out and money in columns, both given. */
    out: ColumnRef.optional(),
    in: ColumnRef.optional(),
    balance: ColumnRef.optional(),
  })
  .strict()
  .refine((c) => (c.amount !== undefined) !== (c.out !== undefined && c.in !== undefined), {
    message: 'Give either an amount column or both money out and money in columns.',
  })
  .refine((c) => (c.out === undefined) === (c.in === undefined), {
    message: 'Money out and money in columns go together.',
  });
export type CsvColumns = z.infer<typeof CsvColumns>;

export const CsvMapping = z
  .object({
    /** Found from the first lines when not given. */
    delimiter: z.enum(DELIMITERS).optional(),
    /** 'auto' (the default): a BOM, else UTF-8 when valid, else Windows-1252. */
    encoding: z.string().trim().min(1).optional(),
    /** 1-based line of the header row; 0 = the file has none (columns are then numbers); absent = found by its names. */
    headerRow: z.number().int().nonnegative().optional(),
    /** Lines at the top that are not read at all (an account summary above the table). */
    skipLines: z.number().int().nonnegative().optional(),
    /** Absent: day first (UK), or month first when every date needs it. */
    dateFormat: z.enum(DATE_FORMATS).optional(),
    /** Absent: found from common headers. */
    columns: CsvColumns.optional(),
    /** Negate every amount (card statements that show spending as positive). */
    signFlip: z.boolean().optional(),
    /** Amounts such as 1.234,56. */
    decimalComma: z.boolean().optional(),
  })
  .strict();
export type CsvMapping = z.infer<typeof CsvMapping>;

/** Where each field is, as 0-based column indexes. */
export interface ColumnPlan {
  date: number;
  description: number[];
  amount?: number;
  out?: number;
  in?: number;
  balance?: number;
}

const DATE = [
  'Date',
  'Transaction Date',
  'Posting Date',
  'Posted Date',
  'Date Posted',
  'Value Date',
  'Completed Date',
  'Booking Date',
];
const DESCRIPTION = [
  'Description',
  'Details',
  'Narrative',
  'Transaction Description',
  'Transaction Details',
  'Transaction Narrative',
  'Payee',
  'Name',
  'Merchant',
  'Memo',
  'Reference',
];
const AMOUNT = ['Amount', 'Value', 'Transaction Amount', 'Billing Amount'];
const OUT_IN = [
  ['Paid out', 'Paid in'],
  ['Money out', 'Money in'],
  ['Debit', 'Credit'],
  ['Debit Amount', 'Credit Amount'],
  ['Withdrawals', 'Deposits'],
  ['Withdrawal', 'Deposit'],
  ['Out', 'In'],
] as const;
const BALANCE = ['Balance', 'Running Balance', 'Account Balance'];

/** The plan from common headers, or undefined when the row is not a statement header. */
export function planFromHeader(header: readonly string[]): ColumnPlan | undefined {
  const keys = header.map(headerKey);
  const date = findColumn(keys, DATE);
  if (date < 0) return undefined;
  const description = findColumn(keys, DESCRIPTION);
  const balance = findColumn(keys, BALANCE);
  const plan: ColumnPlan = { date, description: description < 0 ? [] : [description] };
  if (balance >= 0) plan.balance = balance;
  const amount = findColumn(keys, AMOUNT);
  if (amount >= 0) return { ...plan, amount };
  for (const [out, into] of OUT_IN) {
    const o = findColumn(keys, [out]);
    const i = findColumn(keys, [into]);
    if (o >= 0 && i >= 0) return { ...plan, out: o, in: i };
  }
  return undefined;
}

function describeColumns(header: readonly string[] | undefined): string {
  const names = header?.map((h) => h.trim()).filter(Boolean);
  return names?.length ? `its columns are: ${names.join(', ')}` : 'it has no header row';
}

/** The mapping's columns resolved against a header row (or numbers when there is none). */
export function planFromMapping(
  columns: CsvColumns,
  header: readonly string[] | undefined,
  fileName?: string,
): ColumnPlan {
  const keys = header?.map(headerKey);
  const resolve = (ref: ColumnRef, role: string): number => {
    if (typeof ref === 'number') return ref - 1;
    const at = keys ? keys.indexOf(headerKey(ref)) : -1;
    if (at < 0) {
      throw new AppError(
        'invalid_input',
        `The ${role} column "${ref}" is not in ${fileName ?? 'the file'} (${describeColumns(header)}).`,
        'Change the column mapping to name one of the file’s columns, or choose the right mapping for this bank.',
      );
    }
    return at;
  };
  const plan: ColumnPlan = {
    date: resolve(columns.date, 'date'),
    description: columns.description.map((ref) => resolve(ref, 'description')),
  };
  if (columns.amount !== undefined) plan.amount = resolve(columns.amount, 'amount');
  if (columns.out !== undefined) plan.out = resolve(columns.out, 'money out');
  if (columns.in !== undefined) plan.in = resolve(columns.in, 'money in');
  if (columns.balance !== undefined) plan.balance = resolve(columns.balance, 'balance');
  return plan;
}

/** How far down a file its header row is looked for. */
export const HEADER_SEARCH_ROWS = 30;

export interface HeaderAndPlan {
  /** Index in the records of the header row; -1 when there is none. */
  headerIndex: number;
  plan: ColumnPlan;
}

/**
 * Finds the header row and the column plan: from the mapping when it gives
 * them, else from common header names in the first rows. Errors name what
 * was looked for and what the file has.
 */
export function locateColumns(records: readonly TableRecord[], mapping: CsvMapping, fileName?: string): HeaderAndPlan {
  const texts = (record: TableRecord) => record.cells.map(cellText);
  if (mapping.headerRow === 0) {
    if (!mapping.columns) {
      throw new AppError(
        'invalid_input',
        `${fileName ?? 'The file'} has no header row, so its columns must be given.`,
        'Give the columns by number, e.g. --map date=1,description=2,amount=3.',
      );
    }
    return { headerIndex: -1, plan: planFromMapping(mapping.columns, undefined, fileName) };
  }
  if (mapping.headerRow !== undefined) {
    const headerIndex = records.findIndex((r) => r.line === mapping.headerRow);
    const headerRecord = records[headerIndex];
    if (!headerRecord) {
      throw new AppError(
        'invalid_input',
        `Line ${mapping.headerRow} of ${fileName ?? 'the file'} is empty or past its end, so it cannot be the header row.`,
        'Change the header row in the column mapping.',
      );
    }
    const header = texts(headerRecord);
    const plan = mapping.columns ? planFromMapping(mapping.columns, header, fileName) : planFromHeader(header);
    if (!plan) throw notRecognised(header, fileName);
    return { headerIndex, plan };
  }
  const candidates = records.slice(0, HEADER_SEARCH_ROWS);
  for (const [index, record] of candidates.entries()) {
    if (isBlank(record)) continue;
    const header = texts(record);
    if (mapping.columns) {
      try {
        return { headerIndex: index, plan: planFromMapping(mapping.columns, header, fileName) };
      } catch {
        continue;
      }
    }
    const plan = planFromHeader(header);
    if (plan) return { headerIndex: index, plan };
  }
  const first = candidates.find((r) => !isBlank(r));
  if (mapping.columns) {
    // Name the first missing column against the first row, the likeliest header.
    planFromMapping(mapping.columns, first ? texts(first) : undefined, fileName);
  }
  throw notRecognised(first ? texts(first) : undefined, fileName);
}

function notRecognised(header: readonly string[] | undefined, fileName?: string): AppError {
  return new AppError(
    'invalid_input',
    `The columns of ${fileName ?? 'the file'} were not recognised: no row in its first ${HEADER_SEARCH_ROWS} has a Date column and an Amount (or Paid out/Paid in, Money out/Money in, Debit/Credit) column (${describeColumns(header)}).`,
    'Give the columns, e.g. --map date=Date,description=Details,amount=Value (or out=…,in=…), and save them for this bank with --save-profile.',
  );
}
