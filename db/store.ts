// The one repository interface every service uses. Two implementations:
// db/sqlite/sqlite-store.ts and db/pg/pg-store.ts, held to the same contract
// by db/store.contract.test.ts.
import type {
  AccountMapping,
  AccountMappingInput,
  Category,
  CategoryStat,
  MonthStat,
  NewTransaction,
  StoreInfo,
  Transaction,
  TransactionFilter,
  TransactionPage,
  TransactionPatch,
  TransactionQuery,
  TransactionTotals,
} from './model.js';
import type { BankStore } from './bank/bank-store.js';
import type { RuleStore } from './rules/rule-store.js';
import type { HuququllahStore } from './huququllah/huququllah-store.js';
import type { AccountStore } from './imports/account-store.js';
import type { StatementImportStore } from './imports/import-store.js';
import type { PurchaseStore } from './purchases/purchase-store.js';
import type { ReportStore } from './reports/report-store.js';
import type { BulkPart } from './bulk.js';
import type { AppError } from './errors.js';
import type { Fingerprints } from './verify/table-fingerprints.js';

export interface BulkInsertOptions {
  /**
   * Load only into a store that holds no transactions; otherwise throw this
   * error. Checked inside the load's transaction, under the one-writer lock,
   * so two loads started at once cannot both find the store empty.
   */
  onlyIntoEmpty?: AppError;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';

  /** Linked banks: connections, accounts, balances and synced transactions. */
  readonly bank: BankStore;

  /** Rules that sort transactions, and the record of each apply (db/rules/). */
  readonly rules: RuleStore;

  /** Expenses classed essential or discretionary, and what is due (db/huququllah/). */
  readonly huququllah: HuququllahStore;

  /** Accounts that statement files go into (db/imports/). */
  readonly accounts: AccountStore;

  /** Statement files imported: preview, import, list and undo (db/imports/). */
  readonly imports: StatementImportStore;
  /** Amazon and Apple purchases, imported and matched to bank rows (db/purchases/). */
  readonly purchases: PurchaseStore;

  /** Spending by category, cash flow, comparisons, merchants, recurring payments, budgets (db/reports/). */
  readonly reports: ReportStore;

  info(): Promise<StoreInfo>;

  /** Row count and content checksum of every table, at one consistent moment. */
  fingerprints(): Promise<Fingerprints>;

  listTransactions(query: TransactionQuery): Promise<TransactionPage>;
  countTransactions(filter: TransactionFilter): Promise<number>;
  /** The filtered rows' count, spending, income and net, in pence, summed by the database. */
  totalTransactions(filter: TransactionFilter): Promise<TransactionTotals>;
  getTransaction(id: number): Promise<Transaction | null>;
  addTransaction(input: NewTransaction): Promise<Transaction>;
  updateTransaction(id: number, patch: TransactionPatch): Promise<Transaction>;
  deleteTransaction(id: number): Promise<void>;

  listCategories(): Promise<Category[]>;
  addCategory(name: string): Promise<Category>;
  renameCategory(id: number, name: string): Promise<Category>;
  /** Leaves the category's transactions uncategorised; returns how many there were. */
  deleteCategory(id: number): Promise<{ moved: number }>;
  /**
   * A keyword sorts into one category: one that another category holds is
   * refused (conflict) unless `move`, which takes it from there. Each keyword
   * is a rule (see `rules`), added first in line.
   */
  addKeyword(categoryId: number, keyword: string, options?: { move?: boolean }): Promise<Category>;
  removeKeyword(keywordId: number): Promise<void>;

  listAccountMappings(): Promise<AccountMapping[]>;
  saveAccountMapping(input: AccountMappingInput & { id?: number }): Promise<AccountMapping>;
  deleteAccountMapping(id: number): Promise<void>;

  categoryStats(filter: TransactionFilter): Promise<CategoryStat[]>;
  monthlyStats(filter: TransactionFilter): Promise<MonthStat[]>;

  /**
   * Appends rows to one or more tables, in order, in ONE database transaction
   * (the fast path for demo data and, later, the data mover). Ids are taken
   * from the rows when given. Resolves to the row count per part.
   */
  bulkInsert(parts: readonly BulkPart[], options?: BulkInsertOptions): Promise<number[]>;

  /**
   * Rewrites every stored bank token (access and refresh) through `rewrite`,
   * in one transaction; resolves to the number of connections changed. Used
   * by key rotation, so the tokens are only ever Fernet tokens here.
   */
  rewriteBankTokens(rewrite: (token: string) => string): Promise<number>;

  close(): Promise<void>;
}
