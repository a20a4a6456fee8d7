// Statement imports as the Store does them for both dialects: a preview that
// writes nothing, an import that is one database transaction and one
// recorded, undoable import, and an undo that leaves the store as it was.
import { sql, type SQL } from 'drizzle-orm';
import { chunks } from '../bank/sql-values.js';
import { derive } from '../derived-columns.js';
import { AppError } from '../errors.js';
import { nextTurn } from '../next-turn.js';
import { arrivalSorter } from '../rules/arrival.js';
import { readInt, type JsonColumn } from '../sql/dialect.js';
import type { Executor } from '../sql/executor.js';
import { accountName, findAccount } from './account-store.js';
import { descriptionKey, findDuplicates, foldedKey, type StoredRow } from './dedupe.js';
import { ImportProfiles } from './import-profiles.js';
import type {
  DuplicateRow,
  ImportPreview,
  ImportResult,
  ImportRow,
  StatementImport,
  StatementImportRequest,
  UndoImportResult,
} from './import-model.js';

/** Rows per INSERT … SELECT from one JSON parameter. */
const INSERT_ROWS = 2_000;

const RECORD_COLUMNS: readonly JsonColumn[] = [
  ['d', 'text'],
  ['t', 'text'],
  ['a', 'text'],
  ['c', 'text'],
  ['cs', 'text'],
  ['m', 'text'],
  ['h', 'text'],
  ['tf', 'text'],
  ['mf', 'text'],
  ['i', 'text'],
];

export interface CommitOptions {
  /** Statement rows looked at so far (added or found already there), of all the requests'. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between batches: aborting rolls the whole import back. */
  signal?: AbortSignal;
}

/** Thrown when the signal stops an import: the transaction is rolled back, so nothing was written. */
export function importCancelled(): AppError {
  return new AppError(
    'unavailable',
    'Import cancelled; nothing was written.',
    'Import the file again when you are ready.',
  );
}

function notFound(id: number): AppError {
  return new AppError('not_found', `No statement import with id ${id}.`, 'List them with `spending imports list`.');
}

function readUnreadable(value: unknown): StatementImport['unreadable'] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? (parsed as StatementImport['unreadable']) : [];
}

export class StatementImportStore {
  /** Column mappings saved per bank. */
  readonly profiles: ImportProfiles;

  constructor(private readonly db: Executor) {
    this.profiles = new ImportProfiles(db);
  }

  /** What importing these statements (one file's) would add, and which rows are already there; writes nothing. */
  preview(requests: readonly StatementImportRequest[]): Promise<ImportPreview[]> {
    return this.db.transaction(async (tx) => {
      const previews: ImportPreview[] = [];
      for (const request of requests) previews.push(await classify(tx, request));
      return previews;
    });
  }

  /**
   * Adds the new rows of one file's statements (one per account), sorted by the rules as they arrive, in
   * ONE transaction; each statement is recorded as an import that can be undone.
   */
  commit(requests: readonly StatementImportRequest[], options: CommitOptions = {}): Promise<ImportResult[]> {
    return this.db.transaction(async (tx) => {
      // Two imports at once on PostgreSQL would each find the other's rows missing.
      const lock = tx.dialect.lockForWrite('statement_imports');
      if (lock) await tx.run(lock);
      const progress = { done: 0, total: requests.reduce((n, r) => n + r.rows.length, 0) };
      const results: ImportResult[] = [];
      for (const request of requests) results.push(await commitOne(tx, request, progress, options));
      return results;
    });
  }

  /** Newest first. */
  async list(limit = 50): Promise<StatementImport[]> {
    const d = this.db.dialect;
    const rows = await this.db.all(
      sql`SELECT i.id, i.file_name, i.sha256, i.format, a.name AS account, i.added, i.duplicates, i.unreadable,
            ${d.isoInstant(sql`i.created_at`)} AS created_at
          FROM statement_imports i LEFT JOIN accounts a ON a.id = i.account_id
          ORDER BY i.id DESC LIMIT ${limit}`,
    );
    return rows.map((r) => ({
      id: readInt(r.id),
      fileName: String(r.file_name),
      sha256: String(r.sha256),
      format: String(r.format),
      account: (r.account as string | null) ?? null,
      added: readInt(r.added),
      duplicates: readInt(r.duplicates),
      unreadable: readUnreadable(r.unreadable),
      createdAt: String(r.created_at),
    }));
  }

