// The old app's values, judged by the import rules (LEGACY.md): what is taken
// as it is, what becomes a field fix (kept, with the original recorded) and
// what makes a row impossible (quarantined). Values arrive exact (see
// exact-values.ts): strings, numbers, BigInt past 2^53, Buffers for BLOBs,
// UnstorableText, and from PostgreSQL booleans, parsed JSON and decimal text.
//
// Per kind: text that spells a value the way a database writes it ('12.50',
// '7', '0.875', '1') is that value, with nothing recorded; text that needs
// reading (' 12.5 ', '1e2', 'true') is read and recorded as a fix; anything
// else ('0x10', 'many', 'maybe', 'abc') is no value of the kind: a required
// column quarantines the row, an optional one is left empty with a fix.
import { canonicalJson, canonicalTimestamp } from '../canonical.js';
import { MAX_PENCE } from '../model.js';
import { UnstorableText } from './exact-values.js';
import {
  decimalToHundredths,
  decimalToInteger,
  parseDecimal,
  PLAIN_DECIMAL,
  PLAIN_INTEGER,
  PLAIN_MONEY,
} from './legacy-numbers.js';

export type Judged<T> = { ok: true; value: T; fix?: string } | { ok: false; reason: string };

/** A value in a reason: JSON, with bytes and big integers marked. */
export const shown = (value: unknown): string =>
  value instanceof UnstorableText
    ? `(bytes ${value.bytes.toString('base64')} in base64)`
    : value instanceof Uint8Array
      ? `(a BLOB of ${String(value.length)} bytes)`
      : typeof value === 'bigint'
        ? value.toString()
        : JSON.stringify(value);

/** A value that is no value of its column's kind: a required column refuses the row, an optional one is emptied. */
function missing<T>(required: boolean, reason: string): Judged<T | null> {
  return required ? { ok: false, reason } : { ok: true, value: null, fix: `${reason}; left empty` };
}

const joinFixes = (a: string | undefined, b: string | undefined) => (a && b ? `${a}; ${b}` : (a ?? b));

/**
 * Text as it will be stored. Bytes that are not UTF-8 (or hold NUL) cannot be
 * stored as text by PostgreSQL, and both stores must hold the same: the row is
 * kept, because quarantining a transaction for its description would take its
 * money out of every total, with U+FFFD for those bytes, and the fix records
 * the exact bytes (base64), so nothing is lost. A BLOB is read as UTF-8 the same way.
 */
export function legacyText(value: unknown): Judged<string> {
  if (typeof value === 'string') return { ok: true, value };
  if (value instanceof UnstorableText)
    return {
      ok: true,
      value: value.text,
      fix: 'not UTF-8 text, or holds NUL; kept with U+FFFD in place of those bytes',
    };
  if (value instanceof Uint8Array) {
    const text = new UnstorableText(Buffer.from(value));
    const clean = Buffer.from(text.text).equals(text.bytes);
    return {
      ok: true,
      value: text.text,
      fix: clean
        ? 'stored as a BLOB; kept as its UTF-8 text'
        : 'a BLOB that is not UTF-8 text; kept with U+FFFD in place of the bytes that are not',
    };
  }
  if (typeof value === 'object' && value !== null)
    return { ok: true, value: JSON.stringify(value), fix: 'stored as JSON; kept as its text' };
  return { ok: true, value: String(value), fix: 'stored as a number; kept as text' };
}

