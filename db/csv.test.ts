import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.js';

describe('csvField', () => {
  it('leaves plain values alone and writes null as an empty field', () => {
    expect(csvField('Tesco Stores 3217')).toBe('Tesco Stores 3217');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
  });

  it('quotes leading and trailing spaces, which some readers trim', () => {
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+44 20')).toBe("'+44 20");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField(-3)).toBe('-3');
  });
});

describe('toCsv', () => {
  it('writes a header and rows, each line ended by CRLF', () => {
    expect(
      toCsv(
        ['table', 'id', 'reason'],
        [
          ['transactions', 7, 'amount is not a number: "12,5"'],
          ['categories', null, 'empty name'],
        ],
      ),
    ).toBe('table,id,reason\r\ntransactions,7,"amount is not a number: ""12,5"""\r\ncategories,,empty name\r\n');
  });

  it('is just the header when there are no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe('a,b\r\n');
  });
});
