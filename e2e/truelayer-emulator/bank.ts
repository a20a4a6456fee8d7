import { generateUserAccounts, sortKey } from './bank-data.js';
import type { BankAccount, BankOptions, BankTransaction } from './bank-data.js';
import { freshHex } from './prng.js';
import type { BankControl, NewTransaction, TransactionIds, TransactionMatch } from './types.js';

const toPence = (amount: number): number => Math.round(amount * 100);

function idsOf(tx: BankTransaction): TransactionIds {
  return {
    transactionId: tx.transactionId,
    ...(tx.normalisedId ? { normalisedProviderTransactionId: tx.normalisedId } : {}),
  };
}

function newTransaction(tx: Omit<NewTransaction, 'category' | 'merchantName'>, withNormalisedId: boolean) {
  const added: BankTransaction = {
    transactionId: freshHex(),
    ...(withNormalisedId ? { normalisedId: freshHex() } : {}),
    providerId: freshHex(12),
    timestamp: tx.timestamp,
    description: tx.description,
    pence: toPence(tx.amount),
    type: tx.transactionType,
    category: tx.transactionType === 'DEBIT' ? 'PURCHASE' : 'CREDIT',
    classification: [],
    meta: { provider_category: 'OTHER' },
  };
  return added;
}

/** Bank data per username, generated on first use from the start time so it does not depend on when it is asked for. */
export class MockBank implements BankControl {
  private readonly users = new Map<string, BankAccount[]>();

  constructor(
    private readonly options: BankOptions,
    private readonly createdAt: Date,
  ) {}

  userAccounts(username: string): BankAccount[] {
    let accounts = this.users.get(username);
    if (!accounts) {
      accounts = generateUserAccounts(username, this.options, this.createdAt);
      this.users.set(username, accounts);
    }
    return accounts;
  }

  find(accountId: string): BankAccount {
    for (const accounts of this.users.values()) {
      const account = accounts.find((a) => a.id === accountId);
      if (account) return account;
    }
    throw new Error(`No such account or card: ${accountId}`);
  }

  accounts(username = 'john'): { accountId: string; kind: 'account' | 'card'; displayName: string }[] {
    return this.userAccounts(username).map((a) => ({ accountId: a.id, kind: a.kind, displayName: a.displayName }));
  }

  addTransaction(accountId: string, tx: NewTransaction): TransactionIds {
    const account = this.find(accountId);
    const added = newTransaction(tx, tx.withNormalisedId ?? account.kind === 'account');
    if (tx.category !== undefined) added.category = tx.category;
    if (tx.merchantName !== undefined) added.merchantName = tx.merchantName;
    this.settle(account, added);
    return idsOf(added);
  }

  addPending(accountId: string, tx: Omit<NewTransaction, 'category' | 'merchantName'>): { transactionId: string } {
    const pending = newTransaction(tx, false);
    this.find(accountId).pending.push(pending);
    return { transactionId: pending.transactionId };
  }

  settlePending(accountId: string, pendingTransactionId: string): TransactionIds {
    const account = this.find(accountId);
    const index = account.pending.findIndex((p) => p.transactionId === pendingTransactionId);
    const pending = account.pending[index];
    if (!pending) throw new Error(`No pending transaction ${pendingTransactionId} on ${accountId}`);
    account.pending.splice(index, 1);
    // Real banks re-key a transaction when it settles: nothing of the pending ids survives.
    const settled: BankTransaction = {
      ...pending,
      transactionId: freshHex(),
      providerId: freshHex(12),
      ...(account.kind === 'account' ? { normalisedId: freshHex() } : {}),
    };
    this.settle(account, settled);
    return idsOf(settled);
  }

  editDescription(accountId: string, match: TransactionMatch, description: string): void {
    const account = this.find(accountId);
    const tx = [...account.settled, ...account.pending].find(
      (t) =>
        (match.transactionId !== undefined && t.transactionId === match.transactionId) ||
        (match.normalisedProviderTransactionId !== undefined &&
          t.normalisedId === match.normalisedProviderTransactionId) ||
        (match.providerTransactionId !== undefined && t.providerId === match.providerTransactionId),
    );
    if (!tx) throw new Error(`No transaction matching ${JSON.stringify(match)} on ${accountId}`);
    tx.description = description;
  }

  rehashTransactionIds(): void {
    for (const accounts of this.users.values()) {
      for (const account of accounts) {
        for (const tx of [...account.settled, ...account.pending]) tx.transactionId = freshHex();
      }
    }
  }

  setBalance(accountId: string, balance: { current: number; available?: number; overdraft?: number }): void {
    const account = this.find(accountId);
    account.balance = {
      current: toPence(balance.current),
      available: balance.available === undefined ? toPence(balance.current) : toPence(balance.available),
      overdraft: balance.overdraft === undefined ? account.balance.overdraft : toPence(balance.overdraft),
    };
  }

  addVerbatimTransaction(accountId: string, item: Record<string, unknown>): void {
    (this.find(accountId).verbatim ??= []).push(item);
  }

  private settle(account: BankAccount, tx: BankTransaction): void {
    account.settled.push(tx);
    account.settled.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    // A card balance is what is owed, so a purchase raises current and lowers available.
    account.balance.current += tx.pence;
    account.balance.available += account.kind === 'card' ? -tx.pence : tx.pence;
  }
}
