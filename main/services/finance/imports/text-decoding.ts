// Bytes to text. Banks still write Windows-1252/ISO-8859-1 (Santander's "£" is
// byte 0xA3), so a file that is not valid UTF-8 is read as Windows-1252, a
// superset of ISO-8859-1's printable characters. iconv-lite rather than
// TextDecoder: Node 20's TextDecoder('windows-1252') decodes as Latin-1
// (0x80 stays U+0080 instead of "€").
import iconv from 'iconv-lite';
import { badFile } from './bad-file.js';

export interface DecodedText {
  text: string;
  /** What was used: 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252' or the encoding asked for. */
  encoding: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** A BOM decides; else UTF-8 when the bytes are valid UTF-8; else Windows-1252. `encoding` overrides all three. */
export function decodeText(bytes: Uint8Array, encoding?: string, fileName?: string): DecodedText {
  const bom = bomEncoding(bytes);
  if (encoding && encoding.toLowerCase() !== 'auto') {
    const asked = encoding;
    if (!iconv.encodingExists(encoding)) {
      throw badFile(
        fileName,
        `cannot be read as "${asked}": that encoding is unknown.`,
        'Use utf-8, windows-1252, iso-8859-1 or utf-16le.',
      );
    }
    const body = bom ? bytes.subarray(bom.length) : bytes;
    return { text: iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), encoding), encoding };
  }
  if (bom) {
    const body = Buffer.from(bytes.buffer, bytes.byteOffset + bom.length, bytes.byteLength - bom.length);
    return { text: iconv.decode(body, bom.encoding), encoding: bom.encoding };
  }
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252'),
      encoding: 'windows-1252',
    };
  }
}
