// Every statement format through the one entry point, from bytes built here
// the way banks write them: amounts must come out exact in pence, text byte
// for byte, each row with its true source line.
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseStatementFile } from './parse-statement-file.js';
import type { Statement } from './statement.js';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
/** The fields the tests compare, in file order. */
const rows = (s: Statement | undefined) =>
  (s?.rows ?? []).map(({ line, date, description, amountPence, importId }) => ({
    line,
    date,
    description,
    amountPence,
    ...(importId ? { importId } : {}),
  }));

describe('Santander’s HTML “.xls”', () => {
  // As Santander writes it: ISO-8859-1, padded header cells, a blank row under the header, cells left open.
  const html = [
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>',
    '<table border="1">',
    '<tr><td>  Date  </td><td>  Description  </td><td>  Money in  </td><td>  Money Out  </td><td>  Balance  </td></tr>',
    '<tr><td>&nbsp;<td><td><td><td></tr>',
    '<tr><td>05/01/2024<td>CARD PAYMENT TO CAFÉ  NÉRO,3.45 GBP<td><td>£3.45<td>£10,996.55</tr>',
    '<tr><td>13/01/2024<td>SALARY ACME LTD<td>£2,500.00<td><td>£13,496.55</tr>',
    '<tr><td>31/01/2024<td>DIRECT DEBIT PAYMENT TO LANDLORD<td><td>£1,234,567.89<td>-£1,221,071.34</tr>',
    '<tr><td>31/01/2024<td>BALANCE CARRIED FORWARD<td><td><td>-£1,221,071.34</tr>',
    '</table></body></html>',
  ].join('\r\n');
  const bytes = new Uint8Array(iconv.encode(html, 'latin1'));

  it('reads the ISO-8859-1 table: £ and thousands commas to the penny, day-first dates, text as written', async () => {
    expect(bytes.includes(0xa3)).toBe(true); // "£" is the single byte 0xA3, as Santander sends it.
    const file = await parseStatementFile(bytes, { fileName: 'Statement.xls' });
    expect(file).toMatchObject({ format: 'santander-html', encoding: 'windows-1252' });
    const [statement] = file.statements;
    expect(rows(statement)).toEqual([
      { line: 5, date: '2024-01-05', description: 'CARD PAYMENT TO CAFÉ  NÉRO,3.45 GBP', amountPence: -345 },
      { line: 6, date: '2024-01-13', description: 'SALARY ACME LTD', amountPence: 250_000 },
      { line: 7, date: '2024-01-31', description: 'DIRECT DEBIT PAYMENT TO LANDLORD', amountPence: -123_456_789 },
    ]);
    expect(statement?.rows.map((r) => r.balancePence)).toEqual([1_099_655, 1_349_655, -122_107_134]);
    expect(statement?.unreadable).toEqual([]);
    expect(statement?.warnings).toEqual([
      '1 row has neither money in nor money out and is not a transaction (line 8).',
    ]);
  });

  it('is read the same when forced with --format santander, and refuses a CSV forced that way', async () => {
    const forced = await parseStatementFile(bytes, { format: 'santander' });
    expect(rows(forced.statements[0])).toHaveLength(3);
    await expect(
      parseStatementFile(utf8('Date,Description,Amount\n01/01/2024,A,1\n'), { format: 'santander' }),
    ).rejects.toThrow('is not a Santander statement download (it looks like CSV).');
  });
});

