// Whole-number options for commander, shared by the `spending` command and the benches.
import { InvalidArgumentError } from 'commander';

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