/** Text first (with its fix), then the kind's own reading of it. */
function fromText<T>(value: unknown, judge: (text: string) => Judged<T>): Judged<T> {
  const text = legacyText(value);
  if (!text.ok) return text;
  const judged = judge(text.value);
  if (!judged.ok || !text.fix) return judged;
  return { ...judged, fix: joinFixes(text.fix, judged.fix) };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function realDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A required date: ISO as is; DD/MM/YYYY or an ISO date with a time become ISO (a fix); anything else is refused. */
export const legacyDate = (value: unknown): Judged<string> => fromText(value, isoDate);

function isoDate(value: string): Judged<string> {
  if (!value.trim()) return { ok: false, reason: 'the date is missing' };
  const text = value.trim();
  const isoMatch = ISO_DATE.exec(text) ?? ISO_DATE.exec(text.slice(0, 10));
  if (isoMatch) {
    const [y, m, d] = [Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])];
    if (!realDate(y, m, d)) return { ok: false, reason: `the date ${JSON.stringify(value)} does not exist` };
    if (text.length === 10 && text === value) return { ok: true, value: text };
    if (text.length > 10 && !/^[ T]\d{2}:\d{2}/.test(text.slice(10)))
      return { ok: false, reason: `the date ${JSON.stringify(value)} cannot be read` };
    return { ok: true, value: iso(y, m, d), fix: 'date with a time or spaces; kept the date' };
  }
  const uk = UK_DATE.exec(text);
  if (uk) {
    const [d, m, y] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
    if (!realDate(y, m, d)) return { ok: false, reason: `the date ${JSON.stringify(value)} does not exist` };
    return { ok: true, value: iso(y, m, d), fix: 'DD/MM/YYYY date turned into ISO' };
  }
  return { ok: false, reason: `the date ${JSON.stringify(value)} cannot be read` };
}

const outOfRange = (number: string) => `the amount ${number} is out of range`;

/** Money in pounds (REAL, or text such as PostgreSQL's NUMERIC or 'nan'): to exact pence. */
export function legacyMoney(value: unknown, required = true): Judged<number | null> {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return missing(required, `the amount ${shown(value)} is not a number`);
    const pence = Math.round(value * 100);
    if (Math.abs(pence) > MAX_PENCE) return missing(required, outOfRange(String(value)));
    const clean = pence === 0 ? 0 : pence;
    if (value === clean / 100) return { ok: true, value: clean };
    return { ok: true, value: clean, fix: 'float artefact or sub-penny digits; rounded to the penny' };
  }
  if (typeof value === 'bigint') return missing(required, outOfRange(value.toString()));
  const decimal = typeof value === 'string' ? parseDecimal(value) : undefined;
  if (!decimal) return missing(required, `the amount ${shown(value)} is not a number`);
  const pence = decimalToHundredths(decimal);
  if (pence > BigInt(MAX_PENCE) || pence < -BigInt(MAX_PENCE)) return missing(required, outOfRange(shown(value)));
  const number = pence === 0n ? 0 : Number(pence);
  const text = value as string;
  if (PLAIN_MONEY.test(text)) return { ok: true, value: number };
  if (PLAIN_DECIMAL.test(text)) return { ok: true, value: number, fix: 'sub-penny digits; rounded to the penny' };
  return {
    ok: true,
    value: number,
    fix: 'an amount written with spaces, a sign or an exponent; read as the number it spells',
  };
}

/** PostgreSQL's integer: every whole number the old app stored in one fits, and both stores hold the same. */
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** A whole number (counts, confidences, links). */
export function legacyInteger(value: unknown, required: boolean, column: string): Judged<number | null> {
  const whole = (n: bigint, fix?: string): Judged<number | null> =>
    n < BigInt(INT_MIN) || n > BigInt(INT_MAX)
      ? missing(required, `${column} ${n.toString()} is out of range`)
      : { ok: true, value: Number(n), ...(fix ? { fix } : {}) };
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (value >= INT_MIN && value <= INT_MAX) return { ok: true, value };
    return missing(required, `${column} ${String(value)} is out of range`);
  }
  if (typeof value === 'bigint') return whole(value);
  if (typeof value === 'string') {
    const decimal = parseDecimal(value);
    const integer = decimal && decimalToInteger(decimal);
    if (integer !== undefined)
      return whole(
        integer,
        PLAIN_INTEGER.test(value) ? undefined : 'a whole number written as text; read as the number it spells',
      );
  }
  return missing(required, `${column} ${shown(value)} is not a whole number`);
}

/** A floating point number (match confidences). */
export function legacyReal(value: unknown, required: boolean, column: string): Judged<number | null> {
  if (typeof value === 'number')
    return Number.isFinite(value)
      ? { ok: true, value }
      : missing(required, `${column} ${shown(value)} is not a number`);
  if (typeof value === 'bigint')
    return { ok: true, value: Number(value), fix: 'a whole number too large for a floating point number; rounded' };
  if (typeof value === 'string' && parseDecimal(value)) {
    const number = Number(value.trim());
    if (Number.isFinite(number))
      return PLAIN_DECIMAL.test(value)
        ? { ok: true, value: number }
        : { ok: true, value: number, fix: 'a number written as text; read as the number it spells' };
  }
  return missing(required, `${column} ${shown(value)} is not a number`);
}

