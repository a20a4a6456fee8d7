// What the import screen shows before anything is written: the format found,
// the file's first lines split into cells (to map a CSV's columns), and the
// rows the mapping reads, each new or already there, with the unreadable ones
// and their reasons. Recomputed on every change to the mapping.
import { AppError } from '../../../../db/errors.js';
import type { Store } from '../../../../db/store.js';
import { locateColumns, type ColumnPlan, type CsvMapping } from './csv-mapping.js';
import type { Delimiter } from './csv-records.js';
import { sniffFile } from './detect-format.js';
import { statementRequests, type ImportFileOptions, type StatementBytes } from './import-statement.js';
import { csvRecords } from './parse-csv.js';
import { readMapping } from './parse-statement-file.js';
import type { StatementFormat } from './statement.js';
import { cellText } from './table-records.js';

/** Rows shown of a file's parsed rows, and of its unreadable ones. */
export const PREVIEW_ROWS = 50;
const PEEK_RECORDS = 8;

/** A CSV's first records as cells, and where the header and columns were found (0-based columns). */
export interface TablePeek {
  delimiter: Delimiter;
  header: { line: number; cells: string[] } | null;
  /** The first records below the header (or from the top when none was found). */
  records: { line: number; cells: string[] }[];
  plan: ColumnPlan | null;
}

export interface PreviewRow {
  line: number;
  date: string;
  description: string;
  amountPence: number;
  /** null: new; otherwise why it is already there. */
  duplicate: string | null;
}

export interface StatementPreview {
  fileName: string;
  format: StatementFormat | 'csv';
  encoding: string | null;
  table: TablePeek | null;
  /** Why the rows cannot be read with this mapping (a CSV's columns not recognised); the table still shows. */
  problem: { message: string; remedy?: string } | null;
  counts: { added: number; duplicates: number; unreadable: number };
  rows: PreviewRow[];
  unreadable: { line: number; reason: string }[];
  warnings: string[];
  /** Earlier imports of these very bytes. */
  sameFile: number[];
  account: { name: string; exists: boolean } | null;
}

function peekTable(text: string, mapping: CsvMapping, fileName: string): TablePeek {
  const { records, delimiter } = csvRecords(text, mapping, fileName);
  let headerIndex = -1;
  let plan: ColumnPlan | null = null;
  try {
    ({ headerIndex, plan } = locateColumns(records, mapping, fileName));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  const cells = (i: number) => ({ line: records[i]?.line ?? 0, cells: records[i]?.cells.map(cellText) ?? [] });
  const body = records.slice(headerIndex + 1, headerIndex + 1 + PEEK_RECORDS).map((_, i) => cells(headerIndex + 1 + i));
  return { delimiter, header: headerIndex >= 0 ? cells(headerIndex) : null, records: body, plan };
}

export async function previewStatement(
  store: Store,
  file: StatementBytes,
  options: Pick<ImportFileOptions, 'format' | 'mapping' | 'account'>,
): Promise<StatementPreview> {
  const mapping = readMapping(options.mapping);
  const sniffed = sniffFile(file.bytes, mapping.encoding, file.fileName);
  const format = options.format ?? 'auto';
  const csv = 'text' in sniffed && (format === 'csv' || (format === 'auto' && sniffed.kind === 'csv'));
  const table = csv ? peekTable(sniffed.text, mapping, file.fileName) : null;
  const empty = { added: 0, duplicates: 0, unreadable: 0 };
  let read: Awaited<ReturnType<typeof statementRequests>>;
  try {
    read = await statementRequests(file, options);
  } catch (error) {
    // A CSV whose columns are not found yet is what the mapping step is for: show its lines, not only the error.
    if (!(error instanceof AppError) || !table) throw error;
    return {
      fileName: file.fileName,
      format: 'csv',
      encoding: 'encoding' in sniffed ? sniffed.encoding : null,
      table,
      problem: { message: error.message, ...(error.remedy ? { remedy: error.remedy } : {}) },
      counts: empty,
      rows: [],
      unreadable: [],
      warnings: [],
      sameFile: [],
      account: null,
    };
  }
  const previews = await store.imports.preview(read.requests);
  const rows: PreviewRow[] = previews
    .flatMap((p) => [
      ...p.added.map((r) => ({ ...r, duplicate: null })),
      ...p.duplicates.map((r) => ({ ...r, duplicate: r.by })),
    ])
    .sort((a, b) => a.line - b.line)
    .slice(0, PREVIEW_ROWS)
    .map(({ line, date, description, amountPence, duplicate }) => ({
      line,
      date,
      description,
      amountPence,
      duplicate,
    }));
  const unreadable = previews.flatMap((p) => p.unreadable);
  return {
    fileName: file.fileName,
    format: read.parsed.format,
    encoding: read.parsed.encoding ?? null,
    table,
    problem: null,
    counts: {
      added: previews.reduce((n, p) => n + p.added.length, 0),
      duplicates: previews.reduce((n, p) => n + p.duplicates.length, 0),
      unreadable: unreadable.length,
    },
    rows,
    unreadable: unreadable.slice(0, PREVIEW_ROWS),
    warnings: read.parsed.statements.flatMap((s) => s.warnings),
    sameFile: [...new Set(previews.flatMap((p) => p.sameFile))],
    account: previews[0]?.account ?? null,
  };
}
