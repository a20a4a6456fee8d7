// One sync of one connection, by TRUELAYER.md's sync rules: accounts and
// cards, a balance snapshot each, settled transactions over a window (full
// history right after login, else the last stored day minus 14 days), and the
// pending set rebuilt. 501 means the bank lacks a feature; 403 access_denied
// means consent is gone, which keeps every local row and asks for a reconnect.
import { formatISO, subDays } from 'date-fns';
import type { BankStore } from '../../../db/bank/bank-store.js';
import type { AccountRow, BankTransaction, TransactionWriteCounts } from '../../../db/bank/bank-types.js';
import { ApiAccount, ApiBalance, ApiCard, ApiMe } from './api-schemas.js';
import type { CallContext, DataClient } from './data-client.js';
import { mapAccount, mapBalance, mapCard, mapTransactions } from './map-bank-data.js';
import { TrueLayerError } from './truelayer-error.js';
import type { UnattendedBudget } from './unattended-budget.js';

/** How far back the first sync asks; banks serve what they have. */
const FULL_HISTORY_DAYS = 6 * 365;
/** What banks serve once the first minutes after login have passed. */
export const RECENT_DAYS = 90;
/** Banks post late and edit text, so each sync re-reads this many days. */
const LOOK_BACK_DAYS = 14;

export interface SyncProgress {
  connectionId: number;
  phase: 'accounts' | 'account' | 'done';
  accountsDone: number;
  accountsTotal: number;
  account?: string;
  transactions: number;
}

export interface SyncOptions extends CallContext {
  /** Right after the code exchange: ask for full history. */
  initial?: boolean;
  /** Background syncs spend the day's unattended calls through this; user syncs pass none. */
  budget?: UnattendedBudget;
  onProgress?: (p: SyncProgress) => void;
  now?: Date;
}

export interface SyncReport {
  connectionId: number;
  accounts: number;
  transactions: TransactionWriteCounts;
  pending: number;
  skipped: { account: string; feature: string; reason: string }[];
  fallbackTo90Days: boolean;
  /** Transactions the bank sent in a shape Spending cannot read (no amount, no date...): kept verbatim in the sync log, never in the ledger. */
  unreadable: unknown[];
  ms: number;
}

const day = (d: Date) => formatISO(d, { representation: 'date' });

export async function syncConnection(
  bank: BankStore,
  client: DataClient,
  connectionId: number,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const report: SyncReport = {
    connectionId,
    accounts: 0,
    transactions: { inserted: 0, updated: 0, unchanged: 0 },
    pending: 0,
    skipped: [],
    fallbackTo90Days: false,
    unreadable: [],
    ms: 0,
  };
  const connection = await bank.getConnection(connectionId);
  const source = `TrueLayer: ${connection.providerName ?? connection.providerId}`;
  const progress = (p: Omit<SyncProgress, 'connectionId'>) => options.onProgress?.({ connectionId, ...p });
  progress({ phase: 'accounts', accountsDone: 0, accountsTotal: 0, transactions: 0 });

  const scopes = new Set((connection.scope ?? '').split(' ').filter(Boolean));
  const granted = (scope: string) => scopes.size === 0 || scopes.has(scope);
  const optional: Optional = async (account, feature, work, skip403 = false) => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof TrueLayerError && (error.featureAbsent || (skip403 && error.status === 403))) {
        report.skipped.push({ account, feature, reason: error.error });
        return undefined;
      }
      throw error;
    }
  };
  let done = 0;
  try {
    const accounts =
      (await optional('*', 'accounts', () => client.results(connectionId, '/accounts', ApiAccount, options))) ?? [];
    const cards = granted('cards')
      ? ((await optional('*', 'cards', () => client.results(connectionId, '/cards', ApiCard, options))) ?? [])
      : [];
    await bank.upsertAccounts(connectionId, [...accounts.map(mapAccount), ...cards.map(mapCard)]);
    const stored = await bank.listAccounts(connectionId);
    report.accounts = stored.length;
    const me = await optional('*', 'me', () => client.results(connectionId, '/me', ApiMe, options));
    const consent = me?.[0]?.consent_expires_at;
    if (consent) await bank.setConsent(connectionId, new Date(consent).toISOString());

    for (const account of stored) {
      const name = account.displayName ?? account.accountId;
      progress({
        phase: 'account',
        account: name,
        accountsDone: done,
        accountsTotal: stored.length,
        transactions: total(report),
      });
      await syncAccount(bank, client, account, `${source} ${name}`, { ...options, granted }, now, report, optional);
      await bank.markAccountSynced(account.id, now);
      done++;
    }
    await bank.markSynced(connectionId, now);
    report.ms = Date.now() - started;
    await bank.log(connectionId, 'sync', { ...report, initial: Boolean(options.initial), unattended: !options.psuIp });
    progress({ phase: 'done', accountsDone: done, accountsTotal: stored.length, transactions: total(report) });
    return report;
  } catch (error) {
    if (options.signal?.aborted) {
      await bank.log(connectionId, 'sync_cancelled', { accountsDone: done, transactions: report.transactions });
      throw error;
    }
    const message =
      error instanceof TrueLayerError
        ? `The bank did not answer as expected (${error.error}); the last sync stopped. Nothing synced before is lost.`
        : error instanceof Error
          ? error.message
          : String(error);
    // Conditional writes: another process may have disconnected the bank or stored new tokens meanwhile.
    if (error instanceof TrueLayerError && error.consentGone) {
      await bank.markNeedsReconnect(connectionId, 'The bank or TrueLayer withdrew access.');
    } else {
      await bank.setLastError(connectionId, message);
    }
    await bank.log(connectionId, 'sync_failed', {
      error: error instanceof TrueLayerError ? error.error : 'error',
      message,
    });
    throw error;
  }
}

