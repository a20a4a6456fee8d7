// Files that cannot be imported at all: each gives one AppError saying what is
// wrong with the file and what to do, and no statement.
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../db/errors.js';
import { parseStatementFile, type ParseFileOptions } from './parse-statement-file.js';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

async function refusal(bytes: Uint8Array, options: ParseFileOptions = {}): Promise<AppError> {
  const outcome = await parseStatementFile(bytes, { fileName: 'bank.file', ...options }).then(
    (file) => file,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(AppError);
  const error = outcome as AppError;
  expect(error.code).toBe('invalid_input');
  expect(error.remedy).toMatch(/\S/);
  return error;
}

async function xlsxBytes(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['Date', 'Description', 'Amount']);
  for (let i = 1; i <= 200; i++) sheet.addRow([`0${(i % 9) + 1}/01/2024`, `ROW ${i}`, -i]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('files that cannot be imported', () => {
  it.each([
    ['an empty file', new Uint8Array(), 'bank.file is empty.'],
    ['white space only', utf8(' \r\n\r\n'), 'bank.file is empty.'],
    [
      'a PNG',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
      'bank.file is a PNG image, not a statement.',
    ],
    ['a PDF', utf8('%PDF-1.7\n'), 'bank.file is a PDF document, not a statement.'],
    [
      'binary bytes',
      new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)),
      'bank.file is not a text or spreadsheet file that Spending can read.',
    ],
    [
      'a CSV cut inside a quoted field',
      utf8('Date,Description,Amount\n01/01/2024,"TESCO,-1.00\n'),
      'bank.file ends inside a quoted field that starts on line 2: it looks cut short.',
    ],
    [
      'an OFX cut short',
      utf8(
        'OFXHEADER:100\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST><STMTTRN><DTPOSTED>20240101<TRNAMT>-1',
      ),
      'bank.file ends before its OFX data does (no closing </OFX>): it looks cut short.',
    ],
    [
      'a QIF cut short',
      utf8('!Type:Bank\nD01/01/2024\nT-1.00\n^\nD02/01/2024\nT-2'),
      'bank.file ends in the middle of a record (line 5, no closing "^"): it looks cut short.',
    ],
    [
      'Santander HTML cut short',
      utf8('<html><body><table><tr><td>Date<td>Description<td>Money in<td>Money Out<td>Balance</tr><tr><td>01/01/2024'),
      'bank.file ends before its table does: it looks cut short.',
    ],
    [
      'wrong columns',
      utf8('Name,Email\nAda,ada@example.com\n'),
      'The columns of bank.file were not recognised: no row in its first 30 has a Date column and an Amount (or Paid out/Paid in, Money out/Money in, Debit/Credit) column (its columns are: Name, Email).',
    ],
    ['a header and no rows', utf8('Date,Description,Amount\r\n'), 'bank.file has no transactions.'],
    [
      'an OFX with no transactions',
      utf8(
        '<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>',
      ),
      'bank.file has no transactions.',
    ],
    [
      'a ZIP that is not a workbook',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]),
      'bank.file is a ZIP archive, not a statement.',
    ],
  ])('%s', async (_, bytes, message) => {
    expect((await refusal(bytes)).message).toBe(message);
  });

  it('a truncated .xlsx', async () => {
    const whole = await xlsxBytes();
    expect((await parseStatementFile(whole)).statements[0]?.rows).toHaveLength(200);
    const error = await refusal(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(error.message).toBe('bank.file is not a readable Excel workbook: it may be damaged or cut short.');
  });

  it('a truncated or damaged .xls, not taken for a password-protected one', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['Date', 'Description', 'Amount'],
      ...Array.from({ length: 300 }, (_, i) => [45296 + i, `ROW ${i}`, -i]),
    ]);
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, sheet, 'Sheet1');
    const whole = new Uint8Array(XLSX.write(workbook, { type: 'buffer', bookType: 'xls' }) as Buffer);
    const zeros = new Uint8Array(600);
    zeros.set(whole.subarray(0, 8));
    for (const bytes of [whole.subarray(0, Math.floor(whole.length / 2)), zeros]) {
      const error = await refusal(bytes);
      expect(error.message).toBe('bank.file is not a readable Excel workbook: it may be damaged or cut short.');
    }
  });

  it('a mapping that does not fit its shape', async () => {
    const error = await refusal(utf8('Date,Description,Amount\n01/01/2024,A,1\n'), {
      mapping: { columns: { date: 'Date', description: 'Description', amount: 'Amount', out: 'Out' } },
    });
    expect(error.message).toMatch(/^The column mapping is not valid \(columns\): /);
  });

  it('a workbook forced as OFX', async () => {
    const error = await refusal(await xlsxBytes(), { format: 'ofx' });
    expect(error.message).toBe('bank.file is an Excel workbook, not OFX.');
  });
});
