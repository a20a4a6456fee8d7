// The old app's values, judged by the import rules (LEGACY.md): what becomes
// a field fix (kept, with the original recorded) and what makes a row
// impossible (quarantined).
import { canonicalTimestamp } from '../canonical.js';
import { MAX_PENCE } from '../model.js';

export type Judged<T> = { ok: true; value: T; fix?: string } | { ok: false; reason: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function realDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A required date: ISO as is; DD/MM/YYYY or an ISO date with a time become ISO (a fix); anything else is refused. */
export function legacyDate(value: unknown): Judged<string> {
  if (typeof value !== 'string' || !value.trim()) return { ok: false, reason: 'the date is missing' };
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

/** Required money in pounds (REAL, or text such as 'nan'): to exact pence, rounding float artefacts as a fix. */
export function legacyMoney(value: unknown): Judged<number> {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) return { ok: false, reason: `the amount ${JSON.stringify(value)} is not a number` };
  const pence = Math.round(number * 100);
  if (Math.abs(pence) > MAX_PENCE) return { ok: false, reason: `the amount ${String(number)} is out of range` };
  const clean = pence === 0 ? 0 : pence;
  if (typeof value === 'number' && value === clean / 100) return { ok: true, value: clean };
  // PostgreSQL's NUMERIC arrives as exact decimal text: nothing to fix.
  if (typeof value === 'string' && /^-?\d+(\.\d{1,2})?$/.test(value.trim())) return { ok: true, value: clean };
  return { ok: true, value: clean, fix: 'float artefact or sub-penny digits; rounded to the penny' };
}

/** An optional timestamp: canonical UTC text; unreadable text becomes NULL as a fix (never silently). */
export function legacyTimestamp(value: unknown): Judged<string | null> {
  if (value === null || value === undefined || value === '') return { ok: true, value: null };
  const text = `${value as string | number}`;
  const canonical = canonicalTimestamp(text);
  if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(canonical)) return { ok: true, value: canonical };
  return { ok: true, value: null, fix: 'timestamp cannot be read; left empty' };
}

export const HUQUQULLAH_CLASSES = ['essential', 'discretionary'];

export function legacyHuququllah(value: unknown): Judged<string | null> {
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value === 'string' && HUQUQULLAH_CLASSES.includes(value)) return { ok: true, value };
  return { ok: true, value: null, fix: 'not essential or discretionary; left empty' };
}