/** Runs a call whose absence the sync survives: 501 always, 403 where the rules say so. */
type Optional = <T>(
  account: string,
  feature: string,
  work: () => Promise<T>,
  skip403?: boolean,
) => Promise<T | undefined>;

const total = (r: SyncReport) => r.transactions.inserted + r.transactions.updated + r.transactions.unchanged;

async function syncAccount(
  bank: BankStore,
  client: DataClient,
  account: AccountRow,
  source: string,
  options: SyncOptions & { granted(scope: string): boolean },
  now: Date,
  report: SyncReport,
  optional: Optional,
): Promise<void> {
  const base = `/${account.kind === 'card' ? 'cards' : 'accounts'}/${encodeURIComponent(account.accountId)}`;
  const name = account.displayName ?? account.accountId;
  const spend = (feature: string) => !options.budget || options.budget.take(account.id, feature);

  if (options.granted('balance') && spend('balance')) {
    const balances = await optional(name, 'balance', () =>
      client.results(account.connectionId, `${base}/balance`, ApiBalance, options),
    );
    const balance = balances?.[0];
    if (balance) await bank.addBalance(account.id, mapBalance(balance), now);
  }

  if (spend('transactions')) {
    const to = day(now);
    const fetchFrom = (from: string) =>
      client.items(account.connectionId, `${base}/transactions?from=${from}&to=${to}`, options);
    let items;
    if (options.initial) {
      try {
        items = await fetchFrom(day(subDays(now, FULL_HISTORY_DAYS)));
      } catch (error) {
        if (!(error instanceof TrueLayerError && error.scaExceeded)) throw error;
        report.fallbackTo90Days = true;
        items = await fetchFrom(day(subDays(now, RECENT_DAYS - 1)));
      }
    } else {
      const latest = await bank.transactions.latestBookingDate(account.id);
      const earliest = subDays(now, RECENT_DAYS - 1);
      const wanted = latest ? subDays(new Date(`${latest}T00:00:00Z`), LOOK_BACK_DAYS) : earliest;
      items = await fetchFrom(day(wanted > earliest ? wanted : earliest));
    }
    const mapped = mapAll(items, account.id, report);
    const counts = await bank.transactions.write(account.id, source, mapped);
    report.transactions.inserted += counts.inserted;
    report.transactions.updated += counts.updated;
    report.transactions.unchanged += counts.unchanged;
  }

  if (spend('pending')) {
    // On 403/501 the pending set stays as it was: the bank just did not say.
    const pending = await optional(
      name,
      'pending',
      () => client.items(account.connectionId, `${base}/transactions/pending`, options),
      true,
    );
    if (pending) {
      const mapped = mapAll(pending, account.id, report);
      await bank.transactions.replacePending(account.id, mapped);
      report.pending += mapped.length;
    }
  }
}

function mapAll(items: readonly unknown[], accountKey: number, report: SyncReport): BankTransaction[] {
  const { transactions, unreadable } = mapTransactions(items, accountKey);
  report.unreadable.push(...unreadable);
  return transactions;
}

/** For the consent reminder: whole days until `iso`, never negative. */
export function daysUntil(iso: string, now = new Date()): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now.getTime()) / 86_400_000));
}
