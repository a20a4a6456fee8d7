// Santander's ".xls" download is an HTML page (ISO-8859-1): one table whose
// header cells (Date, Description, Money in, Money Out, Balance) are padded
// with spaces and whose data starts two rows below the header, after a blank
// row. Any bank's HTML table with such headers reads the same way.
import { badFile, DOWNLOAD_AGAIN } from './bad-file.js';
import { locateColumns, type CsvMapping } from './csv-mapping.js';
import { formatDayOrder } from './dates.js';
import { elementsNamed, lineOf, parseHtml, textOf } from './html-tree.js';
import type { Statement } from './statement.js';
import type { TableRecord } from './table-records.js';
import { tableToStatement } from './table-statement.js';

export function parseSantanderHtml(text: string, mapping: CsvMapping = {}, fileName?: string): Statement {
  const document = parseHtml(text);
  const records: TableRecord[] = elementsNamed(document, 'tr').map((tr) => ({
    line: lineOf(tr),
    cells: tr.childNodes.filter((c) => 'tagName' in c && (c.tagName === 'td' || c.tagName === 'th')).map(textOf),
  }));
  if (records.length === 0) {
    throw badFile(
      fileName,
      'is a web page without a table of transactions.',
      'Download the statement from your bank as a spreadsheet, CSV or OFX file.',
    );
  }
  // parse5 closes what a cut-off download leaves open; the missing end tag is the only sign.
  if (!/<\/table\s*>/i.test(text))
    throw badFile(fileName, 'ends before its table does: it looks cut short.', DOWNLOAD_AGAIN);
  const { headerIndex, plan } = locateColumns(records, mapping, fileName);
  return tableToStatement(records, headerIndex, plan, {
    format: 'santander-html',
    dayOrder: mapping.dateFormat ? formatDayOrder(mapping.dateFormat) : undefined,
    decimalComma: mapping.decimalComma,
    signFlip: mapping.signFlip,
  });
}
