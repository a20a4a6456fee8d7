// Bank connections, their accounts, balances and transactions, written once
// for both dialects over an Executor. A synced transaction is kept twice: the
// raw row (truelayer_transactions, the bank's view) and its ledger row
// (transactions, the user's view, which the user may edit).
import { sql, type SQL } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Dialect } from '../sql/dialect.js';
import { readInt } from '../sql/dialect.js';
import type { Executor, Row } from '../sql/executor.js';
import type {
  AccountInput,
  AccountRow,
  BalanceInput,
  BalancePoint,
  BankTransaction,
  ConnectionRow,
  ConnectionStatus,
  StoredTokens,
  TransactionWriteCounts,
} from './bank-types.js';
import { categoriser, type KeywordRule } from './keyword-rules.js';
import { ledgerPence } from './ledger-amount.js';

/** Rows per multi-row statement: well under both dialects' parameter limits. */
const CHUNK = 400;

const nowIso = () => new Date().toISOString();

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Driver values as text: strings as they are, numbers and bigints written out. */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
}
const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

/** Bank timestamps without an offset are taken as UTC, so no session time zone can shift them. */
function instant(timestamp: string): string {
  return /(Z|[+-]\d\d:?\d\d)$/.test(timestamp) ? timestamp : `${timestamp}Z`;
}

export interface PendingOAuthState {
  state: string;
  /** Fernet token of the PKCE verifier. */
  codeVerifier: string;
  redirectUri: string;
  nonce: string;
  connectionId: number | null;
  expiresAt: string;
}

export class BankStore {
  private readonly d: Dialect;

  constructor(private readonly db: Executor) {
    this.d = db.dialect;
  }

  // ---- OAuth attempts ----

  async saveOAuthState(p: PendingOAuthState): Promise<void> {
    await this.db.run(
      sql`INSERT INTO oauth_state (state, code_verifier, redirect_uri, nonce, connection_id, expires_at)
          VALUES (${p.state}, ${p.codeVerifier}, ${p.redirectUri}, ${p.nonce}, ${p.connectionId}, ${p.expiresAt})`,
    );
  }

