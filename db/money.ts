// Exact conversions between integer pence (what code uses) and the decimal
// forms the databases hold. No float arithmetic is ever done on money.
import { MAX_PENCE } from './model.js';

function assertPence(pence: number): void {
  if (!Number.isSafeInteger(pence) || Math.abs(pence) > MAX_PENCE) {
    throw new RangeError(`Not a storable amount of pence: ${pence}`);
  }
}

/** 1234 -> "12.34", -5 -> "-0.05" */
export function penceToDecimal(pence: number): string {
  assertPence(pence);
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = Math.trunc(abs / 100);
  const rest = abs % 100;
  return `${sign}${pounds}.${rest.toString().padStart(2, '0')}`;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d{1,2})0*)?$/;

/** Parses "12.34", "-0.5", "7" exactly; refuses anything with sub-penny digits. */
export function decimalToPence(text: string): number {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new RangeError(`Not an amount of money: ${JSON.stringify(text)}`);
  const [, sign, pounds = '0', fraction = ''] = m;
  const pence = Number(pounds) * 100 + Number(fraction.padEnd(2, '0'));
  const value = sign === '-' ? -pence : pence;
  assertPence(value);
  return value === 0 ? 0 : value;
}

/** SQLite REAL holds the double nearest the 2 dp value; x*100 is within 1e-9 of an integer. */
export function realToPence(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`Not an amount of money: ${value}`);
  const pence = Math.round(value * 100);
  assertPence(pence);
  return pence === 0 ? 0 : pence;
}

export function penceToReal(pence: number): number {
  assertPence(pence);
  return pence / 100;
}

const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** For display only: 123456 -> "£1,234.56". Exact because pence/100 is formatted to 2 dp. */
export function formatPence(pence: number): string {
  return gbp.format(pence / 100);
}
