// The old app's merchant normaliser (FINANCE.md 2) as data: steps tried in
// order on a statement description, then a table of well-known names. Rows
// that arrive without a merchant get one from here; `spending` and the
// Accounts page can re-apply it (with a preview) after an account is named.

/** An account mapping, as the cleaner needs it. */
export interface AccountName {
  sortCode: string;
  accountNumber: string;
  friendlyName: string;
}

/** `ACCOUNT <sort code> <account number>` in a description: a payment to or from another account. */
export const ACCOUNT_PATTERN = /\bACCOUNT (\d{6}) (\d{8})\b/i;

interface Step {
  /** What the step does, for people reading this list. */
  does: string;
  find: RegExp;
  replace: string;
}

export const MERCHANT_STEPS: readonly Step[] = [
  { does: 'drop a leading CREDIT FROM / REFUND FROM', find: /^(?:CREDIT|REFUND) FROM\s+/i, replace: '' },
  {
    does: "drop Santander's leading payment kind",
    find: /^(?:CARD PAYMENT TO|DIRECT DEBIT PAYMENT TO|STANDING ORDER TO|TRANSFER (?:FROM|TO))\s+/i,
    replace: '',
  },
  { does: 'drop (VIA APPLE PAY) / (VIA GOOGLE PAY)', find: /\s*\(VIA (?:APPLE|GOOGLE) PAY\)/gi, replace: '' },
  {
    does: 'drop the purchase date (", ON 12-01-2024")',
    find: /,?\s+ON\s+\d{1,2}[-/ ](?:\d{1,2}|[A-Z]{3})(?:[-/ ]\d{2,4})?\b.*$/i,
    replace: '',
  },
  { does: 'drop a REF … / MANDATE NO … tail', find: /,?\s+(?:REF(?:ERENCE)?|MANDATE NO)\b.*$/i, replace: '' },
  { does: 'eBay O*<digits> is eBay', find: /^EBAY O\*\d+.*$/i, replace: 'eBay' },
  { does: 'drop a trailing *<id>', find: /\*[A-Z0-9]+$/i, replace: '' },
  // The old app dropped any long last word; one without a digit is a name ("PARTNERSHIP"), not an id.
  { does: 'drop a trailing id of 8+ letters and digits', find: /\s+(?=[A-Z]*\d)[A-Z0-9]{8,}$/i, replace: '' },
  { does: 'drop trailing * and .', find: /[\s*.]+$/, replace: '' },
];

/** Lower-case prefixes and the name they stand for. */
export const MERCHANT_NAMES: readonly (readonly [prefix: string, name: string])[] = [
  ['amznmktplace', 'Amazon Marketplace'],
  ['amazon marketplace', 'Amazon Marketplace'],
  ['amazon.co.uk', 'Amazon.co.uk'],
  ['amazon prime', 'Amazon Prime'],
  ['ebay', 'eBay'],
  ['paypal', 'PayPal'],
];

const accountKey = (sortCode: string, accountNumber: string) => `${sortCode} ${accountNumber}`;

/** A cleaner over the store's account names: description in, merchant (or null) out. */
export function merchantCleaner(accounts: readonly AccountName[]): (description: string) => string | null {
  const names = new Map(accounts.map((a) => [accountKey(a.sortCode, a.accountNumber), a.friendlyName]));
  return (description) => {
    const [, sortCode, accountNumber] = ACCOUNT_PATTERN.exec(description) ?? [];
    const named = sortCode && accountNumber && names.get(accountKey(sortCode, accountNumber));
    if (named) return `Payment to ${named}`;
    let text = description.trim();
    for (const step of MERCHANT_STEPS) text = text.replace(step.find, step.replace).trim();
    const lower = text.toLowerCase();
    const known = MERCHANT_NAMES.find(([prefix]) => lower.startsWith(prefix));
    if (known) return known[1];
    return text || null;
  };
}
