// The one entry point: bytes in, statements out. Pure: no database, no
// Electron, the file itself is only read. A file that cannot be imported at
// all throws an AppError saying why and what to do.
import { AppError } from '../../../../db/errors.js';
import { badFile } from './bad-file.js';
import { CsvMapping } from './csv-mapping.js';
import { formatDayOrder } from './dates.js';
import { sniffFile } from './detect-format.js';
import { parseCsvStatement } from './parse-csv.js';
import { parseXlsStatements, parseXlsxStatements } from './parse-excel.js';
import { parseOfx } from './parse-ofx.js';
import { parseQif } from './parse-qif.js';
import { parseSantanderHtml } from './parse-santander-html.js';
import type { Statement, StatementFormat } from './statement.js';

/** What the user may force (the CLI's --format); 'santander' covers its HTML, .xls and .xlsx downloads. */
export const IMPORT_FORMATS = ['auto', 'santander', 'csv', 'ofx', 'qif'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ParseFileOptions {
  format?: ImportFormat;
  /** A saved column mapping for tables (CSV, spreadsheets, HTML); its date format also applies to QIF. */
  mapping?: unknown;
  /** For messages only: the file's base name. */
  fileName?: string;
}

export interface ParsedStatementFile {
  format: StatementFormat;
  /** The text encoding used, for text formats. */
  encoding?: string;
  /** One per account (OFX STMTRS, QIF !Account) or worksheet. */
  statements: Statement[];
}

/** The mapping checked against its schema; an AppError names what is wrong. */
export function readMapping(mapping: unknown): CsvMapping {
  if (mapping === undefined) return {};
  const parsed = CsvMapping.safeParse(mapping);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
  throw new AppError(
    'invalid_input',
    `The column mapping is not valid${where}: ${issue?.message ?? 'it does not fit the expected shape'}`,
    'Correct the mapping and try again.',
  );
}

export async function parseStatementFile(
  bytes: Uint8Array,
  options: ParseFileOptions = {},
): Promise<ParsedStatementFile> {
  const { fileName } = options;
  const format = options.format ?? 'auto';
  const mapping = readMapping(options.mapping);
  const file = sniffFile(bytes, mapping.encoding, fileName);
  let result: ParsedStatementFile;
  if (!('text' in file)) {
    if (format !== 'auto' && format !== 'santander') {
      throw badFile(fileName, `is an Excel workbook, not ${format.toUpperCase()}.`, 'Import it with --format auto.');
    }
    const statements =
      file.kind === 'xls'
        ? parseXlsStatements(file.bytes, mapping, fileName)
        : await parseXlsxStatements(file.bytes, mapping, fileName);
    result = { format: file.kind, statements };
  } else {
    const chosen = format === 'auto' ? file.kind : format === 'santander' ? 'html' : format;
    if (format === 'santander' && file.kind !== 'html') {
      throw badFile(
        fileName,
        `is not a Santander statement download (it looks like ${file.kind.toUpperCase()}).`,
        'Import it with --format auto.',
      );
    }
    let statements: Statement[];
    if (chosen === 'ofx') statements = parseOfx(file.text, fileName);
    else if (chosen === 'qif') {
      const dayOrder = mapping.dateFormat ? formatDayOrder(mapping.dateFormat) : undefined;
      statements = parseQif(file.text, { dayOrder }, fileName);
    } else if (chosen === 'html') statements = [parseSantanderHtml(file.text, mapping, fileName)];
    else statements = [parseCsvStatement(file.text, mapping, fileName)];
    result = {
      format: statements[0]?.format ?? (chosen === 'html' ? 'santander-html' : chosen),
      encoding: file.encoding,
      statements,
    };
  }
  if (result.statements.every((s) => s.rows.length === 0 && s.unreadable.length === 0)) {
    const notes = result.statements.flatMap((s) => s.warnings);
    throw badFile(
      fileName,
      `has no transactions${notes.length ? ` (${notes.join(' ')})` : ''}.`,
      'Check that this is the statement you meant, and that it covers a period with transactions.',
    );
  }
  return result;
}
