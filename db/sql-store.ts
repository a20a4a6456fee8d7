// The Store, written once over an Executor; the SQLite and PostgreSQL
// executors supply the connection, transactions and bulk paths.
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { BankStore } from './bank/bank-store.js';
import type { BulkPart } from './bulk.js';
import { derive, derivedValues } from './derived-columns.js';
import { arrivalSorter } from './rules/arrival.js';
import { keywordKey, precedence } from './rules/keywords.js';
import { addKeywordRule, closeGaps, lockRules, prepareRules, RuleStore } from './rules/rule-store.js';
import { AppError, invalidInput } from './errors.js';
import { HuququllahStore } from './huququllah/huququllah-store.js';
import { AccountStore } from './imports/account-store.js';
import { StatementImportStore } from './imports/import-store.js';
import { PurchaseStore } from './purchases/purchase-store.js';
import { ReportStore } from './reports/report-store.js';
import {
  AccountMappingInput,
  CategoryName,
  DEFAULT_CATEGORIES,
  DEFAULT_USER_EMAIL,
  NewTransaction,
  TransactionFilter,
  TransactionPatch,
  KeywordText,
  TransactionQuery,
  sameCategoryName,
  type AccountMapping,
  type Category,
  type CategoryStat,
  type MonthStat,
  type StoreInfo,
  type Transaction,
  type TransactionPage,
  type TransactionTotals,
} from './model.js';
import { readInt } from './sql/dialect.js';
import { nextSearchStep } from './sql/search-plan.js';
import { aggregate, canUseTotals } from './sql/stats-queries.js';
import { ConstraintError, type Executor, type Row } from './sql/executor.js';
import {
  encodeCursor,
  filterConditions,
  indexedSearchQuery,
  pageQuery,
  rowToTransaction,
  transactionColumns,
  whereClause,
  windowedSearchQuery,
} from './sql/transaction-queries.js';
import type { BulkInsertOptions, Store } from './store.js';
import { stampStore } from './store-meta.js';
import { tableFingerprints, type Fingerprints } from './verify/table-fingerprints.js';

const DEFAULT_NAMES: ReadonlySet<string> = new Set(DEFAULT_CATEGORIES);

type ParsedQuery = ReturnType<typeof TransactionQuery.parse>;

const PATCH_COLUMNS = {
  date: 'date',
  description: 'description',
  amountPence: 'amount',
  category: 'category',
  merchant: 'merchant',
  huququllahClassification: 'huququllah_classification',
  accountId: 'account_id',
} as const satisfies Record<keyof TransactionPatch, string>;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  return parsed.data;
}

async function conflictAs<T>(message: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConstraintError && error.kind === 'unique') throw new AppError('conflict', message);
    throw error;
  }
}

/** The only reference a transaction's own fields hold is its account. */
async function accountMustExist<T>(accountId: number | null | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConstraintError && error.kind === 'foreign_key' && accountId)
      throw new AppError(
        'not_found',
        `No account with id ${accountId}.`,
        'Choose another account; it may have been removed.',
        'accountId',
      );
    throw error;
  }
}