  /** Removes and returns the attempt with this state, once; null when none (or it expired). */
  async takeOAuthState(state: string, now = new Date()): Promise<PendingOAuthState | null> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.all(
        sql`SELECT state, code_verifier, redirect_uri, nonce, connection_id, ${tx.dialect.isoInstant(sql`expires_at`)} AS expires_at
            FROM oauth_state WHERE state = ${state}`,
      );
      if (!row) return null;
      await tx.run(sql`DELETE FROM oauth_state WHERE state = ${state}`);
      const expiresAt = String(row.expires_at);
      if (Date.parse(expiresAt) <= now.getTime()) return null;
      return {
        state,
        codeVerifier: String(row.code_verifier),
        redirectUri: String(row.redirect_uri),
        nonce: String(row.nonce),
        connectionId: row.connection_id === null ? null : readInt(row.connection_id),
        expiresAt,
      };
    });
  }

  async deleteOAuthStates(states: readonly string[]): Promise<void> {
    await this.db.run(
      sql`DELETE FROM oauth_state WHERE state IN (${sql.join(
        states.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  }

  async purgeExpiredOAuthStates(now = new Date()): Promise<number> {
    return this.db.run(sql`DELETE FROM oauth_state WHERE expires_at <= ${now.toISOString()}`);
  }

  // ---- connections ----

  async createConnection(input: { providerId: string; providerName: string | null; scope: string }): Promise<number> {
    const [row] = await this.db.all(
      sql`INSERT INTO bank_connections (user_id, provider_id, provider_name, scope, connection_status)
          VALUES ((SELECT MIN(id) FROM users), ${input.providerId}, ${input.providerName}, ${input.scope}, 'active')
          RETURNING id`,
    );
    return readInt(row?.id);
  }

  async setProvider(id: number, providerId: string, providerName: string | null): Promise<void> {
    await this.db.run(
      sql`UPDATE bank_connections SET provider_id = ${providerId}, provider_name = ${providerName} WHERE id = ${id}`,
    );
  }

  /** A re-linked bank: its new tokens go to the connection that already holds its accounts, and the new row goes. */
  async moveTokens(from: number, to: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(
        sql`UPDATE bank_connections SET (access_token, refresh_token, token_expires_at, scope) =
              (SELECT access_token, refresh_token, token_expires_at, scope FROM bank_connections WHERE id = ${from})
            WHERE id = ${to}`,
      );
      await tx.run(sql`DELETE FROM bank_connections WHERE id = ${from}`);
    });
  }

  /** The connection that already holds one of these accounts of this provider: re-linking a bank reuses it. */
  async findConnectionFor(providerId: string, accountIds: readonly string[]): Promise<number | null> {
    if (!accountIds.length) return null;
    const [row] = await this.db.all(
      sql`SELECT c.id FROM bank_connections c JOIN truelayer_accounts a ON a.connection_id = c.id
          WHERE c.provider_id = ${providerId} AND a.account_id IN (${sql.join(
            accountIds.map((id) => sql`${id}`),
            sql`, `,
          )}) ORDER BY c.id LIMIT 1`,
    );
    return row ? readInt(row.id) : null;
  }

  async listConnections(): Promise<ConnectionRow[]> {
    const rows = await this.db.all(sql`${this.connectionSelect()} ORDER BY id`);
    return rows.map((r) => this.toConnection(r));
  }

  async getConnection(id: number): Promise<ConnectionRow> {
    const [row] = await this.db.all(sql`${this.connectionSelect()} WHERE id = ${id}`);
    if (!row) throw new AppError('not_found', `There is no bank connection ${id}.`);
    return this.toConnection(row);
  }

  private connectionSelect(): SQL {
    const iso = (c: string) => this.d.isoInstant(sql.raw(c));
    return sql`SELECT id, provider_id, provider_name, connection_status, scope, last_error, access_token, refresh_token,
                 ${iso('token_expires_at')} AS token_expires_at, ${iso('consent_expires_at')} AS consent_expires_at,
                 ${iso('last_synced_at')} AS last_synced_at, ${iso('created_at')} AS created_at
               FROM bank_connections`;
  }

  private toConnection(r: Row): ConnectionRow {
    const access = text(r.access_token);
    return {
      id: readInt(r.id),
      providerId: String(r.provider_id),
      providerName: text(r.provider_name),
      status: String(r.connection_status) as ConnectionStatus,
      scope: text(r.scope),
      consentExpiresAt: text(r.consent_expires_at),
      lastSyncedAt: text(r.last_synced_at),
      lastError: text(r.last_error),
      createdAt: text(r.created_at),
      tokens: access
        ? { accessToken: access, refreshToken: text(r.refresh_token), accessExpiresAt: String(r.token_expires_at) }
        : null,
    };
  }

  async saveTokens(id: number, tokens: StoredTokens): Promise<void> {
    await this.db.run(
      sql`UPDATE bank_connections SET access_token = ${tokens.accessToken}, refresh_token = ${tokens.refreshToken},
            token_expires_at = ${tokens.accessExpiresAt}, updated_at = ${nowIso()} WHERE id = ${id}`,
    );
  }

  async clearTokens(id: number): Promise<void> {
    await this.db.run(
      sql`UPDATE bank_connections SET access_token = NULL, refresh_token = NULL, token_expires_at = NULL,
            updated_at = ${nowIso()} WHERE id = ${id}`,
    );
  }

  async setStatus(id: number, status: ConnectionStatus, lastError: string | null): Promise<void> {
    await this.db.run(
      sql`UPDATE bank_connections SET connection_status = ${status}, last_error = ${lastError}, updated_at = ${nowIso()}
          WHERE id = ${id}`,
    );
  }

  async setConsent(id: number, consentExpiresAt: string | null): Promise<void> {
    await this.db.run(sql`UPDATE bank_connections SET consent_expires_at = ${consentExpiresAt} WHERE id = ${id}`);
  }

  async markSynced(id: number, at = new Date()): Promise<void> {
    await this.db.run(
      sql`UPDATE bank_connections SET last_synced_at = ${at.toISOString()}, last_error = NULL WHERE id = ${id}`,
    );
  }

  async log(connectionId: number | null, eventType: string, details: unknown): Promise<void> {
    await this.db.run(
      sql`INSERT INTO connection_logs (connection_id, event_type, details) VALUES (${connectionId}, ${eventType}, ${json(details)})`,
    );
  }

  async listLogs(connectionId: number, limit = 50): Promise<{ eventType: string; details: unknown; at: string }[]> {
    const rows = await this.db.all(
      sql`SELECT event_type, details, ${this.d.isoInstant(sql`created_at`)} AS at FROM connection_logs
          WHERE connection_id = ${connectionId} ORDER BY id DESC LIMIT ${limit}`,
    );
    return rows.map((r) => ({
      eventType: String(r.event_type),
      details: typeof r.details === 'string' ? (JSON.parse(r.details) as unknown) : r.details,
      at: String(r.at),
    }));
  }

  /** Every row of a table, for tests and diagnostics (`table` is a trusted identifier). */
  async rawRows(table: SQL): Promise<Row[]> {
    return this.db.all(sql`SELECT * FROM ${table}`);
  }

  // ---- webhooks ----

  async hasWebhookEvent(eventId: string): Promise<boolean> {
    return (await this.db.all(sql`SELECT 1 FROM webhook_events WHERE event_id = ${eventId}`)).length > 0;
  }

  /** Claims an event id once; false when it was already there (a replay, or a concurrent duplicate). */
  async claimWebhookEvent(eventId: string, signature: string): Promise<boolean> {
    const inserted = await this.db.run(
      sql`INSERT INTO webhook_events (event_id, signature) VALUES (${eventId}, ${signature}) ON CONFLICT (event_id) DO NOTHING`,
    );
    return inserted > 0;
  }

  async saveWebhookEvent(eventId: string, eventType: string, payload: unknown): Promise<void> {
    await this.db.run(
      sql`UPDATE webhook_events SET event_type = ${eventType}, payload = ${json(payload)} WHERE event_id = ${eventId}`,
    );
  }

  // ---- accounts and balances ----

  /** Inserts or refreshes the accounts; resolves to each account_id's row id. */
  async upsertAccounts(connectionId: number, accounts: readonly AccountInput[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    await this.db.transaction(async (tx) => {
      for (const a of accounts) {
        const [row] = await tx.all(
          sql`INSERT INTO truelayer_accounts (connection_id, account_id, kind, account_type, display_name, currency, account_number_json, provider_data)
              VALUES (${connectionId}, ${a.accountId}, ${a.kind}, ${a.accountType}, ${a.displayName}, ${a.currency},
                      ${json(a.accountNumber)}, ${json(a.providerData)})
              ON CONFLICT (connection_id, account_id) DO UPDATE SET kind = excluded.kind, account_type = excluded.account_type,
                display_name = excluded.display_name, currency = excluded.currency,
                account_number_json = excluded.account_number_json, provider_data = excluded.provider_data,
                updated_at = ${nowIso()}
              RETURNING id`,
        );
        ids.set(a.accountId, readInt(row?.id));
      }
    });
    return ids;
  }

  async listAccounts(connectionId?: number): Promise<AccountRow[]> {
    const where = connectionId === undefined ? sql`` : sql`WHERE a.connection_id = ${connectionId}`;
    const rows = await this.db.all(
      sql`SELECT a.id, a.connection_id, a.account_id, a.kind, a.account_type, a.display_name, a.currency,
                 ${this.d.isoInstant(sql`a.last_synced_at`)} AS last_synced_at,
                 b.current_balance, b.available_balance, b.overdraft, b.currency AS balance_currency,
                 ${this.d.isoInstant(sql`b.snapshot_at`)} AS snapshot_at
          FROM truelayer_accounts a
          LEFT JOIN truelayer_balances b ON b.id = (SELECT MAX(id) FROM truelayer_balances WHERE account_id = a.id)
          ${where} ORDER BY a.connection_id, a.kind, a.id`,
    );
    return rows.map((r) => ({
      id: readInt(r.id),
      connectionId: readInt(r.connection_id),
      accountId: String(r.account_id),
      kind: r.kind === 'card' ? 'card' : 'account',
      accountType: text(r.account_type),
      displayName: text(r.display_name),
      currency: text(r.currency),
      lastSyncedAt: text(r.last_synced_at),
      balance: r.snapshot_at === null ? null : this.toBalance(r, 'balance_currency'),
    }));
  }

  async addBalance(accountRowId: number, b: BalanceInput, at = new Date()): Promise<void> {
    const m = (p: number | null) => (p === null ? null : this.d.money(p));
    await this.db.run(
      sql`INSERT INTO truelayer_balances (account_id, current_balance, available_balance, overdraft, currency, snapshot_at)
          VALUES (${accountRowId}, ${m(b.currentPence)}, ${m(b.availablePence)}, ${m(b.overdraftPence)}, ${b.currency}, ${at.toISOString()})`,
    );
  }

  async balanceHistory(accountRowId: number): Promise<BalancePoint[]> {
    const rows = await this.db.all(
      sql`SELECT current_balance, available_balance, overdraft, currency, ${this.d.isoInstant(sql`snapshot_at`)} AS snapshot_at
          FROM truelayer_balances WHERE account_id = ${accountRowId} ORDER BY snapshot_at, id`,
    );
    return rows.map((r) => this.toBalance(r, 'currency'));
  }

  private toBalance(r: Row, currencyColumn: string): BalancePoint {
    const m = (v: unknown) => (v === null || v === undefined ? null : this.d.readMoney(v));
    return {
      currentPence: m(r.current_balance),
      availablePence: m(r.available_balance),
      overdraftPence: m(r.overdraft),
      currency: text(r[currencyColumn]),
      at: String(r.snapshot_at),
    };
  }

  async markAccountSynced(accountRowId: number, at = new Date()): Promise<void> {
    await this.db.run(
      sql`UPDATE truelayer_accounts SET last_synced_at = ${at.toISOString()} WHERE id = ${accountRowId}`,
    );
  }

  // ---- transactions ----

  /**
   * Upserts settled transactions by dedupe key in one database transaction.
   * New ones also get a ledger row, categorised by the keyword rules. For known
   * ones the raw row takes the bank's latest text and amount, and the ledger
   * row follows only in the fields the user has not changed since.
   */
  async writeTransactions(
    accountRowId: number,
    source: string,
    txs: readonly BankTransaction[],
  ): Promise<TransactionWriteCounts> {
    const counts: TransactionWriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
    if (!txs.length) return counts;
    const unique = [...new Map(txs.map((t) => [t.dedupeKey, t])).values()];
    await this.db.transaction(async (tx) => {
      const rules = await tx.all<{ category_name: string; keyword: string }>(
        sql`SELECT category_name, keyword FROM category_keywords`,
      );
      const categorise = categoriser(
        rules.map((r): KeywordRule => ({ category: r.category_name, keyword: r.keyword })),
      );
      for (const part of chunks(unique)) {
        const existing = new Map<string, Row>();
        const found = await tx.all(
          sql`SELECT id, normalised_provider_transaction_id AS dedupe_key, transaction_id, description, amount, booking_date,
                     transaction_type, ledger_transaction_id FROM truelayer_transactions
              WHERE normalised_provider_transaction_id IN (${sql.join(
                part.map((t) => sql`${t.dedupeKey}`),
                sql`, `,
              )})`,
        );
        for (const row of found) existing.set(String(row.dedupe_key), row);
        const fresh = part.filter((t) => !existing.has(t.dedupeKey));
        for (const t of part) {
          const row = existing.get(t.dedupeKey);
          if (row && (await this.refresh(tx, row, t))) counts.updated++;
          else if (row) counts.unchanged++;
        }
        if (fresh.length) await this.insertFresh(tx, accountRowId, source, fresh, categorise);
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
    categorise: (text: string) => string,
  ): Promise<void> {
    const d = tx.dialect;
    const ledgerIds = await reserveLedgerIds(tx, fresh.length);
    await tx.run(
      sql`INSERT INTO transactions (id, date, description, amount, category, merchant, source_file) VALUES ${sql.join(
        fresh.map(
          (t, i) =>
            sql`(${ledgerIds[i]}, ${t.bookingDate}, ${t.description}, ${d.money(t.ledgerPence)},
                 ${categorise(`${t.description} ${t.merchantName ?? ''}`)}, ${t.merchantName}, ${source})`,
        ),
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
        sql`UPDATE transactions SET description = ${t.description} WHERE id = ${ledger} AND description = ${oldDescription}`,
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

  async transactionTotals(accountRowId: number): Promise<{ count: number; ledgerPence: number }> {
    const [row] = await this.db.all(
      sql`SELECT COUNT(*) AS n, ${this.d.sumPence(sql`t.amount`)} AS total FROM truelayer_transactions r
          JOIN transactions t ON t.id = r.ledger_transaction_id WHERE r.account_id = ${accountRowId}`,
    );
    return { count: readInt(row?.n), ledgerPence: readInt(row?.total) };
  }
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
