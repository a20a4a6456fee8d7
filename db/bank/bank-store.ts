// Linked banks, written once for both dialects over an Executor: connections
// (tokens only as Fernet tokens), their accounts and balance snapshots, the
// sync log and relayed webhooks. Link attempts and synced transactions have
// their own repositories (oauth-states.ts, bank-transactions.ts).
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
  ConnectionRow,
  ConnectionStatus,
  StoredTokens,
} from './bank-types.js';
import { openSyncedAccounts } from '../imports/account-store.js';
import { BankTransactions } from './bank-transactions.js';
import { OAuthStates } from './oauth-states.js';
import { json, nowIso, text } from './sql-values.js';

export class BankStore {
  private readonly d: Dialect;
  readonly oauth: OAuthStates;
  readonly transactions: BankTransactions;

  constructor(private readonly db: Executor) {
    this.d = db.dialect;
    this.oauth = new OAuthStates(db);
    this.transactions = new BankTransactions(db);
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

  /**
   * Stores a rotated pair, only while the connection still holds tokens: a
   * disconnect (perhaps by another process) that wiped them is never undone.
   */
  async replaceTokens(id: number, tokens: StoredTokens): Promise<boolean> {
    const changed = await this.db.run(
      sql`UPDATE bank_connections SET access_token = ${tokens.accessToken}, refresh_token = ${tokens.refreshToken},
            token_expires_at = ${tokens.accessExpiresAt}, updated_at = ${nowIso()}
          WHERE id = ${id} AND refresh_token IS NOT NULL`,
    );
    return changed > 0;
  }

  /**
   * Takes the right to use the connection's refresh token for `seconds`, by
   * the database's clock: 'claimed' when nobody had it, 'taken-over' when the
   * previous holder's time was up (it crashed, or is still waiting on TrueLayer
   * far beyond any timeout), 'held' when someone else has it now.
   */
  async claimTokenLease(id: number, holder: string, seconds: number): Promise<'claimed' | 'taken-over' | 'held'> {
    const claim = (free: SQL) =>
      this.db.run(
        sql`UPDATE bank_connections SET token_lease_holder = ${holder}, token_lease_expires_at = ${this.d.instantIn(seconds)}
            WHERE id = ${id} AND ${free}`,
      );
    // Its own lease too: one a failed release left behind.
    if ((await claim(sql`(token_lease_holder IS NULL OR token_lease_holder = ${holder})`)) > 0) return 'claimed';
    if ((await claim(sql`token_lease_expires_at <= ${this.d.instantIn(0)}`)) > 0) return 'taken-over';
    return 'held';
  }

  /** Gives the lease back, if `holder` still has it. */
  async releaseTokenLease(id: number, holder: string): Promise<void> {
    await this.db.run(
      sql`UPDATE bank_connections SET token_lease_holder = NULL, token_lease_expires_at = NULL
          WHERE id = ${id} AND token_lease_holder = ${holder}`,
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

  /**
   * Marks an active connection "needs reconnect". With `refusedRefresh` (the
   * Fernet token of the refresh token TrueLayer refused) only while that is
   * still the stored one: a pair stored since, or a disconnect, wins.
   */
  async markNeedsReconnect(id: number, lastError: string, refusedRefresh?: string): Promise<boolean> {
    const stillRefused = refusedRefresh === undefined ? sql`` : sql` AND refresh_token = ${refusedRefresh}`;
    const changed = await this.db.run(
      sql`UPDATE bank_connections SET connection_status = 'authorization_required', last_error = ${lastError},
            updated_at = ${nowIso()}
          WHERE id = ${id} AND connection_status = 'active'${stillRefused}`,
    );
    return changed > 0;
  }

  /** Records a failure without touching the status another process may be changing. */
  async setLastError(id: number, lastError: string): Promise<void> {
    await this.db.run(
      sql`UPDATE bank_connections SET last_error = ${lastError}, updated_at = ${nowIso()} WHERE id = ${id}`,
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

  /**
   * Keeps a verified event, whole, in one statement; false when its id was
   * already there (a replay, or a concurrent duplicate). Claiming and saving
   * apart could leave a claimed id with no event, refusing TrueLayer's retry.
   */
  async recordWebhookEvent(event: {
    eventId: string;
    eventType: string;
    payload: unknown;
    signature: string;
  }): Promise<boolean> {
    const inserted = await this.db.run(
      sql`INSERT INTO webhook_events (event_id, signature, event_type, payload)
          VALUES (${event.eventId}, ${event.signature}, ${event.eventType}, ${json(event.payload)})
          ON CONFLICT (event_id) DO NOTHING`,
    );
    return inserted > 0;
  }

  // ---- accounts and balances ----

  /** Inserts or refreshes the accounts, each with its account in the ledger; resolves to each account_id's row id. */
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
      await openSyncedAccounts(tx, connectionId);
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
}