export class SqlStore implements Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly bank: BankStore;
  readonly rules: RuleStore;
  readonly huququllah: HuququllahStore;
  readonly accounts: AccountStore;
  readonly imports: StatementImportStore;
  readonly purchases: PurchaseStore;
  readonly reports: ReportStore;

  private constructor(
    private readonly db: Executor,
    private readonly location: string,
    private readonly storeId: string,
    private readonly schemaVersion: number,
  ) {
    this.dialect = db.dialect.name;
    this.bank = new BankStore(db);
    this.rules = new RuleStore(db);
    this.huququllah = new HuququllahStore(db);
    this.accounts = new AccountStore(db);
    this.imports = new StatementImportStore(db);
    this.purchases = new PurchaseStore(db);
    this.reports = new ReportStore(db);
  }

  /** Seeds defaults (idempotently) and reads the store's identity. */
  static async create(db: Executor, location: string, schemaVersion: number): Promise<SqlStore> {
    // A store that has everything already is opened without a write, so opening one never
    // waits for another process's write lock (a long seed or sync) and works when read-only.
    const storeId = (await readIdentity(db, schemaVersion)) ?? (await seedDefaults(db, schemaVersion));
    return new SqlStore(db, location, storeId, schemaVersion);
  }

  info(): Promise<StoreInfo> {
    return Promise.resolve({
      dialect: this.dialect,
      location: this.location,
      storeId: this.storeId,
      schemaVersion: this.schemaVersion,
      ...(this.db.readOnly ? { readOnly: true } : {}),
    });
  }

  fingerprints(): Promise<Fingerprints> {
    return tableFingerprints(this.db);
  }

  // ---- transactions ----

  async listTransactions(input: TransactionQuery): Promise<TransactionPage> {
    const q = parse(TransactionQuery, input);
    const d = this.db.dialect;
    let rows: Row[];
    if (q.search) {
      rows = await this.searchPage({ ...q, search: q.search });
    } else {
      rows = await this.db.all(pageQuery(d, q));
    }
    const items = rows.slice(0, q.limit).map((row) => rowToTransaction(d, row));
    const last = items.at(-1);
    const nextCursor = rows.length > q.limit && last ? encodeCursor(q.sort, q.direction, last) : null;
    return { items, nextCursor };
  }

  async countTransactions(input: TransactionFilter): Promise<number> {
    const f = parse(TransactionFilter, input);
    if (canUseTotals(f)) return (await aggregate(this.db, f, 'month')).reduce((n, t) => n + t.count, 0);
    const count = sql`SELECT COUNT(*) AS n FROM transactions ${whereClause(filterConditions(this.db.dialect, f))}`;
    const [row] = f.search ? await this.indexedSearch(count) : await this.db.all(count);
    return readInt(row?.n ?? 0);
  }

  /** The filtered rows' count and sums, exact to the penny (from the running totals where they answer). */
  async totalTransactions(input: TransactionFilter): Promise<TransactionTotals> {
    const totals = await aggregate(this.db, parse(TransactionFilter, input), 'month');
    const sum = { count: 0, spendPence: 0, incomePence: 0, netPence: 0 };
    for (const t of totals) {
      sum.count += t.count;
      sum.spendPence += t.spendPence;
      sum.incomePence += t.incomePence;
    }
    return { ...sum, netPence: sum.spendPence + sum.incomePence };
  }

  private async searchPage(q: ParsedQuery & { search: string }): Promise<Row[]> {
    const d = this.db.dialect;
    // A walk's window counts matches from the top, so a position further down
    // is found through the search index, at about the cost of counting them.
    if (q.offset) return this.indexedSearch(indexedSearchQuery(d, q));
    const wanted = q.limit + 1;
    const first = await this.db.all(windowedSearchQuery(d, q, d.searchCosts.firstLook));
    if (first.length >= wanted) return first;
    const step = nextSearchStep(first.length, wanted, await this.totalRows(), d.searchCosts);
    if (step !== 'index') {
      const walked = await this.db.all(windowedSearchQuery(d, q, step.walk));
      if (walked.length >= wanted) return walked;
    }
    return this.indexedSearch(indexedSearchQuery(d, q));
  }

  /** Every transaction, counted from the running totals. */
  private async totalRows(): Promise<number> {
    const [row] = await this.db.all(sql`SELECT COALESCE(SUM(n), 0) AS n FROM transaction_totals`);
    return readInt(row?.n ?? 0);
  }

  private indexedSearch(query: SQL): Promise<Row[]> {
    const prelude = this.db.dialect.indexedSearchPrelude;
    if (!prelude) return this.db.all(query);
    return this.db.transaction(async (tx) => {
      await tx.run(prelude);
      return tx.all(query);
    });
  }

  async getTransaction(id: number): Promise<Transaction | null> {
    const d = this.db.dialect;
    const [row] = await this.db.all(sql`SELECT ${transactionColumns(d)} FROM transactions WHERE id = ${id}`);
    return row ? rowToTransaction(d, row) : null;
  }

  /** Sorted on arrival: a category, merchant or class left out is filled in by the rules when one matches. */
  async addTransaction(input: NewTransaction): Promise<Transaction> {
    const t = parse(NewTransaction, input);
    const d = this.db.dialect;
    const [row] = await accountMustExist(t.accountId, () =>
      this.db.transaction(async (tx) => {
        const sorted = (await arrivalSorter(tx, 'manual'))({
          description: t.description,
          pence: t.amountPence,
          date: t.date,
          source: t.sourceFile,
          category: t.category,
          merchant: t.merchant,
          huququllah: t.huququllahClassification,
        });
        return tx.all(
          sql`INSERT INTO transactions (date, description, amount, category, category_source, merchant, source_file, huququllah_classification,
              description_folded, merchant_folded, account_id)
            VALUES (${t.date}, ${t.description}, ${d.money(t.amountPence)}, ${sorted.category}, ${sorted.categorySource},
                    ${sorted.merchant}, ${t.sourceFile}, ${sorted.huququllah}, ${derive(t.description)}, ${derive(sorted.merchant)},
                    ${t.accountId})
            RETURNING ${transactionColumns(d)}`,
        );
      }),
    );
    return rowToTransaction(d, only(row));
  }

  async updateTransaction(id: number, input: TransactionPatch): Promise<Transaction> {
    const patch = parse(TransactionPatch, input);
    const d = this.db.dialect;
    const assignments: SQL[] = [];
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof TransactionPatch, string][]) {
      const value = patch[key];
      if (value === undefined) continue;
      const param = key === 'amountPence' ? d.money(value as number) : value;
      assignments.push(sql`${sql.raw(column)} = ${param}`);
      for (const [name, folded] of derivedValues('transactions', column, value))
        assignments.push(sql`${sql.raw(name)} = ${folded}`);
    }
    // A category chosen by hand is the user's: rules leave it alone from now on unless asked.
    if (patch.category !== undefined) assignments.push(sql`category_source = 'manual'`);
    if (!assignments.length) {
      const existing = await this.getTransaction(id);
      if (!existing) throw notFound('transaction', id);
      return existing;
    }
    const [row] = await accountMustExist(patch.accountId, () =>
      this.db.all(
        sql`UPDATE transactions SET ${sql.join(assignments, sql`, `)} WHERE id = ${id} RETURNING ${transactionColumns(d)}`,
      ),
    );
    if (!row) throw notFound('transaction', id);
    return rowToTransaction(d, row);
  }

  async deleteTransaction(id: number): Promise<void> {
    if ((await this.db.run(sql`DELETE FROM transactions WHERE id = ${id}`)) === 0) throw notFound('transaction', id);
  }

  // ---- categories and keyword rules ----

  async listCategories(): Promise<Category[]> {
    const [categories, keywords] = await Promise.all([
      this.db.all<{ id: unknown; name: string }>(sql`SELECT id, name FROM categories ORDER BY id`),
      this.keywordRules(this.db),
    ]);
    const sameKeyword = groupBy(keywords, (k) => keywordKey(k.keyword));
    const byCategory = groupBy(
      [...keywords].sort((a, b) => a.keyword.localeCompare(b.keyword)),
      (k) => k.category,
    );
    return categories.map((c) => ({
      id: readInt(c.id),
      name: c.name,
      isDefault: DEFAULT_NAMES.has(c.name),
      keywords: (byCategory.get(c.name) ?? []).map((k) => {
        const rivals = (sameKeyword.get(keywordKey(k.keyword)) ?? []).filter((r) => r.id !== k.id);
        return {
          id: k.id,
          keyword: k.keyword,
          alsoIn: rivals.map((r) => r.category),
          // Rules are tried in priority order: the first that matches sorts the row.
          wins: rivals.every((r) => k.priority < r.priority),
        };
      }),
    }));
  }

  /**
   * The keywords of the Categories page with the priority of their rules. A keyword written without one (by
   * another tool) becomes a rule at the next open, first in line by the old app's order (prepareRules), so
   * it ranks that way here already.
   */
  private async keywordRules(
    db: Executor,
  ): Promise<{ id: number; category: string; keyword: string; priority: number }[]> {
    const rows = await db.all<{ id: unknown; category_name: string; keyword: string; priority: unknown }>(
      sql`SELECT k.id, k.category_name, k.keyword, r.priority FROM category_keywords k
          LEFT JOIN rules r ON r.keyword_id = k.id ORDER BY k.id`,
    );
    const keywords = rows.map((r) => ({
      id: readInt(r.id),
      category: r.category_name,
      keyword: r.keyword,
      priority: r.priority === null ? null : readInt(r.priority),
    }));
    const orphans = keywords.filter((k) => k.priority === null).sort(precedence);
    return keywords.map((k) => ({ ...k, priority: k.priority ?? orphans.indexOf(k) - orphans.length }));
  }

  private async category(id: number, db: Executor = this.db): Promise<{ id: number; name: string }> {
    const [row] = await db.all<{ name: string }>(sql`SELECT name FROM categories WHERE id = ${id}`);
    if (!row) throw notFound('category', id);
    return { id, name: row.name };
  }

  private async categoryById(id: number): Promise<Category> {
    const found = (await this.listCategories()).find((c) => c.id === id);
    if (!found) throw notFound('category', id);
    return found;
  }

  /**
   * Refuses a name another category already has, ignoring case (model.ts says
   * what counts as the same). Called in the writing transaction; PostgreSQL
   * also locks out other writers of categories until it ends, so two such
   * names cannot slip in side by side (SQLite transactions already take turns).
   */
  private async refuseTakenName(tx: Executor, name: string, except?: number): Promise<void> {
    if (tx.dialect.name === 'postgres') await tx.run(sql`LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE`);
    const rows = await tx.all<{ id: unknown; name: string }>(sql`SELECT id, name FROM categories`);
    const taken = rows.find((r) => readInt(r.id) !== except && sameCategoryName(r.name, name));
    if (!taken) return;
    throw new AppError(
      'conflict',
      `There is already a category called “${taken.name}”.`,
      taken.name === name
        ? 'Choose another name.'
        : 'Names that differ only in capitals, width or Unicode spelling count as the same; choose another name or use that category.',
    );
  }

  async addCategory(input: string): Promise<Category> {
    const name = parse(CategoryName, input);
    const id = await this.db.transaction(async (tx) => {
      await this.refuseTakenName(tx, name);
      const [row] = await tx.all<{ id: unknown }>(sql`INSERT INTO categories (name) VALUES (${name}) RETURNING id`);
      return readInt(only(row).id);
    });
    return { id, name, isDefault: false, keywords: [] };
  }

  async renameCategory(id: number, input: string): Promise<Category> {
    const name = parse(CategoryName, input);
    await this.db.transaction(async (tx) => {
      const current = await this.category(id, tx);
      if (DEFAULT_NAMES.has(current.name)) throw protectedCategory(current.name);
      await this.refuseTakenName(tx, name, id);
      // Keywords and rules follow through ON UPDATE CASCADE; transactions and undo records hold the name as text.
      await tx.run(sql`UPDATE categories SET name = ${name} WHERE id = ${id}`);
      await tx.run(sql`UPDATE transactions SET category = ${name} WHERE category = ${current.name}`);
      await tx.run(sql`UPDATE rule_run_changes SET old_category = ${name} WHERE old_category = ${current.name}`);
      await tx.run(sql`UPDATE rule_run_changes SET new_category = ${name} WHERE new_category = ${current.name}`);
    });
    return this.categoryById(id);
  }

  /** Its transactions become uncategorised. */
  async deleteCategory(id: number): Promise<{ moved: number }> {
    return this.db.transaction(async (tx) => {
      const current = await this.category(id, tx);
      if (DEFAULT_NAMES.has(current.name)) throw protectedCategory(current.name);
      const moved = await tx.run(
        sql`UPDATE transactions SET category = NULL, category_source = NULL WHERE category = ${current.name}`,
      );
      await tx.run(sql`DELETE FROM categories WHERE id = ${id}`);
      // Its keywords' rules went with it (cascade); other rules lost that action, and those left doing nothing go.
      await tx.run(
        sql`DELETE FROM rules WHERE set_category IS NULL AND set_merchant IS NULL AND set_huququllah IS NULL`,
      );
      await closeGaps(tx);
      return { moved };
    });
  }

  async addKeyword(categoryId: number, input: string, options: { move?: boolean } = {}): Promise<Category> {
    // Kept folded, as matching uses it (db/rules/keywords.ts): CAFÉ and café are one keyword.
    const keyword = keywordKey(parse(KeywordText, input));
    await this.db.transaction(async (tx) => {
      const current = await this.category(categoryId, tx);
      const same = (await this.keywordRules(tx)).filter((r) => keywordKey(r.keyword) === keywordKey(keyword));
      if (same.some((r) => r.category === current.name))
        throw new AppError('conflict', `“${keyword}” is already a keyword of ${current.name}.`);
      const elsewhere = [...new Set(same.map((r) => r.category))];
      if (elsewhere.length && !options.move)
        throw new AppError(
          'conflict',
          `“${keyword}” is already a keyword of ${elsewhere.join(' and ')}, so it sorts transactions there.`,
          `Move it to ${current.name} instead, or leave it where it is.`,
        );
      // A keyword sorts into one category: moving it takes it (and its rule) away from the others.
      for (const rule of same) await tx.run(sql`DELETE FROM category_keywords WHERE id = ${rule.id}`);
      const [row] = await tx.all<{ id: unknown }>(
        sql`INSERT INTO category_keywords (category_name, keyword) VALUES (${current.name}, ${keyword}) RETURNING id`,
      );
      await addKeywordRule(tx, readInt(only(row).id), keyword, current.name);
    });
    return this.categoryById(categoryId);
  }

  async removeKeyword(keywordId: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockRules(tx);
      // Its rule goes with it (ON DELETE CASCADE).
      if ((await tx.run(sql`DELETE FROM category_keywords WHERE id = ${keywordId}`)) === 0)
        throw notFound('keyword', keywordId);
      await closeGaps(tx);
    });
  }

  // ---- account mappings ----

  async listAccountMappings(): Promise<AccountMapping[]> {
    const rows = await this.db.all(
      sql`SELECT id, sort_code, account_number, friendly_name FROM account_mappings ORDER BY friendly_name, id`,
    );
    return rows.map(rowToMapping);
  }

  async saveAccountMapping(input: AccountMappingInput & { id?: number }): Promise<AccountMapping> {
    const m = parse(AccountMappingInput, input);
    const message = `Account ${m.sortCode} ${m.accountNumber} already has a name.`;
    const [row] = await conflictAs(message, () =>
      input.id === undefined
        ? this.db.all(
            sql`INSERT INTO account_mappings (sort_code, account_number, friendly_name)
                VALUES (${m.sortCode}, ${m.accountNumber}, ${m.friendlyName})
                RETURNING id, sort_code, account_number, friendly_name`,
          )
        : this.db.all(
            sql`UPDATE account_mappings SET sort_code = ${m.sortCode}, account_number = ${m.accountNumber},
                friendly_name = ${m.friendlyName} WHERE id = ${input.id}
                RETURNING id, sort_code, account_number, friendly_name`,
          ),
    );
    if (!row) throw notFound('account name', input.id ?? 0);
    return rowToMapping(row);
  }

  async deleteAccountMapping(id: number): Promise<void> {
    if ((await this.db.run(sql`DELETE FROM account_mappings WHERE id = ${id}`)) === 0) {
      throw notFound('account name', id);
    }
  }

  // ---- stats ----

  async categoryStats(input: TransactionFilter): Promise<CategoryStat[]> {
    const totals = await aggregate(this.db, parse(TransactionFilter, input), 'category');
    return totals
      .map((t) => ({ category: t.key || null, count: t.count, spendPence: t.spendPence, incomePence: t.incomePence }))
      .sort((a, b) => a.spendPence - b.spendPence || (a.category ?? '').localeCompare(b.category ?? ''));
  }

  async monthlyStats(input: TransactionFilter): Promise<MonthStat[]> {
    const totals = await aggregate(this.db, parse(TransactionFilter, input), 'month');
    return totals
      .map((t) => ({ month: t.key, count: t.count, spendPence: t.spendPence, incomePence: t.incomePence }))
      .sort((a, b) => a.month.localeCompare(b.month));
  }

  async bulkInsert(parts: readonly BulkPart[], options: BulkInsertOptions = {}): Promise<number[]> {
    const counts = await this.db.transaction(async (tx) => {
      if (options.onlyIntoEmpty) await this.claimEmpty(tx, options.onlyIntoEmpty);
      const done: number[] = [];
      for (const part of parts) done.push(await tx.bulkInsert(part.table, part.rows));
      return done;
    });
    // Fresh statistics, or the planners pick plans for the empty tables they last saw. The rows
    // are committed by now: statistics that cannot be written (a full disk, a busy store) wait
    // for the next close's optimize rather than make a load that succeeded look failed.
    await this.db.run(sql`ANALYZE`).catch((error: unknown) => {
      if (!(error instanceof AppError && (error.code === 'disk_full' || error.code === 'unavailable'))) throw error;
    });
    return counts;
  }

  /** Takes the one-load lock, then checks the store is still empty: both inside the load's transaction. */
  private async claimEmpty(tx: Executor, notEmpty: AppError): Promise<void> {
    if (tx.dialect.bulkLoadLock) {
      const [row] = await tx.all(tx.dialect.bulkLoadLock);
      if (!row?.locked)
        throw new AppError(
          'unavailable',
          `Another Spending process is adding data to ${this.location} right now.`,
          'Wait for it to finish, then try again. Nothing was written.',
        );
    }
    const [row] = await tx.all(sql`SELECT COUNT(*) AS n FROM (SELECT 1 FROM transactions LIMIT 1) AS t`);
    if (readInt(row?.n ?? 0) > 0) throw notEmpty;
  }

  rewriteBankTokens(rewrite: (token: string) => string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.all<{ id: unknown; access_token: string | null; refresh_token: string | null }>(
        sql`SELECT id, access_token, refresh_token FROM bank_connections ORDER BY id`,
      );
      for (const row of rows) {
        await tx.run(
          sql`UPDATE bank_connections SET
                access_token = ${row.access_token === null ? null : rewrite(row.access_token)},
                refresh_token = ${row.refresh_token === null ? null : rewrite(row.refresh_token)}
              WHERE id = ${readInt(row.id)}`,
        );
      }
      return rows.length;
    });
  }

  /** Escape hatch for tests and maintenance: raw SQL on this store's connection. */
  query(query: SQL): Promise<Row[]> {
    return this.db.all(query);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** The store's id when its defaults, rules and schema version are all in place, else undefined. */
async function readIdentity(db: Executor, schemaVersion: number): Promise<string | undefined> {
  const [row] = await db.all(
    sql`SELECT
          (SELECT value FROM app_meta WHERE key = 'store_id') AS store_id,
          (SELECT value FROM app_meta WHERE key = 'schema_version') AS schema_version,
          (SELECT COUNT(*) FROM categories WHERE name IN (${sql.join(
            DEFAULT_CATEGORIES.map((name) => sql`${name}`),
            sql`, `,
          )})) AS categories,
          (SELECT COUNT(*) FROM users WHERE email = ${DEFAULT_USER_EMAIL}) AS users,
          (SELECT value FROM app_meta WHERE key = 'rules_seeded') AS rules_seeded,
          (SELECT COUNT(*) FROM category_keywords k
            WHERE NOT EXISTS (SELECT 1 FROM rules r WHERE r.keyword_id = k.id)) AS keywords_without_rules`,
  );
  const complete =
    row?.store_id &&
    row.schema_version === String(schemaVersion) &&
    readInt(row.categories) === DEFAULT_CATEGORIES.length &&
    readInt(row.users) === 1 &&
    row.rules_seeded !== null &&
    readInt(row.keywords_without_rules) === 0;
  return complete ? String(row.store_id) : undefined;
}

async function seedDefaults(db: Executor, schemaVersion: number): Promise<string> {
  const storeId = await db.transaction(async (tx) => {
    await tx.run(
      sql`INSERT INTO categories (name) VALUES ${sql.join(
        DEFAULT_CATEGORIES.map((name) => sql`(${name})`),
        sql`, `,
      )} ON CONFLICT (name) DO NOTHING`,
    );
    await tx.run(sql`INSERT INTO users (email) VALUES (${DEFAULT_USER_EMAIL}) ON CONFLICT (email) DO NOTHING`);
    await prepareRules(tx);
    return stampStore(tx, schemaVersion);
  });
  // Into the file now, so a load that fails on a full disk later finds nothing committed in the
  // -wal file to make room for (see SqliteExecutor.checkpoint).
  db.checkpoint?.();
  return storeId;
}

/** The row a RETURNING or single-row query must produce. */
function only<T>(row: T | undefined): T {
  if (row === undefined) throw new Error('The database returned no row where one was expected');
  return row;
}

function rowToMapping(row: Row): AccountMapping {
  return {
    id: readInt(row.id),
    sortCode: String(row.sort_code),
    accountNumber: String(row.account_number),
    friendlyName: String(row.friendly_name),
  };
}

function notFound(what: string, id: number): AppError {
  return new AppError('not_found', `No ${what} with id ${id}.`, 'Refresh the list; it may have been deleted.');
}

function protectedCategory(name: string): AppError {
  return new AppError('protected', `"${name}" is a built-in category and cannot be renamed or deleted.`);
}
