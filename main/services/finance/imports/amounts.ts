// Money text to integer pence, exactly: digits are joined as text and turned
// into an integer once, never through a float. Accepts what statements write:
// "£1,234.56", "-£5", "(12.30)", "12.30-", "12.3", "12.30 CR", "1.234,56"
// (only when the mapping says decimal comma).
import { MAX_PENCE } from '../../../../db/model.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface AmountOptions {
  /** "1.234,56": comma for pence, dot (or space) between thousands. */
  decimalComma?: boolean;
}

const CURRENCY = /^(?:£|\$|€|GBP|USD|EUR)/i;
const CURRENCY_END = /(?:£|\$|€|GBP|USD|EUR)$/i;
const POINT_NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;
const COMMA_NUMBER = /^(?:\d{1,3}(?:[. ]\d{3})+|\d+)?(?:,(\d*))?$/;
const MINUS = /^[-\u2212]/;

function fail(text: string, why: string): { ok: false; reason: string } {
  return { ok: false, reason: `the amount ${JSON.stringify(text)} ${why}` };
}

/** Parses one amount; an empty cell is a failure ("is empty"), callers decide whether that matters. */
export function parseAmount(text: string, options: AmountOptions = {}): Parsed<number> {
  let s = text.trim();
  if (!s) return { ok: false, reason: 'the amount is empty' };
  let negative = false;
  let signs = 0;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    signs++;
    s = s.slice(1, -1).trim();
  }
  const suffix = /\s*(CR|DR)$/i.exec(s);
  if (suffix) {
    if (suffix[1]?.toUpperCase() === 'DR') negative = !negative;
    signs++;
    s = s.slice(0, suffix.index);
  }
  // A sign and a currency symbol may come in either order at the start ("-£5", "£-5").
  for (let i = 0; i < 2; i++) {
    const currency = CURRENCY.exec(s);
    if (currency) s = s.slice(currency[0].length).trimStart();
    if (MINUS.test(s) || s.startsWith('+')) {
      if (s[0] !== '+') negative = !negative;
      signs++;
      s = s.slice(1).trimStart();
    }
  }
  if (/[-\u2212+]$/.test(s)) {
    if (!s.endsWith('+')) negative = !negative;
    signs++;
    s = s.slice(0, -1).trimEnd();
  }
  const currencyEnd = CURRENCY_END.exec(s);
  if (currencyEnd) s = s.slice(0, currencyEnd.index).trimEnd();
  if (signs > 1) return fail(text, 'has more than one sign');

  const match = (options.decimalComma ? COMMA_NUMBER : POINT_NUMBER).exec(s);
  if (!match || !/\d/.test(s)) {
    if (!options.decimalComma && /^\d{1,3}(?:\.\d{3})*,\d{1,2}$/.test(s)) {
      return fail(
        text,
        'has a decimal comma: set "decimal comma" in the column mapping if this bank writes amounts that way',
      );
    }
    return fail(text, 'is not an amount of money');
  }
  const separator = options.decimalComma ? ',' : '.';
  const point = s.indexOf(separator);
  const whole = (point < 0 ? s : s.slice(0, point)).replace(/[^\d]/g, '').replace(/^0+/, '');
  const fraction = match[1] ?? '';
  if (/[1-9]/.test(fraction.slice(2))) return fail(text, 'has more than 2 decimal places');
  if (whole.length > 10) return fail(text, 'is out of range (more than 9,999,999,999.99)');
  const pence = Number(`${whole || '0'}${fraction.slice(0, 2).padEnd(2, '0')}`);
  if (pence > MAX_PENCE) return fail(text, 'is out of range (more than 9,999,999,999.99)');
  return { ok: true, value: negative && pence !== 0 ? -pence : pence };
}

/**
 * A spreadsheet's numeric cell (a double). Exact when the double is the
 * nearest one to a 2-decimal value, as a typed-in amount always is; anything
 * further off (a formula's 1/3) is refused rather than rounded.
 */
export function numberToPence(value: number): Parsed<number> {
  if (!Number.isFinite(value)) return { ok: false, reason: `the amount ${String(value)} is not a number` };
  const scaled = value * 100;
  const pence = Math.round(scaled);
  // A few units in the last place of the product: the decimal's own rounding plus the multiplication's.
  if (Math.abs(scaled - pence) > Math.max(1e-7, Math.abs(scaled) * 4 * Number.EPSILON)) {
    return { ok: false, reason: `the amount ${String(value)} has more than 2 decimal places` };
  }
  if (Math.abs(pence) > MAX_PENCE) {
    return { ok: false, reason: `the amount ${String(value)} is out of range (more than 9,999,999,999.99)` };
  }
  return { ok: true, value: pence === 0 ? 0 : pence };
}