describe('CSV', () => {
  it('reads a BOM, CRLF, a quoted comma and line break, a negative in parentheses and DD/MM/YYYY', async () => {
    const text =
      '\uFEFFDate,Description,Amount,Balance\r\n' +
      '05/01/2024,"TESCO, LONDON",(12.30),987.70\r\n' +
      '06/01/2024,"RENT\r\nJANUARY",-1000.00,-12.30\r\n' +
      '13/01/2024,SALARY,"2,500.01",2487.71\r\n' +
      '14/01/2024,CAFÉ,0.1,2487.81\r\n';
    const file = await parseStatementFile(utf8(text), { fileName: 'bank.csv' });
    expect(file).toMatchObject({ format: 'csv', encoding: 'utf-8' });
    expect(rows(file.statements[0])).toEqual([
      { line: 2, date: '2024-01-05', description: 'TESCO, LONDON', amountPence: -1230 },
      { line: 3, date: '2024-01-06', description: 'RENT\r\nJANUARY', amountPence: -100_000 },
      { line: 5, date: '2024-01-13', description: 'SALARY', amountPence: 250_001 },
      { line: 6, date: '2024-01-14', description: 'CAFÉ', amountPence: 10 },
    ]);
    expect(file.statements[0]?.rows[0]?.raw).toEqual(['05/01/2024', 'TESCO, LONDON', '(12.30)', '987.70']);
  });

  it.each([
    ['Paid out', 'Paid in'],
    ['Money out', 'Money in'],
    ['Debit', 'Credit'],
  ])('reads %s and %s columns, the column giving the sign', async (out, into) => {
    const text = `Date,Details,${out},${into},Balance\n02/03/2024,COFFEE,2.80,,97.20\n03/03/2024,REFUND,,15.00,112.20\n`;
    const file = await parseStatementFile(utf8(text));
    expect(rows(file.statements[0])).toEqual([
      { line: 2, date: '2024-03-02', description: 'COFFEE', amountPence: -280 },
      { line: 3, date: '2024-03-03', description: 'REFUND', amountPence: 1500 },
    ]);
  });

  it('finds Narrative, reads Windows-1252 bytes, and lists a row it cannot read with its line and reason', async () => {
    const text =
      'Posting Date;Narrative;Value\n01/02/2024;Caf\xe9 £5;-5,00\n30/02/2024;BAD DAY;-1.00\n02/02/2024;OK;-1.00\n';
    const bytes = new Uint8Array(iconv.encode(text, 'win1252'));
    const file = await parseStatementFile(bytes, { mapping: { decimalComma: false } });
    expect(file.encoding).toBe('windows-1252');
    const [statement] = file.statements;
    expect(rows(statement)).toEqual([{ line: 4, date: '2024-02-02', description: 'OK', amountPence: -100 }]);
    expect(statement?.unreadable.map(({ line, reason }) => ({ line, reason }))).toEqual([
      {
        line: 2,
        reason:
          'the amount "-5,00" has a decimal comma: set "decimal comma" in the column mapping if this bank writes amounts that way',
      },
      { line: 3, reason: 'the date "30/02/2024" does not exist' },
    ]);
  });

  it('follows a saved mapping: named columns, a date format, skipped lines, sign flip', async () => {
    const text =
      'Card statement\nAccount 1234\nWhen,What,Where,How much\n01/02/2024,AMAZON,UK,12.99\n02/03/2024,PAYMENT,,-50\n';
    const file = await parseStatementFile(utf8(text), {
      mapping: {
        skipLines: 2,
        dateFormat: 'MM/DD/YYYY',
        signFlip: true,
        columns: { date: 'When', description: ['What', 'Where'], amount: 'How much' },
      },
    });
    expect(rows(file.statements[0])).toEqual([
      { line: 4, date: '2024-01-02', description: 'AMAZON UK', amountPence: -1299 },
      { line: 5, date: '2024-02-03', description: 'PAYMENT', amountPence: 5000 },
    ]);
  });

  it('names a mapped column the file does not have', async () => {
    await expect(
      parseStatementFile(utf8('Date,Text,Amount\n01/01/2024,A,1\n'), {
        fileName: 'x.csv',
        mapping: { columns: { date: 'Date', description: 'Memo', amount: 'Amount' } },
      }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'The description column "Memo" is not in x.csv (its columns are: Date, Text, Amount).',
    });
  });
});

describe('OFX, QFX', () => {
  const sgml = (body: string) =>
    [
      'OFXHEADER:100',
      'DATA:OFXSGML',
      'VERSION:102',
      'SECURITY:NONE',
      'ENCODING:USASCII',
      'CHARSET:1252',
      'COMPRESSION:NONE',
      'OLDFILEUID:NONE',
      'NEWFILEUID:NONE',
      '',
      '<OFX>',
      '<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20240131120000<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>',
      body,
      '</OFX>',
    ].join('\r\n');
  const bank = [
    '<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>',
    '<STMTRS><CURDEF>GBP<BANKACCTFROM><BANKID>090128<ACCTID>12345678<ACCTTYPE>CHECKING</BANKACCTFROM>',
    '<BANKTRANLIST><DTSTART>20240101<DTEND>20240131',
    '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240105000000.000[+1:BST]<TRNAMT>-12.30<FITID>2024010501<NAME>TESCO STORES 3297<MEMO>LONDON GB',
    '</STMTTRN>',
    '<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20240125<TRNAMT>2500.00<FITID>2024012501<NAME>ACME LTD &amp; CO',
    '</STMTTRN>',
    '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240231<TRNAMT>-1.00<FITID>X</STMTTRN>',
    '</BANKTRANLIST><LEDGERBAL><BALAMT>1234.56<DTASOF>20240131</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>',
  ].join('\r\n');

  it('reads SGML headers and unclosed tags: FITID as the import id, the account, the closing balance', async () => {
    const file = await parseStatementFile(utf8(sgml(bank)), { fileName: 'bank.ofx' });
    expect(file.format).toBe('ofx');
    const [statement] = file.statements;
    expect(rows(statement)).toEqual([
      {
        line: 16,
        date: '2024-01-05',
        description: 'TESCO STORES 3297 LONDON GB',
        amountPence: -1230,
        importId: '2024010501',
      },
      { line: 18, date: '2024-01-25', description: 'ACME LTD & CO', amountPence: 250_000, importId: '2024012501' },
    ]);
    expect(statement?.unreadable.map(({ line, reason }) => ({ line, reason }))).toEqual([
      { line: 20, reason: 'the date "20240231" does not exist' },
    ]);
    expect(statement?.account).toEqual({ bankId: '090128', id: '12345678', type: 'CHECKING', currency: 'GBP' });
    expect(statement?.closingBalance).toEqual({ pence: 123_456, date: '2024-01-31' });
  });

  it('reads OFX 2 (XML) with a card statement, and QFX by its INTU.BID', async () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>',
      '<OFX><SIGNONMSGSRSV1><SONRS><INTU.BID>3000</INTU.BID></SONRS></SIGNONMSGSRSV1>',
      '<CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>GBP</CURDEF><CCACCTFROM><ACCTID>4111</ACCTID></CCACCTFROM>',
      '<BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20240301</DTPOSTED><TRNAMT>-99.99</TRNAMT><FITID>A1</FITID><NAME>AMAZON</NAME></STMTTRN></BANKTRANLIST>',
      '</CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>',
    ].join('\n');
    const file = await parseStatementFile(utf8(xml));
    expect(file.format).toBe('qfx');
    expect(file.statements[0]?.account).toEqual({ type: 'CREDITCARD', id: '4111', currency: 'GBP' });
    expect(rows(file.statements[0])).toEqual([
      { line: 5, date: '2024-03-01', description: 'AMAZON', amountPence: -9999, importId: 'A1' },
    ]);
  });
});

