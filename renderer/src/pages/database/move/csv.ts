// CSV for the move report's rejected and changed rows, built here rather than
// in the main process: the rows are already in the window, and a download
// needs no file dialog or file system access of its own.

export type CsvValue = string | number | null;

/** Text a spreadsheet would run as a formula: =, +, -, @, tab or CR at the start. */
const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?\d+(\.\d+)?$/;

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

/** A header line, then one line per row, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/**
 * Offers `csv` as a download named `fileName`. The byte order mark makes Excel
 * read the file as UTF-8 (names such as "Café Nero" or "£" otherwise garble).
 */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has been handled: revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
