// The Huququllah classes as the app names them, wherever a class is shown or chosen.
import type { HUQUQULLAH_CLASSES, Transaction } from '../../../../db/model.js';

export const HUQUQULLAH_LABELS = {
  essential: 'Essential',
  discretionary: 'Discretionary',
} as const satisfies Record<(typeof HUQUQULLAH_CLASSES)[number], string>;

export const UNCLASSIFIED_LABEL = 'Not classified';

/** A transaction's class by name; null for income, which is never classed. */
export function huququllahLabel(t: Pick<Transaction, 'amountPence' | 'huququllahClassification'>): string | null {
  if (t.huququllahClassification) return HUQUQULLAH_LABELS[t.huququllahClassification];
  return t.amountPence < 0 ? UNCLASSIFIED_LABEL : null;
}
