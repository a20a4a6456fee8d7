// What the bank repository stores and returns. Amounts are integer pence;
// tokens cross this boundary only as Fernet tokens.

export type ConnectionStatus = 'active' | 'expired' | 'inactive' | 'authorization_required';

export interface StoredTokens {
  /** Fernet tokens; the repository never sees plaintext. */
  accessToken: string;
  refreshToken: string | null;
  /** ISO instant. */
  accessExpiresAt: string;
}

export interface ConnectionRow {
  id: number;
  providerId: string;
  providerName: string | null;
  status: ConnectionStatus;
  scope: string | null;
  consentExpiresAt: string | null;
  lastSyncedAt: string | null;
  lastError: string | null;
  createdAt: string | null;
  tokens: StoredTokens | null;
}

export interface AccountInput {
  accountId: string;
  kind: 'account' | 'card';
  accountType: string | null;
  displayName: string | null;
  currency: string | null;
  accountNumber: unknown;
  providerData: unknown;
}

export interface AccountRow {
  id: number;
  connectionId: number;
  accountId: string;
  kind: 'account' | 'card';
  accountType: string | null;
  displayName: string | null;
  currency: string | null;
  lastSyncedAt: string | null;
  balance: BalancePoint | null;
}

export interface BalanceInput {
  currentPence: number | null;
  availablePence: number | null;
  overdraftPence: number | null;
  currency: string | null;
}

export interface BalancePoint extends BalanceInput {
  at: string;
}

/** A bank transaction mapped from the Data API, ready to store. */
export interface BankTransaction {
  dedupeKey: string;
  transactionId: string | null;
  providerTransactionId: string | null;
  /** As the bank sent it. */
  timestamp: string;
  /** The timestamp's first 10 characters. */
  bookingDate: string;
  description: string;
  /** In the provider's sign convention (card purchases are positive). */
  amountPence: number;
  /** Money out negative, in positive, by transaction_type: what the ledger holds. */
  ledgerPence: number;
  currency: string | null;
  transactionType: string | null;
  transactionCategory: string | null;
  merchantName: string | null;
  runningBalancePence: number | null;
  metadata: unknown;
}

export interface TransactionWriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}