describe('QIF', () => {
  it('reads several accounts, each a statement, with day-first and apostrophe-year dates', async () => {
    const qif = [
      '!Option:AutoSwitch',
      '!Account',
      'NCurrent',
      'TBank',
      '^',
      'NVisa',
      'TCCard',
      '^',
      '!Clear:AutoSwitch',
      '!Account',
      'NCurrent',
      'TBank',
      '^',
      '!Type:Bank',
      'D05/01/2024',
      'T-1,012.30',
      'PTESCO',
      'MLONDON',
      '^',
      "D25/01'24",
      'T2,500.00',
      'PSALARY',
      '^',
      '!Account',
      'NVisa',
      'TCCard',
      '^',
      '!Type:CCard',
      'D07/01/2024',
      'U-45.00',
      'PAMAZON',
      '^',
      '',
    ].join('\r\n');
    const file = await parseStatementFile(utf8(qif));
    expect(file.format).toBe('qif');
    expect(file.statements.map((s) => s.account)).toEqual([
      { name: 'Current', type: 'Bank' },
      { name: 'Visa', type: 'CCard' },
    ]);
    expect(rows(file.statements[0])).toEqual([
      { line: 15, date: '2024-01-05', description: 'TESCO LONDON', amountPence: -101_230 },
      { line: 20, date: '2024-01-25', description: 'SALARY', amountPence: 250_000 },
    ]);
    expect(rows(file.statements[1])).toEqual([
      { line: 29, date: '2024-01-07', description: 'AMAZON', amountPence: -4500 },
    ]);
  });
});

describe('spreadsheets', () => {
  it('reads an .xlsx made with exceljs: date cells, numbers and text, and names a sheet it passed over', async () => {
    const workbook = new ExcelJS.Workbook();
    const notes = workbook.addWorksheet('Notes');
    notes.addRow(['Exported from online banking']);
    const sheet = workbook.addWorksheet('Transactions');
    sheet.addRow(['Account summary']);
    sheet.addRow(['Date', 'Description', 'Debit', 'Credit', 'Balance']);
    sheet.addRow([new Date(Date.UTC(2024, 0, 5)), 'CAFÉ NERO', 3.45, null, 96.55]);
    sheet.addRow(['13/01/2024', 'SALARY', null, 2500.01, 2596.56]);
    sheet.addRow([new Date(Date.UTC(2024, 0, 31)), 'BIG', 1234567.89, null, null]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const file = await parseStatementFile(bytes, { fileName: 'statement.xlsx' });
    expect(file.format).toBe('xlsx');
    expect(file.statements).toHaveLength(1);
    const [statement] = file.statements;
    expect(statement?.sheet).toBe('Transactions');
    expect(rows(statement)).toEqual([
      { line: 3, date: '2024-01-05', description: 'CAFÉ NERO', amountPence: -345 },
      { line: 4, date: '2024-01-13', description: 'SALARY', amountPence: 250_001 },
      { line: 5, date: '2024-01-31', description: 'BIG', amountPence: -123_456_789 },
    ]);
    expect(statement?.warnings).toEqual(['Worksheet "Notes" had no statement columns and was not read.']);
  });

  it('reads a real .xls (BIFF8): date-formatted serials and a negative in parentheses as text', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['Date', 'Description', 'Amount'],
      [45296, 'TESCO', '(12.30)'],
      [45297, 'REFUND', 0.3],
    ]);
    for (const ref of ['A2', 'A3']) (sheet[ref] as XLSX.CellObject).z = 'dd/mm/yyyy';
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, sheet, 'Sheet1');
    const bytes = new Uint8Array(XLSX.write(workbook, { type: 'buffer', bookType: 'xls' }) as Buffer);
    expect([...bytes.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const file = await parseStatementFile(bytes, { fileName: 'export.xls' });
    expect(file.format).toBe('xls');
    expect(rows(file.statements[0])).toEqual([
      { line: 2, date: '2024-01-05', description: 'TESCO', amountPence: -1230 },
      { line: 3, date: '2024-01-06', description: 'REFUND', amountPence: 30 },
    ]);
  });
});
