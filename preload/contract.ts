// The single source of truth for what the renderer may ask of the main
// process: method names, zod schemas for each input and output, and push
// events. main/ipc registers every method generically from this table;
// preload/index.ts exposes exactly these names; the renderer is typed by it.
import { z } from 'zod';
import {
  AccountMapping,
  AccountMappingInput,
  Category,
  CategoryName,
  CategoryStat,
  KeywordText,
  MonthStat,
  NewTransaction,
  StoreInfo,
  Transaction,
  TransactionFilter,
  TransactionPage,
  TransactionPatch,
  TransactionQuery,
  TransactionTotals,
} from '../db/model.js';
import type { EventName, MethodName } from './channels.js';
import { accountsMethods } from './contract-accounts.js';
import { BankProgress, bankMethods } from './contract-bank.js';
import { DatabaseProgress, MoveProgressEvent, databaseMethods } from './contract-database.js';
import { StatementImportProgress, importMethods } from './contract-imports.js';
import { reportsMethods } from './contract-reports.js';
import { rulesMethods } from './contract-rules.js';
import { NOTIFIED_TABLES } from '../db/store-changes.js';

export { EVENT_NAMES, METHOD_NAMES, eventChannel, invokeChannel, type EventName, type MethodName } from './channels.js';

const Id = z.number().int().positive();
const Done = z.null();

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const AppInfo = z.object({
  version: z.string(),
  store: StoreInfo,
});
export type AppInfo = z.infer<typeof AppInfo>;

const SecurityStatus = z.object({
  backend: z.enum(['os-keychain', 'passphrase-file', 'none']),
  description: z.string(),
  available: z.boolean(),
  reason: z.string().optional(),
  hasKey: z.boolean(),
  rotationPending: z.boolean(),
  keyFile: z.object({ path: z.string(), exists: z.boolean() }),
});
export type SecurityStatus = z.infer<typeof SecurityStatus>;

const LegacyEnvReport = z.union([
  z.object({ cancelled: z.literal(true) }),
  z.object({
    storedSecrets: z.array(z.enum(['legacy-encryption-key', 'truelayer-client-secret', 'legacy-postgres-password'])),
    settings: z.object({
      truelayerClientId: z.string().optional(),
      truelayerRedirectUri: z.string().optional(),
      truelayerEnvironment: z.string().optional(),
      postgresUser: z.string().optional(),
      postgresDb: z.string().optional(),
      postgresHost: z.string().optional(),
      postgresPort: z.string().optional(),
    }),
    ignoredKeys: z.array(z.string()),
    problems: z.array(z.string()),
  }),
]);
export type LegacyEnvReport = z.infer<typeof LegacyEnvReport>;

export const contract = {
  getAppInfo: method(z.void(), AppInfo),

  listTransactions: method(TransactionQuery, TransactionPage),
  countTransactions: method(TransactionFilter, z.number().int()),
  totalTransactions: method(TransactionFilter, TransactionTotals),
  addTransaction: method(NewTransaction, Transaction),
  updateTransaction: method(z.object({ id: Id, patch: TransactionPatch }), Transaction),
  deleteTransaction: method(z.object({ id: Id }), Done),

  listCategories: method(z.void(), z.array(Category)),
  addCategory: method(z.object({ name: CategoryName }), Category),
  renameCategory: method(z.object({ id: Id, name: CategoryName }), Category),
  deleteCategory: method(z.object({ id: Id }), z.object({ moved: z.number().int() })),
  addKeyword: method(z.object({ categoryId: Id, keyword: KeywordText, move: z.boolean().default(false) }), Category),
  removeKeyword: method(z.object({ id: Id }), Done),

  listAccountMappings: method(z.void(), z.array(AccountMapping)),
  saveAccountMapping: method(AccountMappingInput.extend({ id: Id.optional() }), AccountMapping),
  deleteAccountMapping: method(z.object({ id: Id }), Done),

  categoryStats: method(TransactionFilter, z.array(CategoryStat)),
  monthlyStats: method(TransactionFilter, z.array(MonthStat)),

  getSecurityStatus: method(z.void(), SecurityStatus),
  useKeyFile: method(
    z.object({ passphrase: z.string().min(8, 'A passphrase needs at least 8 characters') }),
    SecurityStatus,
  ),
  rotateEncryptionKey: method(z.void(), z.object({ rewritten: z.number().int() })),
  importLegacyEnv: method(z.void(), LegacyEnvReport),

  ...databaseMethods,
  ...bankMethods,
  ...rulesMethods,
  ...reportsMethods,
  ...accountsMethods,
  ...importMethods,
} as const satisfies Record<MethodName, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** Events the main process pushes to the renderer. */
export const events = {
  'db:status': z.object({
    state: z.enum(['ready', 'error']),
    store: StoreInfo.optional(),
    message: z.string().optional(),
  }),
  'db:progress': DatabaseProgress,
  'move:progress': MoveProgressEvent,
  'bank:progress': BankProgress,
  'import:progress': StatementImportProgress,
  /** Another copy of Spending (or anything else) wrote to the shared PostgreSQL store. */
  'store:changed': z.object({
    tables: z.array(z.enum(NOTIFIED_TABLES)),
    revision: z.number().int(),
    /** After a lost connection: the tables written while it was away, found by their revisions. */
    caughtUp: z.boolean(),
  }),
} as const satisfies Record<EventName, z.ZodType>;
export type Events = typeof events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** What crosses the boundary when a call fails: never a stack, never a secret. */
export const WireError = z.object({
  code: z.string(),
  message: z.string(),
  remedy: z.string().optional(),
  /** For invalid_input: the input field the message is about, e.g. "amountPence". */
  field: z.string().optional(),
});
export type WireError = z.infer<typeof WireError>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** The shape of `window.api`, whoever provides it (preload or a test harness). */
export type Api = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<ApiResult<MethodOutput<M>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
