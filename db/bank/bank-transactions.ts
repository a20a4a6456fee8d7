// Synced transactions, kept twice: the raw row (truelayer_transactions, the
// bank's view) and its ledger row (transactions, the user's view, which the
// user may edit). Pending ones live apart and are rebuilt on each fetch.
import { sql } from 'drizzle-orm';
import { derive } from '../derived-columns.js';
import { syncedAccountId } from '../imports/account-store.js';
import type { Dialect } from '../sql/dialect.js';
import { readInt } from '../sql/dialect.js';
import type { Executor, Row } from '../sql/executor.js';
import type { BankTransaction, TransactionWriteCounts } from './bank-types.js';
import { arrivalSorter, type ArrivedRow, type ArrivingRow } from '../rules/arrival.js';
import { ledgerPence } from './ledger-amount.js';
import { chunks, instant, json, text } from './sql-values.js';

export class BankTransactions {
  private readonly d: Dialect;

  constructor(private readonly db: Executor) {
    this.d = db.dialect;
  }

  /**
   * Upserts settled transactions by dedupe key in one database transaction.
   * New ones also get a ledger row, sorted by the rules (db/rules/arrival.ts). For known
   * ones the raw row takes the bank's latest text and amount, and the ledger
   * row follows only in the fields the user has not changed since.
   */
  async write(accountRowId: number, source: string, txs: readonly BankTransaction[]): Promise<TransactionWriteCounts> {
    const counts: TransactionWriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
    if (!txs.length) return counts;
    const unique = [...new Map(txs.map((t) => [t.dedupeKey, t])).values()];
    await this.db.transaction(async (tx) => {
      await lockAccount(tx, accountRowId);
      const sort = await arrivalSorter(tx, 'bank');
      for (const part of chunks(unique)) {
        const existing = new Map<string, Row>();
        const keys = part.flatMap((t) => [t.dedupeKey, scopedKey(accountRowId, t.dedupeKey)]);
        const found = await tx.all(
          sql`SELECT id, normalised_provider_transaction_id AS dedupe_key, transaction_id, description, amount, booking_date,
                     transaction_type, ledger_transaction_id FROM truelayer_transactions
              WHERE account_id = ${accountRowId} AND normalised_provider_transaction_id IN (${sql.join(
                keys.map((k) => sql`${k}`),
                sql`, `,
              )})`,
        );
        for (const row of found) existing.set(unscopedKey(accountRowId, String(row.dedupe_key)), row);
        const fresh = part.filter((t) => !existing.has(t.dedupeKey));
        for (const t of part) {
          const row = existing.get(t.dedupeKey);
          if (row && (await this.refresh(tx, row, t))) counts.updated++;
          else if (row) counts.unchanged++;
        }
        if (fresh.length) {
          await this.insertFresh(tx, accountRowId, source, await keysFreeOf(tx, accountRowId, fresh), sort);
        }
        counts.inserted += fresh.length;
      }
    });
    return counts;
  }

  private async insertFresh(
    tx: Executor,
    accountRowId: number,
    source: string,
    fresh: readonly BankTransaction[],
    sort: (row: ArrivingRow) => ArrivedRow,
  ): Promise<void> {
    const d = tx.dialect;
    const ledgerIds = await reserveLedgerIds(tx, fresh.length);
    const accountId = await syncedAccountId(tx, accountRowId);
    await tx.run(
      sql`INSERT INTO transactions (id, date, description, amount, category, category_source, merchant, source_file,
            description_folded, merchant_folded, account_id)
          VALUES ${sql.join(
            fresh.map((t, i) => {
              const sorted = sort({
                description: t.description,
                pence: t.ledgerPence,
                date: t.bookingDate,
                source,
                category: null,
                merchant: t.merchantName,
                huququllah: null,
              });
              return sql`(${ledgerIds[i]}, ${t.bookingDate}, ${t.description}, ${d.money(t.ledgerPence)},
                 ${sorted.category}, ${sorted.categorySource}, ${sorted.merchant}, ${source},
                 ${derive(t.description)}, ${derive(sorted.merchant)}, ${accountId})`;
            }),
            sql`, `,
          )}`,
    );
    await tx.run(
      sql`INSERT INTO truelayer_transactions (account_id, transaction_id, normalised_provider_transaction_id, provider_transaction_id,
            timestamp, booking_date, description, amount, currency, transaction_type, transaction_category, merchant_name,
            running_balance, metadata, ledger_transaction_id) VALUES ${sql.join(
              fresh.map(
                (t, i) =>
                  sql`(${accountRowId}, ${t.transactionId}, ${t.dedupeKey}, ${t.providerTransactionId}, ${instant(t.timestamp)},
                       ${t.bookingDate}, ${t.description}, ${d.money(t.amountPence)}, ${t.currency}, ${t.transactionType},
                       ${t.transactionCategory}, ${t.merchantName},
                       ${t.runningBalancePence === null ? null : d.money(t.runningBalancePence)}, ${json(t.metadata)},
                       ${ledgerIds[i]})`,
              ),
              sql`, `,
            )}`,
    );
  }

