// Numbers the old app left as text ('12.50', ' 12.5 ', '1e2'), read exactly:
// the digits as a BigInt and a decimal scale, never a float in between.

/** Decimal digits with an optional sign, point and exponent; no hex, no Infinity, no thousands separators. */
const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d{1,4}))?$/i;

export interface Decimal {
  /** The value is units × 10^-scale. */
  units: bigint;
  scale: number;
}

export function parseDecimal(text: string): Decimal | undefined {
  const m = NUMBER.exec(text.trim());
  if (!m) return undefined;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = m;
  if (!whole && !fraction) return undefined;
  return {
    units: BigInt(`${sign === '-' ? '-' : ''}${whole}${fraction}` || '0'),
    scale: fraction.length - Number(exponent),
  };
}

const TEN = 10n;

/** To a whole number of hundredths, half away from zero. */
export function decimalToHundredths({ units, scale }: Decimal): bigint {
  if (scale <= 2) return units * TEN ** BigInt(2 - scale);
  const divisor = TEN ** BigInt(scale - 2);
  const magnitude = units < 0n ? -units : units;
  const rounded = magnitude / divisor + (2n * (magnitude % divisor) >= divisor ? 1n : 0n);
  return units < 0n ? -rounded : rounded;
}

/** The whole number it is, or undefined when it has a fraction. */
export function decimalToInteger({ units, scale }: Decimal): bigint | undefined {
  if (scale <= 0) return units * TEN ** BigInt(-scale);
  const divisor = TEN ** BigInt(scale);
  return units % divisor === 0n ? units / divisor : undefined;
}

/** How PostgreSQL writes an integer or a NUMERIC(12,2): these spell their value with nothing to interpret. */
export const PLAIN_INTEGER = /^-?(0|[1-9]\d*)$/;
export const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
export const PLAIN_MONEY = /^-?\d+(\.\d{1,2})?$/;
