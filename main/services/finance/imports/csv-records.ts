// Delimited text to records with their true source lines. csv-parse does the
// quoting (commas and line breaks inside quotes, doubled quotes); its own line
// counter drifts after a CRLF inside quotes, so lines are counted here from
// the byte offset at which each record ends.
import { CsvError, parse } from 'csv-parse/sync';
import { badFile, DOWNLOAD_AGAIN } from './bad-file.js';
import type { UnreadableRow } from './statement.js';
import type { TableRecord } from './table-records.js';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

const QUOTED = /"(?:[^"]|"")*"/g;

/** The delimiter that splits the first lines into the same number of cells most often. */
export function sniffDelimiter(text: string): Delimiter {
  const lines = text
    .slice(0, 64 * 1024)
    .replace(QUOTED, '""')
    .split(/\r\n|\n|\r/, 50)
    .filter((l) => l.trim());
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const n = line.split(delimiter).length - 1;
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    const score = Math.max(0, ...counts.values());
    if (score > bestScore) [best, bestScore] = [delimiter, score];
  }
  return best;
}

export interface CsvRecords {
  records: TableRecord[];
  /** Records csv-parse could not split (a stray quote), by line. */
  unreadable: UnreadableRow[];
}

/**
 * Every non-empty record, cells as written (no trimming), each with the line
 * it starts on. `firstLine` is the source line of the text's first line (when
 * lines above it were skipped). A quote left open at the end means the file
 * was cut short: that is an error, not an unreadable row.
 */
export function readCsvRecords(text: string, delimiter: string, firstLine = 1, fileName?: string): CsvRecords {
  const bytes = Buffer.from(text, 'utf8');
  let pos = 0;
  let line = firstLine;
  const step = () => {
    const b = bytes[pos++];
    if (b === 10 || (b === 13 && bytes[pos] !== 10)) line++;
  };
  const skipBreaks = () => {
    while (pos < bytes.length && (bytes[pos] === 10 || bytes[pos] === 13)) step();
  };
  const unreadable: UnreadableRow[] = [];
  let openQuoteLine: number | undefined;
  const records: TableRecord[] = [];
  try {
    parse(bytes, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        skipBreaks();
        if (error?.code === 'CSV_QUOTE_NOT_CLOSED') openQuoteLine = line;
        else
          unreadable.push({
            line,
            reason: `the line cannot be split into cells (${error?.message ?? 'bad quoting'})`,
            raw: [],
          });
      },
      on_record: (cells: string[], context) => {
        skipBreaks();
        records.push({ line, cells });
        while (pos < context.bytes) step();
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) {
      throw badFile(fileName, `cannot be read as CSV: ${error.message}.`, DOWNLOAD_AGAIN);
    }
    throw error;
  }
  if (openQuoteLine !== undefined) {
    throw badFile(
      fileName,
      `ends inside a quoted field that starts on line ${openQuoteLine}: it looks cut short.`,
      DOWNLOAD_AGAIN,
    );
  }
  return { records, unreadable };
}
