// Number, money and date options for commander, shared by the `spending` command and the benches.
import { InvalidArgumentError } from 'commander';
import { decimalToPence } from '../../db/money.js';

export function isoDate(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new InvalidArgumentError('Expected a date as YYYY-MM-DD.');
  return text;
}

export function pounds(text: string): number {
  try {
    return decimalToPence(text);
  } catch {
    throw new InvalidArgumentError('Expected an amount in pounds, like 12.50 or -3.');
  }
}

/** `min` 0 allows zero (an offset). */
export function positiveInt(max: number, min = 1) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    return n;
  };
}

/** "100000,1000000" -> [100000, 1000000]. */
export function positiveIntList(max: number) {
  const one = positiveInt(max);
  return (text: string): number[] => {
    try {
      return text.split(',').map((part) => one(part.trim()));
    } catch {
      throw new InvalidArgumentError(`Expected whole numbers from 1 to ${max}, separated by commas.`);
    }
  };
}
