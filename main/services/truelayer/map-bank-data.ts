// Data API items turned into what the bank repository stores: exact pence,
// the booking date from the timestamp's first 10 characters (never through
// local time), the dedupe key, and the ledger sign from transaction_type.
import { createHash } from 'node:crypto';
import type { AccountInput, BalanceInput, BankTransaction } from '../../../db/bank/bank-types.js';
import { ledgerPence } from '../../../db/bank/ledger-amount.js';
import { IsoDate } from '../../../db/model.js';
import { realToPence } from '../../../db/money.js';
import { ApiTransaction, type ApiAccount, type ApiBalance, type ApiCard } from './api-schemas.js';

const HASH_PREFIX = 'hash:';

/** Banks send decimals like 24.99 as JSON numbers; realToPence takes the nearest penny. */
const optionalPence = (amount: number | null | undefined) =>
  amount === null || amount === undefined ? null : realToPence(amount);

export function mapAccount(a: ApiAccount): AccountInput {
  return {
    accountId: a.account_id,
    kind: 'account',
    accountType: a.account_type ?? null,
    displayName: a.display_name ?? null,
    currency: a.currency ?? null,
    accountNumber: a.account_number ?? null,
    providerData: a.provider ?? null,
  };
}

export function mapCard(c: ApiCard): AccountInput {
  const { account_id, display_name, currency, provider, ...rest } = c;
  return {
    accountId: account_id,
    kind: 'card',
    accountType: c.card_type ?? 'CARD',
    displayName: display_name ?? (c.partial_card_number ? `Card ending ${c.partial_card_number}` : null),
    currency: currency ?? null,
    accountNumber: null,
    providerData: { ...rest, provider: provider ?? null },
  };
}

export function mapBalance(b: ApiBalance): BalanceInput {
  return {
    currentPence: optionalPence(b.current),
    availablePence: optionalPence(b.available),
    overdraftPence: optionalPence(b.overdraft),
    currency: b.currency ?? null,
  };
}

/**
 * Maps a list the Data API returned. Items Spending cannot read are set
 * aside, not thrown: one odd record must not stop the rest. Items with no id
 * from the provider that are otherwise identical (two £3.00 coffees on one
 * day) get numbered keys, so both are kept: a window always covers whole days,
 * so each sync numbers them alike.
 */
export function mapTransactions(
  items: readonly unknown[],
  accountKey: number,
): { transactions: BankTransaction[]; unreadable: unknown[] } {
  const transactions: BankTransaction[] = [];
  const unreadable: unknown[] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const parsed = ApiTransaction.safeParse(item);
    const t = parsed.success ? mapTransaction(parsed.data, accountKey) : null;
    if (!t) {
      unreadable.push(item);
      continue;
    }
    if (t.dedupeKey.startsWith(HASH_PREFIX)) {
      const n = (seen.get(t.dedupeKey) ?? 0) + 1;
      seen.set(t.dedupeKey, n);
      if (n > 1) t.dedupeKey = `${t.dedupeKey}#${n}`;
    }
    transactions.push(t);
  }
  return { transactions, unreadable };
}

/** Null when no booking date or storable amount can be read. `accountKey` identifies the account in fallback keys (its row id). */
function mapTransaction(t: ApiTransaction, accountKey: number): BankTransaction | null {
  const bookingDate = t.timestamp.slice(0, 10);
  if (!IsoDate.safeParse(bookingDate).success) return null;
  let amountPence: number;
  try {
    amountPence = realToPence(t.amount);
  } catch {
    return null; // beyond what the ledger's NUMERIC(12,2) holds
  }
  const description = t.description ?? t.merchant_name ?? '';
  const type = t.transaction_type ?? null;
  return {
    dedupeKey: dedupeKey(t, accountKey, bookingDate, amountPence, description),
    transactionId: t.transaction_id ?? null,
    providerTransactionId: t.provider_transaction_id ?? null,
    timestamp: t.timestamp,
    bookingDate,
    description,
    amountPence,
    ledgerPence: ledgerPence(type, amountPence),
    currency: t.currency ?? null,
    transactionType: type,
    transactionCategory: t.transaction_category ?? null,
    merchantName: t.merchant_name ?? null,
    runningBalancePence: optionalPence(t.running_balance?.amount),
    metadata: {
      ...(t.meta ? { meta: t.meta } : {}),
      ...(t.transaction_classification?.length ? { classification: t.transaction_classification } : {}),
      ...(t.normalised_provider_transaction_id ? {} : { keyFrom: t.provider_transaction_id ? 'provider_id' : 'hash' }),
    },
  };
}

/** transaction_id may change between requests, so it is never the key. */
function dedupeKey(t: ApiTransaction, accountKey: number, date: string, amountPence: number, description: string) {
  if (t.normalised_provider_transaction_id) return t.normalised_provider_transaction_id;
  if (t.provider_transaction_id) return `ptid:${accountKey}:${t.provider_transaction_id}`;
  const hash = createHash('sha256')
    .update(JSON.stringify([accountKey, date, amountPence, description]))
    .digest('hex');
  return `${HASH_PREFIX}${hash}`;
}
