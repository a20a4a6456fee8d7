// Rows of cells, the common ground of CSV, spreadsheets and Santander's HTML
// table: each parser produces these and table-statement.ts reads them.

/** A spreadsheet cell formatted as a date, already turned into 'YYYY-MM-DD'. */
export interface SheetDate {
  date: string;
}

/** Text (CSV, HTML), or a spreadsheet's typed value. */
export type Cell = string | number | SheetDate;

export interface TableRecord {
  /** 1-based source line (CSV, HTML) or sheet row number. */
  line: number;
  cells: Cell[];
}

export function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  return cell.date;
}

export function isBlank(record: TableRecord): boolean {
  return record.cells.every((cell) => cellText(cell).trim() === '');
}
