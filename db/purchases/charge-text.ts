// Which bank rows may be an Amazon or an Apple charge, by their text. Apple
// Pay alone says how a card was used, not what was bought: "APPLE PAY TESCO"
// is a Tesco payment, while "APPLE.COM/BILL" paid with Apple Pay is still an
// Apple purchase, so only Apple's billing names count.
import type { PurchaseSource } from './purchase-model.js';

const AMAZON = /AMAZON|AMZN|\bAMZ\b/i;
const APPLE = /APPLE\.COM|APPLE COM BILL|APP STORE|ITUNES|APPLE SERVICES|APPLE BILL/i;

/** The seller a bank row's text names, if it is one whose purchases we match. */
export function chargeSource(description: string): PurchaseSource | undefined {
  if (APPLE.test(description)) return 'apple';
  if (AMAZON.test(description)) return 'amazon';
  return undefined;
}

/**
 * Folded (lower-case) fragments a row must contain one of to be looked at at all: a superset of what
 * chargeSource accepts, tested in the database so a million rows are not read to find a few thousand.
 */
export const CHARGE_FRAGMENTS = ['amazon', 'amzn', 'amz', 'apple', 'itunes', 'app store'] as const;
