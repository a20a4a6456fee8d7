// Whole-number options for commander, shared by the `spending` command and the benches.
import { InvalidArgumentError } from 'commander';

export function positiveInt(max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 1 || n > max)
      throw new InvalidArgumentError(`Expected a whole number from 1 to ${max}.`);
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
