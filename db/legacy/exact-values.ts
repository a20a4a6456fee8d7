// A source value exactly as the old database holds it, and how an original is
// written down so that it can be recovered bit for bit. better-sqlite3 hands
// TEXT over decoded (bytes that are not UTF-8 become U+FFFD) and INTEGER as a
// double (anything past 2^53 is rounded): the source reads those few values
// again without decoding (see legacy-source.ts) and they arrive here.
import { isUtf8 } from 'node:buffer';

/** TEXT whose bytes are not UTF-8 (or hold NUL, which PostgreSQL cannot store). */
export class UnstorableText {
  constructor(readonly bytes: Buffer) {}

  /** What can be stored: the bytes decoded, U+FFFD for what is not UTF-8 and for NUL. */
  get text(): string {
    return this.bytes.toString('utf8').replaceAll('\0', '\uFFFD');
  }
}

const UNSAFE = Number.MAX_SAFE_INTEGER;

/**
 * Whether a value read the fast way may not be what the file holds: text with
 * U+FFFD (perhaps a decoding artefact), a number past 2^53 (perhaps a rounded
 * integer), text with NUL. Cheap, so every value of every row can be asked.
 */
export function mayBeInexact(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\uFFFD') || value.includes('\0');
  return typeof value === 'number' && (value > UNSAFE || value < -UNSAFE);
}

/**
 * A value read as `typeof(x)` and `x` with TEXT cast to BLOB, integers as
 * BigInt: text stays a string when it is UTF-8 without NUL, integers become
 * numbers when a double holds them exactly.
 */
export function exactValue(storage: string, value: unknown): unknown {
  if (storage === 'text') {
    const bytes = value as Buffer;
    return isUtf8(bytes) && !bytes.includes(0) ? bytes.toString('utf8') : new UnstorableText(bytes);
  }
  if (typeof value === 'bigint' && value <= UNSAFE && value >= -UNSAFE) return Number(value);
  return value;
}

/** A value as JSON that says what it was: bytes, big integers and non-finite reals are marked, never rounded or decoded. */
export function originalJson(value: unknown): unknown {
  if (value instanceof UnstorableText) return { $text_base64: value.bytes.toString('base64') };
  if (value instanceof Uint8Array) return { $blob_base64: Buffer.from(value).toString('base64') };
  if (typeof value === 'bigint') return { $integer: value.toString() };
  if (typeof value === 'number' && !Number.isFinite(value)) return { $real: String(value) };
  if (typeof value === 'string' && value.includes('\0')) return { $text_base64: Buffer.from(value).toString('base64') };
  return value;
}

/** A row's columns as JSON, each value by originalJson. */
export function originalRow(row: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [c, originalJson(row[c] ?? null)]));
}

/**
 * A value as import_fixes.original_value (TEXT): as it was, or, for bytes that
 * text cannot hold, base64 (`base64: true`; the fix's reason says so).
 */
export function originalText(value: unknown): { text: string | null; base64: boolean } {
  if (value === null || value === undefined) return { text: null, base64: false };
  if (value instanceof UnstorableText) return { text: value.bytes.toString('base64'), base64: true };
  if (value instanceof Uint8Array) return { text: Buffer.from(value).toString('base64'), base64: true };
  if (typeof value === 'string')
    return value.includes('\0')
      ? { text: Buffer.from(value).toString('base64'), base64: true }
      : { text: value, base64: false };
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return { text: value.toString(), base64: false };
  return { text: JSON.stringify(value), base64: false };
}

/** A source row's id for import_rejects.source_id and legacy_extras.source_id (the exact value is in the row's JSON). */
export function sourceIdText(id: unknown): string | null {
  if (id === null || id === undefined) return null;
  if (typeof id === 'bigint') return id.toString();
  const json = originalJson(id);
  return typeof json === 'string' ? json : JSON.stringify(json);
}
