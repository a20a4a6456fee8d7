// Data API items turned into what the bank repository stores: exact pence,
// the booking date from the timestamp's first 10 characters (never through
// local time), the dedupe key, and the ledger sign from transaction_type.
import { createHash } from 'node:crypto';
import type { AccountInput, BalanceInput, BankTransaction } from '../../../db/bank/bank-types.js';
import { ledgerPence } from '../../../db/bank/ledger-amount.js';
import { IsoDate } from '../../../db/model.js';
import { realToPence } from '../../../db/money.js';
import type { ApiAccount, ApiBalance, ApiCard, ApiTransaction } from './api-schemas.js';

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

export class UnreadableTransaction extends Error {}

/** `accountKey` identifies the account in fallback keys (its row id). */
export function mapTransaction(t: ApiTransaction, accountKey: number): BankTransaction {
  const bookingDate = t.timestamp.slice(0, 10);
  if (!IsoDate.safeParse(bookingDate).success)
    throw new UnreadableTransaction(`timestamp ${JSON.stringify(t.timestamp)}`);
  let amountPence: number;
  try {
    amountPence = realToPence(t.amount);
  } catch {
    throw new UnreadableTransaction(`amount ${t.amount}`);
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
  return `hash:${hash}`;
}