  /**
   * Removes what the import added (edits made to those rows since go with
   * them), its record, and the account when the import made it and nothing
   * else is in it: the store is as it was before the import.
   */
  undo(id: number): Promise<UndoImportResult> {
    return this.db.transaction(async (tx) => {
      const d = tx.dialect;
      const [row] = await tx.all(
        sql`SELECT account_id, account_created, (SELECT name FROM accounts a WHERE a.id = account_id) AS name
            FROM statement_imports WHERE id = ${id}${d.forUpdate}`,
      );
      if (!row) throw notFound(id);
      const removed = await tx.run(sql`DELETE FROM transactions WHERE statement_import_id = ${id}`);
      await tx.run(sql`DELETE FROM statement_imports WHERE id = ${id}`);
      let accountRemoved: string | null = null;
      if (row.account_id !== null && Boolean(row.account_created)) {
        const accountId = readInt(row.account_id);
        const gone = await tx.run(
          sql`DELETE FROM accounts WHERE id = ${accountId}
                AND NOT EXISTS (SELECT 1 FROM transactions WHERE account_id = ${accountId})
                AND NOT EXISTS (SELECT 1 FROM statement_imports WHERE account_id = ${accountId})`,
        );
        if (gone) accountRemoved = String(row.name);
      }
      return { importId: id, removed, accountRemoved };
    });
  }
}

async function commitOne(
  tx: Executor,
  request: StatementImportRequest,
  progress: { done: number; total: number },
  { onProgress, signal }: CommitOptions,
): Promise<ImportResult> {
  const d = tx.dialect;
  const preview = await classify(tx, request);
  // Rows already there cost nothing more: they count as done before the first batch.
  progress.done += preview.duplicates.length;
  onProgress?.(progress.done, progress.total);
  let accountId: number | null = null;
  let accountCreated = false;
  if (preview.account) {
    const found = await findAccount(tx, preview.account.name);
    if (found) accountId = found.id;
    else {
      const [row] = await tx.all(
        sql`INSERT INTO accounts (name, kind) VALUES (${preview.account.name}, ${request.account?.kind ?? 'current'})
            RETURNING id`,
      );
      accountId = readInt(row?.id);
      accountCreated = true;
    }
  }
  const [created] = await tx.all(
    sql`INSERT INTO statement_imports (file_name, sha256, format, account_id, account_created, added, duplicates, unreadable)
        VALUES (${request.fileName}, ${request.sha256}, ${request.format}, ${accountId}, ${accountCreated},
                ${preview.added.length}, ${preview.duplicates.length}, ${JSON.stringify(preview.unreadable)})
        RETURNING id`,
  );
  const importId = readInt(created?.id);
  const sort = await arrivalSorter(tx, 'import');
  // One JSON parameter per batch: thousands of rows cost one parse in the database, not thousands of parameters.
  const amount = d.name === 'postgres' ? sql`v.a::numeric` : sql`v.a`;
  for (const part of chunks(preview.added, INSERT_ROWS)) {
    if (signal) {
      // better-sqlite3 never yields on its own: give the cancel (and the progress shown) a turn.
      await nextTurn();
      if (signal.aborted) throw importCancelled();
    }
    const records = part.map((r) => {
      const sorted = sort({
        description: r.description,
        pence: r.amountPence,
        date: r.date,
        source: request.fileName,
        category: null,
        merchant: null,
        huququllah: null,
      });
      return {
        d: r.date,
        t: r.description,
        a: d.money(r.amountPence),
        c: sorted.category,
        cs: sorted.categorySource,
        m: sorted.merchant,
        h: sorted.huququllah,
        tf: derive(r.description),
        mf: derive(sorted.merchant),
        i: r.importId ?? null,
      };
    });
    await tx.run(
      sql`INSERT INTO transactions (date, description, amount, category, category_source, merchant, source_file,
            huququllah_classification, description_folded, merchant_folded, account_id, import_id, statement_import_id)
          SELECT ${d.name === 'postgres' ? sql`v.d::date` : sql`v.d`}, v.t, ${amount}, v.c, v.cs, v.m, ${request.fileName},
            v.h, v.tf, v.mf, ${accountId}, v.i, ${importId}
          FROM ${d.jsonRecords(JSON.stringify(records), RECORD_COLUMNS, 'v')}`,
    );
    progress.done += part.length;
    onProgress?.(progress.done, progress.total);
  }
  if (signal?.aborted) throw importCancelled();
  return { ...preview, importId };
}

