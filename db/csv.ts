// CSV for lists of rows people open in a spreadsheet: the move report's
// rejected and changed rows (built in the window, downloaded from there) and
// the legacy import's quarantined rows and fixed fields (written next to its
// backup by the import itself). One writer, so both defuse formulas alike.

export type CsvValue = string | number | null;

/** Text a spreadsheet would run as a formula: =, +, -, @, tab or CR at the start. */
const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** Makes a spreadsheet read the file as UTF-8 (names such as "Café Nero" or "£" otherwise garble). */
export const UTF8_BOM = '\uFEFF';

/**
 * One field, RFC 4180 style: quoted when it holds a comma, quote or line
 * break (or leading or trailing spaces some readers would trim), quotes
 * doubled. Rejected rows are whatever the source held, so text that a
 * spreadsheet would run as a formula gets a leading apostrophe (OWASP's
 * advice on CSV injection); plain numbers such as -12.50 stay as they are.
 */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line, ended by CRLF: for files written a page at a time. */
export function csvLine(row: readonly CsvValue[]): string {
  return `${row.map(csvField).join(',')}\r\n`;
}

/** A header line, then one line per row, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map(csvLine).join('');
}
