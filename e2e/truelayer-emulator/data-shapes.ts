// The JSON TrueLayer Data API v1 answers with, built from the mock bank's records.
import { addDays, isoDate } from './clock.js';
import { sortKey, type BankAccount, type BankTransaction } from './bank-data.js';

export const PROVIDER = {
  provider_id: 'uk-cs-mock',
  display_name: 'Mock UK Bank',
  logo_uri: 'https://truelayer-provider-assets.s3.amazonaws.com/global/logos/mock.svg',
};

const money = (pence: number): number => pence / 100;

export function accountJson(account: BankAccount, now: Date): Record<string, unknown> {
  const sortCode = account.sortCode.replace(/(\d\d)(?=\d)/g, '$1-');
  return {
    update_timestamp: now.toISOString(),
    account_id: account.id,
    account_type: account.accountType,
    display_name: account.displayName,
    currency: 'GBP',
    account_number: {
      iban: `GB29MOCK${account.sortCode}${account.number}`,
      swift_bic: 'MOCKGB21',
      number: account.number,
      sort_code: sortCode,
    },
    provider: PROVIDER,
  };
}

export function cardJson(card: BankAccount, now: Date): Record<string, unknown> {
  const year = now.getUTCFullYear() % 100;
  return {
    account_id: card.id,
    card_network: 'VISA',
    card_type: 'CREDIT',
    currency: 'GBP',
    display_name: card.displayName,
    partial_card_number: card.number.slice(-4),
    name_on_card: `${card.username.toUpperCase()} DOE`,
    valid_from: `${String(year - 2).padStart(2, '0')}/01`,
    valid_to: `${String(year + 3).padStart(2, '0')}/12`,
    update_timestamp: now.toISOString(),
    provider: PROVIDER,
  };
}

export function balanceJson(account: BankAccount, now: Date): Record<string, unknown> {
  return {
    currency: 'GBP',
    current: money(account.balance.current),
    available: money(account.balance.available),
    overdraft: money(account.balance.overdraft),
    ...(account.kind === 'card' ? { credit_limit: 5000 } : {}),
    update_timestamp: now.toISOString(),
  };
}

function transactionJson(tx: BankTransaction, runningPence?: number): Record<string, unknown> {
  return {
    transaction_id: tx.transactionId,
    ...(tx.normalisedId ? { normalised_provider_transaction_id: tx.normalisedId } : {}),
    provider_transaction_id: tx.providerId,
    timestamp: tx.timestamp,
    description: tx.description,
    amount: money(tx.pence),
    currency: 'GBP',
    transaction_type: tx.type,
    transaction_category: tx.category,
    transaction_classification: tx.classification,
    ...(tx.merchantName ? { merchant_name: tx.merchantName } : {}),
    ...(runningPence === undefined ? {} : { running_balance: { amount: money(runningPence), currency: 'GBP' } }),
    meta: tx.meta,
  };
}

/** Settled transactions booked from..to inclusive; only the current account carries a running balance. */
export function settledJson(account: BankAccount, from: string, to: string): Record<string, unknown>[] {
  const sorted = [...account.settled].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const withBalance = account.accountType === 'TRANSACTION';
  let running = account.balance.current;
  const balances = new Map<BankTransaction, number>();
  for (const tx of [...sorted].reverse()) {
    balances.set(tx, running);
    running -= tx.pence;
  }
  return sorted
    .filter((tx) => tx.timestamp.slice(0, 10) >= from && tx.timestamp.slice(0, 10) <= to)
    .map((tx) => transactionJson(tx, withBalance ? balances.get(tx) : undefined));
}

export function pendingJson(account: BankAccount): Record<string, unknown>[] {
  return account.pending.map((tx) => transactionJson(tx));
}

export function standingOrdersJson(now: Date): Record<string, unknown>[] {
  return [
    {
      frequency: 'IntrvlMnthDay:01:01',
      status: 'Active',
      timestamp: now.toISOString(),
      currency: 'GBP',
      next_payment_date: `${isoDate(addDays(now, 10))}T00:00:00+00:00`,
      next_payment_amount: 450,
      first_payment_date: '2024-01-01T00:00:00+00:00',
      first_payment_amount: 450,
      reference: 'RENT',
      payee: 'A LANDLORD',
      meta: {},
    },
  ];
}

export function directDebitsJson(now: Date): Record<string, unknown>[] {
  return ['BRITISH GAS', 'THAMES WATER'].map((name, i) => ({
    direct_debit_id: `dd-${String(i + 1)}`,
    timestamp: now.toISOString(),
    name,
    status: 'Active',
    previous_payment_timestamp: `${isoDate(addDays(now, -20 - i))}T00:00:00+00:00`,
    previous_payment_amount: 42.5 + i * 10,
    currency: 'GBP',
    meta: {},
  }));
}

export function infoJson(username: string, now: Date): Record<string, unknown> {
  return {
    update_timestamp: now.toISOString(),
    full_name: `${username.charAt(0).toUpperCase()}${username.slice(1)} Doe`,
    date_of_birth: '1984-02-29T00:00:00',
    emails: [`${username}@example.com`],
    phones: ['+447700900123'],
    addresses: [{ address: '1 Mock Street', city: 'London', zip: 'E1 6AN', country: 'GB' }],
  };
}
