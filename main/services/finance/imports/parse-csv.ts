// Any bank's CSV (or TSV): columns from the saved mapping, or found from
// common headers; dates day first unless the mapping or the file says not.
import type { CsvMapping } from './csv-mapping.js';
import { locateColumns } from './csv-mapping.js';
import { readCsvRecords, sniffDelimiter, type CsvRecords, type Delimiter } from './csv-records.js';
import { formatDayOrder } from './dates.js';
import type { Statement } from './statement.js';
import { tableToStatement } from './table-statement.js';

/** The offset just past the first `count` line breaks. */
function afterLines(text: string, count: number): number {
  let at = 0;
  for (let i = 0; i < count && at < text.length; i++) {
    const lf = text.indexOf('\n', at);
    const cr = text.indexOf('\r', at);
    if (lf < 0 && cr < 0) return text.length;
    if (cr >= 0 && (lf < 0 || cr < lf)) at = text[cr + 1] === '\n' ? cr + 2 : cr + 1;
    else at = lf + 1;
  }
  return at;
}

/** The records below the lines the mapping skips, split by its delimiter or the one sniffed. */
export function csvRecords(
  text: string,
  mapping: CsvMapping = {},
  fileName?: string,
): CsvRecords & { delimiter: Delimiter } {
  const skip = mapping.skipLines ?? 0;
  const body = skip ? text.slice(afterLines(text, skip)) : text;
  const delimiter = mapping.delimiter ?? sniffDelimiter(body);
  return { ...readCsvRecords(body, delimiter, skip + 1, fileName), delimiter };
}

/** `text` is the decoded file (see text-decoding.ts). */
export function parseCsvStatement(text: string, mapping: CsvMapping = {}, fileName?: string): Statement {
  const { records, unreadable } = csvRecords(text, mapping, fileName);
  const { headerIndex, plan } = locateColumns(records, mapping, fileName);
  const statement = tableToStatement(records, headerIndex, plan, {
    format: 'csv',
    dayOrder: mapping.dateFormat ? formatDayOrder(mapping.dateFormat) : undefined,
    decimalComma: mapping.decimalComma,
    signFlip: mapping.signFlip,
  });
  if (unreadable.length) {
    statement.unreadable = [...statement.unreadable, ...unreadable].sort((a, b) => a.line - b.line);
  }
  return statement;
}
