// An Amazon or Apple purchase history file, recognised from its content (the
// name is not trusted) and read into purchases. Nothing here touches a store.
import { AppError } from '../../../../db/errors.js';
import type { NewPurchase, PurchaseFormat } from '../../../../db/purchases/purchase-model.js';
import { badFile } from '../imports/bad-file.js';
import { readCsvRecords, sniffDelimiter } from '../imports/csv-records.js';
import { looksBinary } from '../imports/detect-format.js';
import { cellText } from '../imports/table-records.js';
import { decodeText } from '../imports/text-decoding.js';
import { amazonFileOf, DIGITAL_COLUMNS, ORDER_COLUMNS, readAmazonRecords, RETURN_COLUMNS } from './parse-amazon.js';
import { looksLikeApplePage, parseApplePage } from './parse-apple.js';

export interface PurchaseProblem {
  line: number;
  reason: string;
}

export interface ParsedPurchases {
  purchases: NewPurchase[];
  /** Orders or purchases that could not be read, with why; the rest are kept. */
  problems: PurchaseProblem[];
}

export interface PurchaseFile extends ParsedPurchases {
  format: PurchaseFormat;
}

const WHICH_FILES =
  'Import Amazon’s “Retail.OrderHistory” or “OrdersReturned.Payments” CSV, its digital orders CSV, or Apple’s ' +
  '“Report a Problem” purchase history saved from the browser as a web page (HTML).';

/** The CSV's records; a file cut short says to download it again from Amazon, not from a bank. */
function csvRecords(text: string, fileName: string | undefined): ReturnType<typeof readCsvRecords> {
  try {
    return readCsvRecords(text, sniffDelimiter(text), 1, fileName);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(error.code, error.message, `Download it again from Amazon (Request Your Data). ${WHICH_FILES}`);
  }
}

export function parsePurchaseFile(bytes: Uint8Array, fileName?: string): PurchaseFile {
  if (!bytes.length) throw badFile(fileName, 'is empty.', WHICH_FILES);
  const { text } = decodeText(bytes, undefined, fileName);
  if (!text.trim()) throw badFile(fileName, 'is empty.', WHICH_FILES);
  if (looksBinary(text))
    throw badFile(fileName, 'is not a text file: not an Amazon or Apple purchase history.', WHICH_FILES);
  let parsed: PurchaseFile;
  if (text.trimStart().startsWith('<')) {
    if (!looksLikeApplePage(text))
      throw badFile(fileName, 'is a web page, but not Apple’s purchase history (no order ids or totals).', WHICH_FILES);
    parsed = { format: 'apple', ...parseApplePage(text) };
  } else {
    const { records } = csvRecords(text, fileName);
    const [head, ...rows] = records;
    const header = (head?.cells ?? []).map((c) => cellText(c));
    const format = amazonFileOf(header);
    if (!format) {
      throw badFile(
        fileName,
        `does not have the columns of an Amazon export (its first line is ${JSON.stringify(header.slice(0, 6).join(','))}).`,
        WHICH_FILES,
      );
    }
    const columns =
      format === 'amazon-orders' ? ORDER_COLUMNS : format === 'amazon-returns' ? RETURN_COLUMNS : DIGITAL_COLUMNS;
    parsed = { format, ...readAmazonRecords(header, rows, columns, format === 'amazon-returns' ? 'refund' : 'order') };
  }
  if (!parsed.purchases.length) {
    const why = parsed.problems.length
      ? ` none of its ${parsed.problems.length} could be read (first: line ${parsed.problems[0]?.line}: ${parsed.problems[0]?.reason})`
      : ' it lists none';
    throw badFile(fileName, `holds no purchases to import:${why}.`, WHICH_FILES);
  }
  return parsed;
}