  /** Brings a known raw row up to date; the ledger row follows field by field where it still shows the bank's old value. */
  private async refresh(tx: Executor, row: Row, t: BankTransaction): Promise<boolean> {
    const d = tx.dialect;
    const oldAmount = d.readMoney(row.amount);
    const oldDescription = text(row.description) ?? '';
    const oldDate = text(row.booking_date) ?? '';
    const textChanged = oldDescription !== t.description;
    const amountChanged = oldAmount !== t.amountPence;
    const dateChanged = oldDate !== t.bookingDate;
    const typeChanged = text(row.transaction_type) !== t.transactionType;
    const idChanged = text(row.transaction_id) !== t.transactionId;
    if (!textChanged && !amountChanged && !dateChanged && !idChanged && !typeChanged) return false;
    await tx.run(
      sql`UPDATE truelayer_transactions SET transaction_id = ${t.transactionId}, description = ${t.description},
            amount = ${d.money(t.amountPence)}, transaction_type = ${t.transactionType}, booking_date = ${t.bookingDate}, timestamp = ${instant(t.timestamp)},
            merchant_name = ${t.merchantName}, metadata = ${json(t.metadata)}
          WHERE id = ${readInt(row.id)}`,
    );
    const ledger = row.ledger_transaction_id === null ? null : readInt(row.ledger_transaction_id);
    if (ledger === null) return true;
    if (textChanged)
      await tx.run(
        sql`UPDATE transactions SET description = ${t.description}, description_folded = ${derive(t.description)}
            WHERE id = ${ledger} AND description = ${oldDescription}`,
      );
    if (amountChanged || typeChanged) {
      const oldLedger = ledgerPence(text(row.transaction_type), oldAmount);
      await tx.run(
        sql`UPDATE transactions SET amount = ${d.money(t.ledgerPence)} WHERE id = ${ledger} AND amount = ${d.money(oldLedger)}`,
      );
    }
    if (dateChanged)
      await tx.run(sql`UPDATE transactions SET date = ${t.bookingDate} WHERE id = ${ledger} AND date = ${oldDate}`);
    return true;
  }

