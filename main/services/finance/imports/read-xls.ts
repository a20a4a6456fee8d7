// Real Excel 97-2003 (.xls, BIFF in an OLE2 compound file): the only place
// SheetJS is used, so it can be swapped. The npm "xlsx" package stopped at
// 0.18.5, which has a prototype-pollution (CVE-2023-30533) and a ReDoS
// (CVE-2024-22363) advisory when reading files; "@e965/xlsx" republishes the
// fixed SheetJS 0.20.3 on npm (exact version pinned in package.json).
import * as XLSX from '@e965/xlsx';
import { badFile, DOWNLOAD_AGAIN } from './bad-file.js';
import type { Cell, TableRecord } from './table-records.js';
import { excelSerialDate } from './table-statement.js';

export interface SheetRecords {
  name: string;
  records: TableRecord[];
}

export function readXls(bytes: Uint8Array, fileName?: string): SheetRecords[] {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      cellNF: true,
      cellDates: false,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      bookVBA: false,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // SheetJS's own words for an encrypted workbook; its "Unsupported ZIP encryption" is said of damaged files too.
    if (/password|ECMA-376 Encrypted/i.test(message)) {
      throw badFile(
        fileName,
        'is protected by a password.',
        'Open it in Excel, save a copy without the password and import that.',
      );
    }
    throw badFile(fileName, 'is not a readable Excel workbook: it may be damaged or cut short.', DOWNLOAD_AGAIN);
  }
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  return workbook.SheetNames.map((name) => {
    const sheet = workbook.Sheets[name] as XLSX.DenseSheet | undefined;
    const records: TableRecord[] = [];
    (sheet?.['!data'] ?? []).forEach((row, r) => {
      if (!Array.isArray(row)) return;
      const cells: Cell[] = [];
      for (let c = 0; c < row.length; c++) cells.push(toCell(row[c], date1904));
      records.push({ line: r + 1, cells });
    });
    return { name, records };
  });
}

function toCell(cell: XLSX.CellObject | undefined, date1904: boolean): Cell {
  if (!cell || cell.v === undefined) return '';
  if (cell.t === 'n' && typeof cell.v === 'number') {
    const format = cell.z;
    const isDate = typeof format === 'string' && (XLSX.SSF as { is_date: (f: string) => boolean }).is_date(format);
    if (isDate) {
      const date = excelSerialDate(cell.v, date1904);
      if (date) return { date };
    }
    return cell.v;
  }
  if (cell.t === 'e') return cell.w ?? '#ERROR';
  if (cell.v instanceof Date) return cell.w ?? cell.v.toISOString();
  return String(cell.v);
}
