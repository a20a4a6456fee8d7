// The CSV columns the user picks, between the preview's plan (0-based column
// numbers) and the mapping the import takes. Columns are named by their
// header's text where it is unambiguous, so a saved mapping still fits next
// month's file when the bank adds a column or a summary line above the table.
import type { CsvColumns } from '../../../../../main/services/finance/imports/csv-mapping.js';
import type { StatementPreview } from '../../../../../preload/contract-imports.js';

type Table = NonNullable<StatementPreview['table']>;
type Plan = NonNullable<Table['plan']>;

export interface ColumnChoice {
  date?: number | undefined;
  description?: number[] | undefined;
  /** One signed amount, or money out and money in columns. */
  kind: 'signed' | 'split';
  amount?: number | undefined;
  out?: number | undefined;
  in?: number | undefined;
}

/**
 * The header the pickers name columns by: the one the preview found, else
 * (columns not recognised yet) the file's first line, which the parsers take
 * as the header too once the columns are given, unless the mapping says there is none.
 */
export function withHeader(table: Table, noHeader: boolean): Table {
  if (table.header || noHeader) return table;
  const [first, ...records] = table.records;
  return first ? { ...table, header: first, records } : table;
}

export function choiceFromPlan(plan: Plan | null): ColumnChoice {
  if (!plan) return { kind: 'signed' };
  const { date, description, amount, out, in: into } = plan;
  return amount !== undefined
    ? { kind: 'signed', date, description, amount }
    : { kind: 'split', date, description, out, in: into };
}

export function isComplete(c: ColumnChoice): boolean {
  const has = (n: number | undefined) => n !== undefined;
  return (
    has(c.date) && Boolean(c.description?.length) && (c.kind === 'signed' ? has(c.amount) : has(c.out) && has(c.in))
  );
}

/** The mapping's columns (and header line, when any column has to be given by number). */
export function columnsFor(
  c: ColumnChoice,
  header: Table['header'],
): { columns: CsvColumns; headerRow: number | undefined } {
  const names = header?.cells.map((cell) => cell.trim().toLowerCase()) ?? [];
  const ref = (i: number): string | number => {
    const name = header?.cells[i]?.trim() ?? '';
    return name && names.filter((n) => n === name.toLowerCase()).length === 1 ? name : i + 1;
  };
  const columns: CsvColumns =
    c.kind === 'signed'
      ? { date: ref(c.date ?? 0), description: (c.description ?? []).map(ref), amount: ref(c.amount ?? 0) }
      : {
          date: ref(c.date ?? 0),
          description: (c.description ?? []).map(ref),
          out: ref(c.out ?? 0),
          in: ref(c.in ?? 0),
        };
  const refs = [columns.date, ...columns.description, columns.amount, columns.out, columns.in];
  const byNumber = refs.some((r) => typeof r === 'number');
  return { columns, headerRow: byNumber && header ? header.line : undefined };
}

/** Each column as the pickers show it: its header (or number) and its first value. */
export function columnOptions(table: Table): { value: number; label: string }[] {
  const width = Math.max(table.header?.cells.length ?? 0, ...table.records.map((r) => r.cells.length));
  return Array.from({ length: width }, (_, i) => {
    const name = table.header?.cells[i]?.trim() || `Column ${i + 1}`;
    const sample = table.records.find((r) => r.cells[i]?.trim())?.cells[i]?.trim();
    return { value: i, label: sample && sample !== name ? `${name} (${truncate(sample)})` : name };
  });
}

function truncate(text: string): string {
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}
