// Spreadsheet statements (real .xls and .xlsx): every worksheet with a
// recognisable header becomes one statement; the others are named in a warning.
import { AppError } from '../../../../db/errors.js';
import { badFile } from './bad-file.js';
import { locateColumns, type CsvMapping } from './csv-mapping.js';
import { formatDayOrder } from './dates.js';
import { readXls, type SheetRecords } from './read-xls.js';
import { readXlsx } from './read-xlsx.js';
import type { Statement } from './statement.js';
import { isBlank } from './table-records.js';
import { tableToStatement } from './table-statement.js';

function sheetsToStatements(
  format: 'xls' | 'xlsx',
  sheets: SheetRecords[],
  mapping: CsvMapping,
  fileName?: string,
): Statement[] {
  const statements: Statement[] = [];
  const passed: string[] = [];
  let firstError: AppError | undefined;
  for (const sheet of sheets) {
    if (sheet.records.every(isBlank)) continue;
    let located;
    try {
      located = locateColumns(sheet.records, mapping, fileName);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      firstError ??= error;
      passed.push(sheet.name);
      continue;
    }
    statements.push(
      tableToStatement(sheet.records, located.headerIndex, located.plan, {
        format,
        sheet: sheet.name,
        dayOrder: mapping.dateFormat ? formatDayOrder(mapping.dateFormat) : undefined,
        decimalComma: mapping.decimalComma,
        signFlip: mapping.signFlip,
      }),
    );
  }
  if (statements.length === 0) {
    throw (
      firstError ?? badFile(fileName, 'is an empty workbook.', 'Check that you chose the statement you downloaded.')
    );
  }
  if (passed.length) {
    statements[0]?.warnings.push(
      `Worksheet${passed.length === 1 ? '' : 's'} ${passed.map((n) => `"${n}"`).join(', ')} had no statement columns and ${passed.length === 1 ? 'was' : 'were'} not read.`,
    );
  }
  return statements;
}

export function parseXlsStatements(bytes: Uint8Array, mapping: CsvMapping = {}, fileName?: string): Statement[] {
  return sheetsToStatements('xls', readXls(bytes, fileName), mapping, fileName);
}

export async function parseXlsxStatements(
  bytes: Uint8Array,
  mapping: CsvMapping = {},
  fileName?: string,
): Promise<Statement[]> {
  return sheetsToStatements('xlsx', await readXlsx(bytes, fileName), mapping, fileName);
}
