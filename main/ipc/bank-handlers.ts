// The bank-linking methods: a thin map onto TrueLayerService. Linking runs in
// the background (the browser is the user's for a while); its outcome arrives
// as bank:progress events.
import { AppError } from '../../db/errors.js';
import type { EventPayload } from '../../preload/contract.js';
import type { BankConnection, BankSettings, SyncSummary } from '../../preload/contract-bank.js';
import { LinkCancelled } from '../services/truelayer/loopback-listener.js';
import { daysUntil, type SyncReport } from '../services/truelayer/sync-connection.js';
import type { BankProgress, TrueLayerService } from '../services/truelayer/truelayer-service.js';
import type { TrueLayerSettings } from '../services/truelayer/truelayer-settings.js';
import type { Handlers } from './dispatch.js';

export interface BankHandlerContext {
  service: TrueLayerService;
  /** The system browser; TrueLayer's pages cannot be framed. */
  openExternal(url: string): Promise<void>;
  emit(payload: EventPayload<'bank:progress'>): void;
}

type BankMethods = Pick<
  Handlers,
  | 'getBankSettings'
  | 'saveBankSettings'
  | 'linkBank'
  | 'completeBankLink'
  | 'cancelBankLink'
  | 'listBankConnections'
  | 'syncBank'
  | 'cancelBankSync'
  | 'disconnectBank'
  | 'extendBankConsent'
  | 'bankBalanceHistory'
>;

function syncSummary(r: SyncReport): SyncSummary {
  return {
    connectionId: r.connectionId,
    accounts: r.accounts,
    ...r.transactions,
    pending: r.pending,
    unreadable: r.unreadable.length,
    fallbackTo90Days: r.fallbackTo90Days,
    skipped: r.skipped,
    ms: r.ms,
  };
}

/** A link that failed on its own (loopback, spending://), as the window sees it. */
export function bankFailureEvent(error: unknown): EventPayload<'bank:progress'> {
  if (error instanceof AppError)
    return { phase: 'failed', message: error.message, ...(error.remedy ? { remedy: error.remedy } : {}) };
  return { phase: 'failed', message: 'Linking failed.', remedy: 'Try again; the log has the details.' };
}

/** The service's progress as the window may see it: no auth link (it carries the state), a summary for a report. */
export function bankProgressEvent(p: BankProgress): EventPayload<'bank:progress'> {
  if (p.phase === 'waiting') return { phase: 'waiting', mode: p.mode };
  if (p.phase === 'linked') return { phase: 'linked', connectionId: p.connectionId, summary: syncSummary(p.report) };
  return p;
}

const STATUS = {
  active: 'active',
  authorization_required: 'needs_reconnect',
  expired: 'needs_reconnect',
  inactive: 'disconnected',
} as const;

export function createBankHandlers(ctx: BankHandlerContext): BankMethods {
  const { service } = ctx;
  const settingsView = async (s: TrueLayerSettings): Promise<BankSettings> => {
    let redirectUri: string | null;
    try {
      redirectUri = service.redirectUri(s);
    } catch {
      redirectUri = null;
    }
    return { ...s, hasClientSecret: await service.hasClientSecret(), redirectUri };
  };

  return {
    getBankSettings: async () => settingsView(await service.settings()),
    saveBankSettings: async ({ clientSecret, ...patch }) => {
      if (clientSecret) await service.setClientSecret(clientSecret);
      return settingsView(await service.saveSettings(patch));
    },

    linkBank: async ({ reconnect }) => {
      const started = await service.startLink(reconnect ? { reconnect } : {});
      started.completion?.catch((error: unknown) => {
        if (!(error instanceof LinkCancelled)) ctx.emit(bankFailureEvent(error));
      });
      await ctx.openExternal(started.url); // eng-disable OPEN_EXTERNAL_JS_CHECK: ctx.openExternal is security.ts's openInBrowser
      return { mode: started.mode, url: started.url };
    },
    // A pasted answer's failure is the call's own error; bank:progress carries those of links that arrive by themselves.
    completeBankLink: async ({ url }) => syncSummary((await service.completeLink(url)).report),
    cancelBankLink: async () => {
      await service.cancelLink();
      return null;
    },

    listBankConnections: async () => {
      const bank = service.bank();
      const connections = await bank.listConnections();
      const out: BankConnection[] = [];
      for (const c of connections) {
        const accounts = await bank.listAccounts(c.id);
        out.push({
          id: c.id,
          providerName: c.providerName ?? c.providerId,
          status: STATUS[c.status],
          consentExpiresAt: c.consentExpiresAt,
          consentDaysLeft: c.consentExpiresAt ? daysUntil(c.consentExpiresAt) : null,
          lastSyncedAt: c.lastSyncedAt,
          lastError: c.lastError,
          accounts: await Promise.all(
            accounts.map(async (a) => ({
              id: a.id,
              accountId: a.accountId,
              kind: a.kind,
              displayName: a.displayName ?? a.accountId,
              accountType: a.accountType,
              currency: a.currency,
              balancePence: a.balance?.currentPence ?? null,
              availablePence: a.balance?.availablePence ?? null,
              balanceAt: a.balance?.at ?? null,
              lastSyncedAt: a.lastSyncedAt,
              transactions: (await bank.transactions.totals(a.id)).count,
              pending: (await bank.transactions.listPending(a.id)).map((p) => ({
                bookingDate: p.bookingDate,
                description: p.description,
                amountPence: p.ledgerPence,
              })),
            })),
          ),
        });
      }
      return out;
    },
    syncBank: async ({ connectionId }) => syncSummary(await service.sync(connectionId)),
    cancelBankSync: ({ connectionId }) => Promise.resolve({ cancelled: service.cancelSync(connectionId) }),
    disconnectBank: ({ connectionId }) => service.disconnect(connectionId),
    extendBankConsent: async ({ connectionId }) => {
      const result = await service.extendConsent(connectionId);
      if (result.extended) return { extended: true, openedLink: false };
      await ctx.openExternal(result.link); // eng-disable OPEN_EXTERNAL_JS_CHECK: ctx.openExternal is security.ts's openInBrowser
      return { extended: false, openedLink: true };
    },
    bankBalanceHistory: async ({ accountId }) =>
      (await service.bank().balanceHistory(accountId)).map((b) => ({
        at: b.at,
        currentPence: b.currentPence,
        availablePence: b.availablePence,
      })),
  };
}
