// The methods that only read or write the active store. They are what the
// store workers answer (main/worker/): the main thread never runs their queries.
import { AppError } from '../../db/errors.js';
import type { Store } from '../../db/store.js';
import { CsvMapping } from '../services/finance/imports/csv-mapping.js';
import type { MethodName } from '../../preload/contract.js';
import type { Handlers } from './dispatch.js';

/**
 * Methods that change the store. They all go to one worker, in the order they
 * arrive, as they did on one connection; reads may go to any worker.
 */
export const STORE_WRITES = [
  'addTransaction',
  'updateTransaction',
  'deleteTransaction',
  'addCategory',
  'renameCategory',
  'deleteCategory',
  'addKeyword',
  'removeKeyword',
  'saveAccountMapping',
  'deleteAccountMapping',
  'addRule',
  'updateRule',
  'removeRule',
  'moveRule',
  'applyRules',
  'undoRuleRuns',
  'categoriseMerchant',
  'setHuququllah',
  'classifyTransactions',
  'setBudget',
  'removeBudget',
  'decideRecurring',
  'createAccount',
  'renameAccount',
  'undoStatementImport',
  'saveImportProfile',
  'deleteImportProfile',
] as const satisfies readonly MethodName[];

export const STORE_READS = [
  'getAppInfo',
  'listTransactions',
  'countTransactions',
  'totalTransactions',
  'listCategories',
  'listAccountMappings',
  'categoryStats',
  'monthlyStats',
  'listRules',
  'matchRule',
  'previewRules',
  'listRuleRuns',
  'huququllahSummary',
  'discoverAccounts',
  'suggestRules',
  'huququllahUnclassified',
  'reportCategories',
  'reportMonths',
  'reportCompare',
  'reportMerchants',
  'recurringPayments',
  'listBudgets',
  'budgetStatus',
  'listStatementImports',
  'listImportProfiles',
  'listAccounts',
] as const satisfies readonly MethodName[];

/**
 * A saved mapping as the contract shows it: one written by an older version
 * (or by hand) that no longer fits the schema is listed without its columns
 * rather than hiding every profile behind one bad one.
 */
function savedProfile({ name, mapping }: { name: string; mapping: unknown }) {
  const parsed = CsvMapping.safeParse(mapping);
  return { name, mapping: parsed.success ? parsed.data : {} };
}

function noProfile(name: string): AppError {
  return new AppError(
    'not_found',
    `There is no saved column mapping called “${name}”.`,
    'Reload the list and try again.',
  );
}

export type StoreMethod = (typeof STORE_WRITES)[number] | (typeof STORE_READS)[number];

export interface StoreHandlerContext {
  /** The active store; a getter because the user can switch stores. */
  store(): Store;
  appVersion: string;
}

export function createStoreHandlers(ctx: StoreHandlerContext): Pick<Handlers, StoreMethod> {
  const store = () => ctx.store();
  return {
    getAppInfo: async () => ({ version: ctx.appVersion, store: await store().info() }),

    listTransactions: (query) => store().listTransactions(query),
    countTransactions: (filter) => store().countTransactions(filter),
    totalTransactions: (filter) => store().totalTransactions(filter),
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
    classifyTransactions: (request) => store().huququllah.classify(request),

    reportCategories: (period) => store().reports.categories(period),
    reportMonths: (period) => store().reports.months(period),
    reportCompare: ({ asOf, ...period }) => store().reports.compare(period, asOf),
    reportMerchants: ({ limit, ...period }) => store().reports.merchants(period, limit),
    recurringPayments: ({ asOf }) => store().reports.recurring(asOf),
    decideRecurring: async (decision) => {
      await store().reports.decideRecurring(decision);
      return null;
    },
    listBudgets: () => store().reports.budgets(),
    setBudget: ({ asOf, ...budget }) => store().reports.setBudget(budget, asOf),
    removeBudget: async ({ category }) => {
      await store().reports.removeBudget(category);
      return null;
    },
    budgetStatus: ({ asOf }) => store().reports.budgetStatus(asOf),

    listAccounts: () => store().accounts.list(),
    createAccount: (input) => store().accounts.create(input),
    renameAccount: (input) => store().accounts.rename(input),
    listStatementImports: () => store().imports.list(),
    undoStatementImport: ({ id }) => store().imports.undo(id),
    listImportProfiles: async () => (await store().imports.profiles.list()).map(savedProfile),
    saveImportProfile: async ({ name, mapping }) => {
      await store().imports.profiles.save(name, mapping);
      return null;
    },
    deleteImportProfile: async ({ name }) => {
      if (!(await store().imports.profiles.delete(name))) throw noProfile(name);
      return null;
    },
  };
}
