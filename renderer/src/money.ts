// Parsing what people type as money. Exact: the text is parsed as a decimal
// string by db/money.ts, never through a float.
import { decimalToPence } from '../../db/money.js';

/** Accepts "12.34", "-5", "£1,234.50"; returns null when the text is not an amount. */
export function parsePounds(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^([+-]?)£/, '$1')
    .replace(/,/g, '');
  if (!cleaned) return null;
  try {
    return decimalToPence(cleaned);
  } catch {
    return null;
  }
}
