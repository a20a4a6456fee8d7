// The bank-linking part of the contract: TrueLayer settings, linking, linked
// banks and their accounts, sync and consent. Tokens and the client secret
// only ever travel from the renderer to the main process, never back.
import { z } from 'zod';

const Id = z.number().int().positive();
const Url = z.url();

export const RedirectMode = z.enum(['loopback', 'protocol', 'bounce', 'manual']);
export const BankEnvironment = z.enum(['sandbox', 'live', 'custom']);

export const BankSettings = z.object({
  clientId: z.string().optional(),
  hasClientSecret: z.boolean(),
  environment: BankEnvironment,
  custom: z.object({ auth: Url, data: Url, api: Url }).optional(),
  redirectMode: RedirectMode,
  loopbackUri: Url,
  bounceUri: Url.optional(),
  manualUri: Url,
  /** What to register in TrueLayer Console for the chosen mode; null while it cannot be known (no bounce page yet). */
  redirectUri: z.string().nullable(),
  syncIntervalHours: z.number(),
});
export type BankSettings = z.infer<typeof BankSettings>;

export const BankSettingsInput = z.object({
  clientId: z.string().trim().min(1, 'Enter the client id').optional(),
  /** Goes straight to the keychain. */
  clientSecret: z.string().trim().min(1, 'Enter the client secret').optional(),
  environment: BankEnvironment.optional(),
  custom: z.object({ auth: Url, data: Url, api: Url }).optional(),
  redirectMode: RedirectMode.optional(),
  loopbackUri: Url.optional(),
  bounceUri: Url.optional(),
  manualUri: Url.optional(),
  syncIntervalHours: z.number().min(1).max(168).optional(),
});

export const BankAccount = z.object({
  id: Id,
  accountId: z.string(),
  kind: z.enum(['account', 'card']),
  displayName: z.string(),
  accountType: z.string().nullable(),
  currency: z.string().nullable(),
  balancePence: z.number().int().nullable(),
  availablePence: z.number().int().nullable(),
  balanceAt: z.string().nullable(),
  lastSyncedAt: z.string().nullable(),
  transactions: z.number().int(),
  pending: z.array(z.object({ bookingDate: z.string(), description: z.string(), amountPence: z.number().int() })),
});
export type BankAccount = z.infer<typeof BankAccount>;

export const BankConnection = z.object({
  id: Id,
  providerName: z.string(),
  status: z.enum(['active', 'needs_reconnect', 'disconnected']),
  consentExpiresAt: z.string().nullable(),
  /** Whole days left; the page reminds from 14 days. */
  consentDaysLeft: z.number().int().nullable(),
  lastSyncedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  accounts: z.array(BankAccount),
});
export type BankConnection = z.infer<typeof BankConnection>;

export const SyncSummary = z.object({
  connectionId: Id,
  accounts: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  pending: z.number().int(),
  /** Transactions the bank sent that could not be read: kept in the sync log, not in the ledger. */
  unreadable: z.number().int(),
  fallbackTo90Days: z.boolean(),
  skipped: z.array(z.object({ account: z.string(), feature: z.string(), reason: z.string() })),
  ms: z.number(),
});
export type SyncSummary = z.infer<typeof SyncSummary>;

export const BankProgress = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('waiting'), mode: RedirectMode }),
  z.object({ phase: z.literal('exchanging') }),
  z.object({
    phase: z.enum(['accounts', 'account', 'done']),
    connectionId: Id,
    account: z.string().optional(),
    accountsDone: z.number().int(),
    accountsTotal: z.number().int(),
    transactions: z.number().int(),
  }),
  z.object({ phase: z.literal('linked'), connectionId: Id, summary: SyncSummary }),
  z.object({ phase: z.literal('failed'), message: z.string(), remedy: z.string().optional() }),
]);
export type BankProgress = z.infer<typeof BankProgress>;

export const bankMethods = {
  getBankSettings: { input: z.void(), output: BankSettings },
  saveBankSettings: { input: BankSettingsInput, output: BankSettings },
  /** Opens the system browser on the auth link; completion arrives as bank:progress (linked / failed). */
  linkBank: {
    input: z.object({ reconnect: Id.optional() }),
    output: z.object({ mode: RedirectMode, url: z.string() }),
  },
  /** The redirect URL (or code) the user pasted. */
  completeBankLink: { input: z.object({ url: z.string().trim().min(1, 'Paste the address') }), output: SyncSummary },
  cancelBankLink: { input: z.void(), output: z.null() },
  listBankConnections: { input: z.void(), output: z.array(BankConnection) },
  syncBank: { input: z.object({ connectionId: Id }), output: SyncSummary },
  /** Stops that bank's running sync at its next call; what it finished stays. */
  cancelBankSync: { input: z.object({ connectionId: Id }), output: z.object({ cancelled: z.boolean() }) },
  disconnectBank: { input: z.object({ connectionId: Id }), output: z.object({ revoked: z.boolean() }) },
  extendBankConsent: {
    input: z.object({ connectionId: Id }),
    output: z.object({ extended: z.boolean(), openedLink: z.boolean() }),
  },
  bankBalanceHistory: {
    input: z.object({ accountId: Id }),
    output: z.array(
      z.object({
        at: z.string(),
        currentPence: z.number().int().nullable(),
        availablePence: z.number().int().nullable(),
      }),
    ),
  },
} as const;
