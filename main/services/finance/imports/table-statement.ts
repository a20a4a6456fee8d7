// A table (CSV, spreadsheet, Santander's HTML) read through a column plan
// into statement rows. Every row after the header is a transaction, an
// unreadable row with its reason, or accounted for in a warning.
import { numberToPence, parseAmount, type Parsed } from './amounts.js';
import { inferDayOrder, isoDate, parseDate, type DayOrder } from './dates.js';
import type { ColumnPlan } from './csv-mapping.js';
import type { Statement, StatementFormat, StatementRow, UnreadableRow } from './statement.js';
import { cellText, isBlank, type Cell, type TableRecord } from './table-records.js';

export interface TableOptions {
  format: StatementFormat;
  /** Fixed by the mapping's date format; otherwise inferred (day first unless every date needs month first). */
  dayOrder?: DayOrder;
  decimalComma?: boolean;
  signFlip?: boolean;
  sheet?: string;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** An Excel serial day (1900 system) as 'YYYY-MM-DD'; 45296 is 2024-01-05. */
export function excelSerialDate(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < 1) return undefined;
  const ms = EXCEL_EPOCH_MS + (Math.floor(serial) + (date1904 ? 1462 : 0)) * DAY_MS;
  const d = new Date(ms);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function readDate(cell: Cell | undefined, order: DayOrder): Parsed<string> {
  if (cell !== undefined && typeof cell === 'object') return { ok: true, value: cell.date };
  if (typeof cell === 'number') {
    const value = excelSerialDate(cell);
    return value ? { ok: true, value } : { ok: false, reason: `the date ${cell} cannot be read` };
  }
  return parseDate(cell ?? '', order);
}

function readAmount(cell: Cell | undefined, decimalComma: boolean): Parsed<number> {
  if (typeof cell === 'number') return numberToPence(cell);
  return parseAmount(cellText(cell), { decimalComma });
}

const isEmpty = (cell: Cell | undefined) => cellText(cell).trim() === '';

/** `records[headerIndex + 1 …]` (all of them when headerIndex is -1) through `plan`. */
export function tableToStatement(
  records: readonly TableRecord[],
  headerIndex: number,
  plan: ColumnPlan,
  options: TableOptions,
): Statement {
  const rows: StatementRow[] = [];
  const unreadable: UnreadableRow[] = [];
  const warnings: string[] = [];
  const data = records.slice(headerIndex + 1).filter((r) => !isBlank(r));
  const headerText = headerIndex >= 0 ? records[headerIndex]?.cells.map(cellText).join('\u0000') : undefined;
  let order = options.dayOrder;
  if (!order) {
    const inferred = inferDayOrder(
      data.map((r) => (typeof r.cells[plan.date] === 'string' ? (r.cells[plan.date] as string) : '')),
    );
    order = inferred.order;
    if (inferred.warning) warnings.push(inferred.warning);
  }
  const decimalComma = options.decimalComma ?? false;
  const neither: number[] = [];
  const repeatedHeaders: number[] = [];
  const badBalances: number[] = [];

  for (const record of data) {
    const { cells, line } = record;
    const raw = cells.map(cellText);
    const bad = (reason: string) => unreadable.push({ line, reason, raw });
    if (headerText !== undefined && raw.join('\u0000') === headerText) {
      repeatedHeaders.push(line);
      continue;
    }
    let amountPence: number;
    if (plan.amount !== undefined) {
      const amount = readAmount(cells[plan.amount], decimalComma);
      if (!amount.ok) {
        bad(amount.reason);
        continue;
      }
      amountPence = amount.value;
    } else {
      const outCell = cells[plan.out ?? -1];
      const inCell = cells[plan.in ?? -1];
      if (isEmpty(outCell) && isEmpty(inCell)) {
        // Santander lists balance-only lines (e.g. brought forward) with neither: not transactions.
        neither.push(line);
        continue;
      }
      const out = isEmpty(outCell) ? ({ ok: true, value: 0 } as const) : readAmount(outCell, decimalComma);
      const into = isEmpty(inCell) ? ({ ok: true, value: 0 } as const) : readAmount(inCell, decimalComma);
      if (!out.ok || !into.ok) {
        bad(out.ok ? (into as { reason: string }).reason : out.reason);
        continue;
      }
      if (out.value !== 0 && into.value !== 0) {
        bad('both money in and money out are filled in');
        continue;
      }
      // The column says which way the money went; a minus written in it does not turn it round.
      amountPence = Math.abs(into.value) - Math.abs(out.value);
    }
    const date = readDate(cells[plan.date], order);
    if (!date.ok) {
      bad(date.reason);
      continue;
    }
    if (options.signFlip && amountPence !== 0) amountPence = -amountPence;
    const row: StatementRow = {
      line,
      date: date.value,
      description: plan.description
        .map((c) => cellText(cells[c]).trim())
        .filter(Boolean)
        .join(' '),
      amountPence,
      raw,
    };
    if (plan.balance !== undefined && !isEmpty(cells[plan.balance])) {
      const balance = readAmount(cells[plan.balance], decimalComma);
      if (balance.ok) row.balancePence = balance.value;
      else badBalances.push(line);
    }
    rows.push(row);
  }
  const lines = (list: number[]) => (list.length > 20 ? `${list.slice(0, 20).join(', ')}, …` : list.join(', '));
  if (neither.length) {
    warnings.push(
      `${neither.length} row${neither.length === 1 ? ' has' : 's have'} neither money in nor money out and ${neither.length === 1 ? 'is not a transaction' : 'are not transactions'} (line ${lines(neither)}).`,
    );
  }
  if (repeatedHeaders.length)
    warnings.push(`The header row is repeated (line ${lines(repeatedHeaders)}); those rows were passed over.`);
  if (badBalances.length)
    warnings.push(`The balance could not be read on line ${lines(badBalances)}; those rows have no balance.`);
  if (plan.description.length === 0) warnings.push('No description column was found; descriptions are empty.');
  const statement: Statement = { format: options.format, rows, unreadable, warnings };
  if (options.sheet !== undefined) statement.sheet = options.sheet;
  return statement;
}
