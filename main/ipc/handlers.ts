// Maps each contract method to the service that does the work.
import type { Store } from '../../db/store.js';
import type { SecuritySettings } from '../services/secrets/security-settings.js';
import { createBankHandlers, type BankHandlerContext } from './bank-handlers.js';
import { createDatabaseHandlers, type DatabaseHandlerContext } from './database-handlers.js';
import type { Handlers } from './dispatch.js';

export interface HandlerContext {
  /** The active store; a getter because the user can switch stores. */
  store(): Store;
  appVersion: string;
  security: SecuritySettings;
  database: DatabaseHandlerContext;
  bank: BankHandlerContext;
}

export function createHandlers(ctx: HandlerContext): Handlers {
  const store = () => ctx.store();
  return {
    getAppInfo: async () => ({ version: ctx.appVersion, store: await store().info() }),

    listTransactions: (query) => store().listTransactions(query),
    countTransactions: (filter) => store().countTransactions(filter),
    addTransaction: (input) => store().addTransaction(input),
    updateTransaction: ({ id, patch }) => store().updateTransaction(id, patch),
    deleteTransaction: async ({ id }) => {
      await store().deleteTransaction(id);
      return null;
    },

    listCategories: () => store().listCategories(),
    addCategory: ({ name }) => store().addCategory(name),
    renameCategory: ({ id, name }) => store().renameCategory(id, name),
    deleteCategory: ({ id }) => store().deleteCategory(id),
    addKeyword: ({ categoryId, keyword, move }) => store().addKeyword(categoryId, keyword, { move }),
    removeKeyword: async ({ id }) => {
      await store().removeKeyword(id);
      return null;
    },

    listAccountMappings: () => store().listAccountMappings(),
    saveAccountMapping: (input) => store().saveAccountMapping(input),
    deleteAccountMapping: async ({ id }) => {
      await store().deleteAccountMapping(id);
      return null;
    },

    categoryStats: (filter) => store().categoryStats(filter),
    monthlyStats: (filter) => store().monthlyStats(filter),

    getSecurityStatus: () => ctx.security.status(),
    useKeyFile: ({ passphrase }) => ctx.security.useKeyFile(passphrase),
    rotateEncryptionKey: () => ctx.security.rotateKey(),
    importLegacyEnv: () => ctx.security.importLegacyEnv(),

    listRules: () => store().rules.list(),
    addRule: (rule) => store().rules.add(rule),
    updateRule: ({ id, rule }) => store().rules.update(id, rule),
    removeRule: async ({ id }) => {
      await store().rules.remove(id);
      return null;
    },
    moveRule: ({ id, priority }) => store().rules.move(id, priority),
    matchRule: (request) => store().rules.matches(request),
    previewRules: (request) => store().rules.preview(request),
    applyRules: (request) => store().rules.apply(request),
    listRuleRuns: () => store().rules.listRuns(),
    undoRuleRuns: async ({ runId, last }) =>
      runId ? [await store().rules.undo(runId)] : store().rules.undoLast(last ?? 1),
    categoriseMerchant: (request) => store().rules.categoriseMerchant(request),
    discoverAccounts: () => store().rules.discoverAccounts(),
    suggestRules: ({ limit }) => store().rules.suggest(limit),
    huququllahSummary: (period) => store().huququllah.summary(period),
    huququllahUnclassified: (period) => store().huququllah.unclassified(period),
    setHuququllah: async ({ id, value }) => {
      await store().huququllah.set(id, value);
      return null;
    },

    ...createDatabaseHandlers(ctx.database),
    ...createBankHandlers(ctx.bank),
  };
}
