// The public contract other suites code against; index.ts re-exports it.

export interface EmulatorClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface EmulatorOptions {
  clients?: EmulatorClient[];
  now?: Date;
  accessTokenTtlSeconds?: number;
  mockBank?: { seed?: number; historyDays?: number; transactionsPerAccount?: number; pendingPerAccount?: number };
  host?: string;
  authPort?: number;
  dataPort?: number;
}

export interface ClockAdvance {
  seconds?: number;
  minutes?: number;
  hours?: number;
  days?: number;
}

export interface Clock {
  now(): Date;
  advance(by: ClockAdvance): void;
  set(date: Date): void;
}

export interface TrueLayerEmulator {
  authUrl: string;
  dataUrl: string;
  apiUrl: string;
  clock: Clock;
  addClient(client: EmulatorClient): void;
  /** Queue a fault: consumed by the next `times` (default 1) requests that match. */
  injectFault(fault: Fault): void;
  clearFaults(): void;
  bank: BankControl;
  /** Every request both servers saw, oldest first. */
  requests(): RequestLogEntry[];
  clearRequests(): void;
  /** Connections (one per successful code exchange), for assertions. */
  connections(): ConnectionInfo[];
  /** Drives the browser flow without a browser; returns the final redirect URL (with code/state or error). */
  authorize(authLink: string, login: { username: string; password: string; deny?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export interface FaultMatch {
  server?: 'auth' | 'data';
  method?: string;
  path?: string | RegExp;
}

export type FaultKind =
  | { kind: 'status'; status: number; error: string; description?: string }
  | { kind: 'revoke' }
  | { kind: 'slow'; ms: number }
  /**
   * In-process only: the request waits until `until` settles, then is answered normally; `held` is called as it
   * starts waiting. With `answer`, the request is handled at once (a refresh rotates) and only its answer waits,
   * `held` being called when that answer is ready: the moment between TrueLayer rotating and the app storing.
   */
  | { kind: 'hold'; until: Promise<unknown>; held?: () => void; answer?: boolean }
  | { kind: 'drop' }
  | { kind: 'malformed' };

export type Fault = { match?: FaultMatch; times?: number } & FaultKind;

export interface RequestLogEntry {
  seq: number;
  server: 'auth' | 'data';
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  form?: Record<string, string>;
  grantType?: string;
  connectionId?: string;
  status: number;
  fault?: string;
  at: string;
  inFlight: number;
}

export type Behaviour = 'normal' | 'eternal' | `error:${string}`;

export interface ConnectionInfo {
  id: string;
  clientId: string;
  username: string;
  behaviour: Behaviour;
  scopes: string[];
  consentExpiresAt: string;
  revoked: boolean;
  refreshCount: number;
  authenticatedAt: string;
}

export interface NewTransaction {
  timestamp: string;
  description: string;
  amount: number;
  transactionType: 'DEBIT' | 'CREDIT';
  category?: string;
  merchantName?: string;
  withNormalisedId?: boolean;
}

export interface TransactionIds {
  transactionId: string;
  normalisedProviderTransactionId?: string;
}

export interface TransactionMatch {
  normalisedProviderTransactionId?: string;
  providerTransactionId?: string;
  transactionId?: string;
}

export interface BankControl {
  accounts(username?: string): { accountId: string; kind: 'account' | 'card'; displayName: string }[];
  /** Adds a settled transaction (amount in the provider's sign convention) and returns its ids. */
  addTransaction(accountId: string, tx: NewTransaction): TransactionIds;
  addPending(
    accountId: string,
    tx: { timestamp: string; description: string; amount: number; transactionType: 'DEBIT' | 'CREDIT' },
  ): { transactionId: string };
  /** Settles a pending transaction: it leaves the pending list and reappears settled with NEW ids. */
  settlePending(accountId: string, pendingTransactionId: string): TransactionIds;
  editDescription(accountId: string, match: TransactionMatch, description: string): void;
  /** Gives every transaction a new transaction_id (normalised/provider ids stay). */
  rehashTransactionIds(): void;
  setBalance(accountId: string, balance: { current: number; available?: number; overdraft?: number }): void;
  /** Serves `item` exactly as given among the account's settled transactions, for any dates: a record a client may not be able to read. */
  addVerbatimTransaction(accountId: string, item: Record<string, unknown>): void;
}