const YES = new Set(['true', 't', 'yes', 'y']);
const NO = new Set(['false', 'f', 'no', 'n']);

/** Yes or no, stored as 0/1 (SQLite) or a boolean (PostgreSQL). */
export function legacyBoolean(value: unknown, required: boolean, column: string): Judged<number | null> {
  if (value === true || value === 1 || value === '1') return { ok: true, value: 1 };
  if (value === false || value === 0 || value === '0') return { ok: true, value: 0 };
  const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (word && YES.has(word)) return { ok: true, value: 1, fix: 'yes written as text' };
  if (word && NO.has(word)) return { ok: true, value: 0, fix: 'no written as text' };
  return missing(required, `${column} ${shown(value)} is not yes or no`);
}

/** JSON (PostgreSQL's JSONB arrives parsed): the canonical text of it. */
export function legacyJson(value: unknown, required: boolean, column: string): Judged<string | null> {
  if (typeof value !== 'string' && !(value instanceof UnstorableText) && !(value instanceof Uint8Array))
    return { ok: true, value: canonicalJson(value) };
  return fromText(value, (text) => {
    try {
      return { ok: true, value: canonicalJson(text) };
    } catch {
      return missing(required, `${column} is not JSON`);
    }
  });
}

/** An optional timestamp: canonical UTC text; unreadable text becomes NULL as a fix (never silently). */
export function legacyTimestamp(value: unknown): Judged<string | null> {
  return fromText(value, (text) => {
    if (text === '') return { ok: true, value: null, fix: 'empty timestamp; left empty' };
    const canonical = canonicalTimestamp(text);
    if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(canonical)) return { ok: true, value: canonical };
    return { ok: true, value: null, fix: 'timestamp cannot be read; left empty' };
  });
}

const CONNECTION_STATUSES = ['active', 'expired', 'inactive', 'authorization_required'];

/**
 * A bank connection's state (NOT NULL, CHECKed in our schema; the old app had
 * neither): an empty or unknown one asks the user to connect the bank again,
 * the one state that never uses tokens nobody has checked.
 */
export function legacyConnectionStatus(value: unknown): Judged<string> {
  const again = 'authorization_required';
  if (value === null || value === undefined)
    return { ok: true, value: again, fix: 'no state; the bank will ask to be connected again' };
  return fromText(value, (text) =>
    CONNECTION_STATUSES.includes(text)
      ? { ok: true, value: text }
      : { ok: true, value: again, fix: 'not a state the app knows; the bank will ask to be connected again' },
  );
}

export const HUQUQULLAH_CLASSES = ['essential', 'discretionary'];

export function legacyHuququllah(value: unknown): Judged<string | null> {
  return fromText(value, (text) =>
    HUQUQULLAH_CLASSES.includes(text)
      ? { ok: true, value: text }
      : { ok: true, value: null, fix: 'not essential or discretionary; left empty' },
  );
}

/**
 * A row's id: a positive whole number (AUTOINCREMENT starts at 1) that
 * PostgreSQL's integer holds, so both stores keep it as it is. Text only when
 * it spells the number plainly ('12', as PostgreSQL writes a bigint):
 * legacy-source.ts reads rows in the order of exactly these ids, which the
 * checksums rely on.
 */
export function legacyId(value: unknown): Judged<number> {
  const whole =
    typeof value === 'number' && Number.isInteger(value)
      ? BigInt(value)
      : typeof value === 'bigint'
        ? value
        : typeof value === 'string' && PLAIN_INTEGER.test(value)
          ? BigInt(value)
          : undefined;
  if (whole === undefined) return { ok: false, reason: `id ${shown(value)} is not a whole number` };
  if (whole < 1n) return { ok: false, reason: `id ${shown(value)} is not a positive whole number` };
  if (whole > BigInt(INT_MAX))
    return { ok: false, reason: `id ${whole.toString()} is beyond the highest id a store holds (${String(INT_MAX)})` };
  return { ok: true, value: Number(whole) };
}
