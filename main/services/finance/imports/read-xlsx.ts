// Excel 2007+ (.xlsx) through exceljs. Dates come back as JS Dates built from
// the serial day in UTC, so their UTC fields are the calendar date.
import ExcelJS from 'exceljs';
import { badFile, DOWNLOAD_AGAIN } from './bad-file.js';
import type { SheetRecords } from './read-xls.js';
import type { Cell, TableRecord } from './table-records.js';
import { isoDate } from './dates.js';

function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const date = isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
    return date ? { date } : '';
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return value.error;
  if ('result' in value) return value.result === undefined ? '' : toCell(value.result);
  return '';
}

export async function readXlsx(bytes: Uint8Array, fileName?: string): Promise<SheetRecords[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; a Node Buffer is what it reads.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw badFile(fileName, 'is not a readable Excel workbook: it may be damaged or cut short.', DOWNLOAD_AGAIN);
  }
  return workbook.worksheets.map((sheet) => {
    const records: TableRecord[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = row.values as ExcelJS.CellValue[];
      const cells: Cell[] = [];
      // row.values is 1-based and sparse.
      for (let c = 1; c < values.length; c++) cells.push(toCell(values[c]));
      records.push({ line: rowNumber, cells });
    });
    return { name: sheet.name, records };
  });
}
