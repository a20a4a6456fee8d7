// One neutral form for every stored value, whichever database it came from:
// what the data mover carries between dialects and what checksums hash.
import type { ColumnKind } from './table-columns.js';
import { decimalToPence, realToPence } from './money.js';

export type Canonical = string | number | null;

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * '2026-11-25T03:00:00+01:00' and '2026-11-25 02:00:00' (UTC, as SQLite's
 * CURRENT_TIMESTAMP writes it) both become '2026-11-25 02:00:00'. Fractions of
 * a second are kept digit for digit. Text that is not a timestamp is returned unchanged.
 */
const CANONICAL_TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d*[1-9])?$/;

export function canonicalTimestamp(text: string): string {
  // Most values are already canonical (SQLite) or canonical plus '+00' (PostgreSQL in UTC).
  if (CANONICAL_TIMESTAMP.test(text)) return text;
  if (text.endsWith('+00') && CANONICAL_TIMESTAMP.test(text.slice(0, -3))) return text.slice(0, -3);
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return text;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = m;
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0'));
  }
  const utc = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi) - offsetMinutes, Number(s)),
  );
  const trimmed = fraction.replace(/0+$/, '');
  return (
    `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())} ` +
    `${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}${trimmed ? `.${trimmed}` : ''}`
  );
}

/** JSON with object keys sorted, so jsonb's reordering and spacing do not count as a change. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(typeof value === 'string' ? (JSON.parse(value) as unknown) : value));
}

/** Drivers hand back strings, numbers, booleans or (jsonb) parsed objects. */
const scalar = (value: unknown): string =>
  typeof value === 'object' ? JSON.stringify(value) : `${value as string | number | boolean}`;

/** A value as a driver returned it, in the neutral form for its column's kind. */
export function canonicalValue(kind: ColumnKind, value: unknown): Canonical {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'int':
      return Number(value);
    case 'real':
      return Number(value);
    case 'money':
      // SQLite holds REAL pounds, PostgreSQL NUMERIC text.
      return typeof value === 'number' ? realToPence(value) : decimalToPence(scalar(value));
    case 'bool':
      return value === true || value === 1 || value === '1' || value === 't' || value === 'true' ? 1 : 0;
    case 'json':
      return canonicalJson(value);
    case 'timestamp':
      return canonicalTimestamp(scalar(value));
    case 'date':
    case 'text':
      return scalar(value);
  }
}