  /** Replaces the account's pending set with what the bank reports now. */
  async replacePending(accountRowId: number, pending: readonly BankTransaction[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      const d = tx.dialect;
      await lockAccount(tx, accountRowId);
      await tx.run(sql`DELETE FROM truelayer_pending_transactions WHERE account_id = ${accountRowId}`);
      for (const part of chunks(pending)) {
        await tx.run(
          sql`INSERT INTO truelayer_pending_transactions (account_id, transaction_id, timestamp, booking_date, description, amount,
                currency, transaction_type, transaction_category, merchant_name, metadata) VALUES ${sql.join(
                  part.map(
                    (t) =>
                      sql`(${accountRowId}, ${t.transactionId}, ${instant(t.timestamp)}, ${t.bookingDate}, ${t.description},
                           ${d.money(t.amountPence)}, ${t.currency}, ${t.transactionType}, ${t.transactionCategory},
                           ${t.merchantName}, ${json(t.metadata)})`,
                  ),
                  sql`, `,
                )}`,
        );
      }
    });
  }

  async listPending(
    accountRowId: number,
  ): Promise<{ bookingDate: string; description: string; ledgerPence: number }[]> {
    const rows = await this.db.all(
      sql`SELECT booking_date, description, amount, transaction_type FROM truelayer_pending_transactions
          WHERE account_id = ${accountRowId} ORDER BY booking_date DESC, id`,
    );
    return rows.map((r) => ({
      bookingDate: String(r.booking_date),
      description: text(r.description) ?? '',
      ledgerPence: ledgerPence(text(r.transaction_type), this.d.readMoney(r.amount)),
    }));
  }

  /** The newest booking date stored for the account: where an incremental sync resumes. */
  async latestBookingDate(accountRowId: number): Promise<string | null> {
    const [row] = await this.db.all(
      sql`SELECT MAX(booking_date) AS latest FROM truelayer_transactions WHERE account_id = ${accountRowId}`,
    );
    return text(row?.latest);
  }

  async totals(accountRowId: number): Promise<{ count: number; ledgerPence: number }> {
    const [row] = await this.db.all(
      sql`SELECT COUNT(*) AS n, ${this.d.sumPence(sql`t.amount`)} AS total FROM truelayer_transactions r
          JOIN transactions t ON t.id = r.ledger_transaction_id WHERE r.account_id = ${accountRowId}`,
    );
    return { count: readInt(row?.n), ledgerPence: readInt(row?.total) };
  }
}

/**
 * Makes writers of one account's transactions take turns (another process
 * syncing the same bank, another computer on the same PostgreSQL database):
 * one that read the account's rows before another committed would insert them
 * again, or fail on their dedupe keys.
 */
async function lockAccount(tx: Executor, accountRowId: number): Promise<void> {
  await tx.all(sql`SELECT id FROM truelayer_accounts WHERE id = ${accountRowId}${tx.dialect.forUpdate}`);
}

/*
 * Dedupe keys are unique across the table (the old app's schema), but a
 * provider's normalised id is only promised unique within its account. A key
 * another account already holds is stored in this account's scoped form, so
 * neither account's rows can overwrite the other's.
 */
const scopedKey = (accountRowId: number, key: string) => `acct:${accountRowId}:${key}`;

function unscopedKey(accountRowId: number, key: string): string {
  const prefix = scopedKey(accountRowId, '');
  return key.startsWith(prefix) ? key.slice(prefix.length) : key;
}

async function keysFreeOf(
  tx: Executor,
  accountRowId: number,
  fresh: readonly BankTransaction[],
): Promise<BankTransaction[]> {
  const taken = new Set(
    (
      await tx.all(
        sql`SELECT normalised_provider_transaction_id AS dedupe_key FROM truelayer_transactions
            WHERE normalised_provider_transaction_id IN (${sql.join(
              fresh.map((t) => sql`${t.dedupeKey}`),
              sql`, `,
            )})`,
      )
    ).map((r) => String(r.dedupe_key)),
  );
  return fresh.map((t) => (taken.has(t.dedupeKey) ? { ...t, dedupeKey: scopedKey(accountRowId, t.dedupeKey) } : t));
}

/** Ledger ids for rows about to be inserted, taken from the id sequence so ledger and raw rows link in one pass. */
async function reserveLedgerIds(tx: Executor, n: number): Promise<number[]> {
  if (tx.dialect.name === 'postgres') {
    const rows = await tx.all(
      sql`SELECT nextval(pg_get_serial_sequence('transactions', 'id')) AS id FROM generate_series(1, ${n})`,
    );
    return rows.map((r) => readInt(r.id));
  }
  // SQLite: the write transaction holds the lock, so nobody else takes ids meanwhile.
  const [row] = await tx.all(
    sql`SELECT MAX(COALESCE((SELECT MAX(id) FROM transactions), 0),
                   COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'transactions'), 0)) AS top`,
  );
  const top = readInt(row?.top);
  return Array.from({ length: n }, (_, i) => top + i + 1);
}
