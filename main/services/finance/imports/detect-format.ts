// What a file is, from its bytes (the name's extension is not trusted:
// Santander's ".xls" is HTML). Spreadsheets are recognised by their
// containers; text is decoded once and recognised by how it starts.
import { badFile, DOWNLOAD_AGAIN } from './bad-file.js';
import { decodeText } from './text-decoding.js';

export type FileKind = 'xls' | 'xlsx' | 'html' | 'ofx' | 'qif' | 'csv';

export type SniffedFile =
  | { kind: 'xls' | 'xlsx'; bytes: Uint8Array }
  | { kind: 'html' | 'ofx' | 'qif' | 'csv'; text: string; encoding: string };

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OTHER_BINARIES: [readonly number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x4b, 0x05, 0x06], 'an empty ZIP archive'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
];
const NOT_A_STATEMENT = 'Download the statement from your bank as CSV, OFX, QIF or a spreadsheet and import that file.';

function zipHolds(bytes: Uint8Array, path: string): boolean {
  // Entry names are stored as plain bytes in each local header and the central directory.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(path, 0, 'latin1');
}

/** Control characters other than tab, line breaks and form feed: text files have none. */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return true;
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control > head.length / 100;
}

export function sniffFile(bytes: Uint8Array, encoding?: string, fileName?: string): SniffedFile {
  if (bytes.length === 0) throw badFile(fileName, 'is empty.', DOWNLOAD_AGAIN);
  if (startsWith(bytes, OLE2)) return { kind: 'xls', bytes };
  if (startsWith(bytes, ZIP)) {
    if (zipHolds(bytes, 'xl/')) return { kind: 'xlsx', bytes };
    const what = zipHolds(bytes, 'word/') ? 'a Word document' : 'a ZIP archive';
    throw badFile(
      fileName,
      `is ${what}, not a statement.`,
      'Unzip it, or export the statement from your bank, and import the statement file itself.',
    );
  }
  for (const [magic, what] of OTHER_BINARIES) {
    if (startsWith(bytes, magic)) throw badFile(fileName, `is ${what}, not a statement.`, NOT_A_STATEMENT);
  }
  const { text, encoding: used } = decodeText(bytes, encoding, fileName);
  if (!text.trim()) throw badFile(fileName, 'is empty.', DOWNLOAD_AGAIN);
  if (looksBinary(text))
    throw badFile(fileName, 'is not a text or spreadsheet file that Spending can read.', NOT_A_STATEMENT);
  const head = text.slice(0, 65536);
  const start = head.trimStart().slice(0, 256).toLowerCase();
  if (start.startsWith('ofxheader') || /<ofx>/i.test(head)) return { kind: 'ofx', text, encoding: used };
  if (/^!(type|account|option|clear)\b/.test(start)) return { kind: 'qif', text, encoding: used };
  if (start.startsWith('<') && /<(html|table)[\s>]/i.test(head)) return { kind: 'html', text, encoding: used };
  return { kind: 'csv', text, encoding: used };
}