/** The rows of the request sorted into new and already there, against the store as `tx` sees it. */
async function classify(tx: Executor, request: StatementImportRequest): Promise<ImportPreview> {
  const name = request.account ? accountName(request.account.name) : undefined;
  const account = name === undefined ? undefined : await findAccount(tx, name);
  const stored = await storedRows(tx, request.rows, name === undefined ? undefined : (account?.id ?? null));
  const outcomes = findDuplicates(request.rows, stored);
  const added: ImportRow[] = [];
  const duplicates: DuplicateRow[] = [];
  request.rows.forEach((row, i) => {
    const outcome = outcomes[i];
    if (outcome?.duplicate) duplicates.push({ ...row, transactionId: outcome.transactionId, by: outcome.by });
    else added.push(row);
  });
  const same = await tx.all(sql`SELECT id FROM statement_imports WHERE sha256 = ${request.sha256} ORDER BY id`);
  return {
    fileName: request.fileName,
    account: name === undefined ? null : { name, exists: account !== undefined },
    added,
    duplicates,
    unreadable: [...request.unreadable],
    sameFile: same.map((r) => readInt(r.id)),
  };
}

/**
 * Stored rows in the statement's dates that it may repeat: those of its
 * account, those in no account (the old app, by hand) and those synced from a bank;
 * `accountId` undefined (no account named) looks at every row, null (an
 * account not made yet) at rows in no account.
 */
async function storedRows(
  tx: Executor,
  rows: readonly ImportRow[],
  accountId: number | null | undefined,
): Promise<StoredRow[]> {
  if (!rows.length) return [];
  let from = rows[0]?.date ?? '';
  let to = from;
  for (const r of rows) {
    if (r.date < from) from = r.date;
    if (r.date > to) to = r.date;
  }
  const d = tx.dialect;
  // A synced account's rows are the bank's too: a statement of the same account names it differently.
  const unowned = sql`(t.account_id IS NULL OR t.account_id IN (SELECT id FROM accounts WHERE truelayer_account_id IS NOT NULL))`;
  const scope: SQL =
    accountId === undefined
      ? sql``
      : accountId === null
        ? sql` AND ${unowned}`
        : sql` AND (t.account_id = ${accountId} OR ${unowned})`;
  const found = await tx.values(
    sql`SELECT t.id, t.date, ${d.pence(sql`t.amount`)}, t.description_folded,
          CASE WHEN t.description_folded IS NULL THEN t.description END, t.import_id,
          CASE WHEN EXISTS (SELECT 1 FROM truelayer_transactions r WHERE r.ledger_transaction_id = t.id) THEN 1 ELSE 0 END
        FROM transactions t WHERE t.date >= ${from} AND t.date <= ${to}${scope} ORDER BY t.id`,
  );
  return found.map(([id, date, pence, folded, unfolded, importId, bank]) => ({
    id: readInt(id),
    date: String(date),
    pence: readInt(pence),
    // Rows written by other tools' SQL may not have the folded text yet.
    key: typeof folded === 'string' ? foldedKey(folded) : descriptionKey(typeof unfolded === 'string' ? unfolded : ''),
    importId: typeof importId === 'string' ? importId : null,
    bank: readInt(bank) === 1,
  }));
}
