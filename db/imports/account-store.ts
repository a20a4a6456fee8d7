// Accounts: made by the first statement import that names one, by the user, or by bank sync (one per
// synced account). Every transaction may belong to one; the old app's rows belong to none.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, invalidInput } from '../errors.js';
import { text } from '../bank/sql-values.js';
import { readInt } from '../sql/dialect.js';
import { ConstraintError, type Executor, type Row } from '../sql/executor.js';
import { AccountName, AccountRename, NewAccount, type Account } from './account-model.js';
import { ACCOUNT_KINDS, type AccountKind } from './import-model.js';

/** An account name as typed, checked: the CLI and the import screen both pass through here. */
export function accountName(name: string): string {
  const parsed = AccountName.safeParse(name);
  if (parsed.success) return parsed.data;
  throw new AppError(
    'invalid_input',
    `${parsed.error.issues[0]?.message ?? 'That is not an account name'}.`,
    'Give the account a short name, such as "Santander current".',
    'account',
  );
}

export function isAccountKind(kind: string): kind is AccountKind {
  return (ACCOUNT_KINDS as readonly string[]).includes(kind);
}

/** The account's row, found by name; none when there is no such account. */
export async function findAccount(tx: Executor, name: string): Promise<{ id: number; kind: AccountKind } | undefined> {
  const [row] = await tx.all(sql`SELECT id, kind FROM accounts WHERE name = ${name}`);
  return row ? { id: readInt(row.id), kind: String(row.kind) as AccountKind } : undefined;
}

/**
 * Gives each synced account of the connection that has none its account, named as the bank names it
 * with the bank beside it ("Current Account (Monzo)"); migration 0013_accounts named those synced before the
 * same way. The user may rename it; a later sync keeps the user's name.
 */
export async function openSyncedAccounts(tx: Executor, connectionId: number): Promise<void> {
  const fresh = await tx.all(
    sql`SELECT ta.id, ta.kind, ta.account_type, ta.display_name, c.provider_name
        FROM truelayer_accounts ta JOIN bank_connections c ON c.id = ta.connection_id
        WHERE ta.connection_id = ${connectionId}
          AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.truelayer_account_id = ta.id)
        ORDER BY ta.id`,
  );
  for (const row of fresh) {
    const shown = typeof row.display_name === 'string' && row.display_name.trim() ? row.display_name.trim() : '';
    const bank = typeof row.provider_name === 'string' ? ` (${row.provider_name})` : '';
    const base = `${shown || 'Bank account'}${bank}`.slice(0, 90);
    const name = await freeName(tx, base, readInt(row.id));
    const kind: AccountKind =
      row.kind === 'card'
        ? 'credit_card'
        : String(row.account_type).toUpperCase() === 'SAVINGS'
          ? 'savings'
          : 'current';
    await tx.run(
      sql`INSERT INTO accounts (name, kind, truelayer_account_id) VALUES (${name}, ${kind}, ${readInt(row.id)})`,
    );
  }
  // Rows that were synced before their account had one (brought from the old app) join it now.
  if (fresh.length)
    await tx.run(
      sql`UPDATE transactions SET account_id = (
            SELECT a.id FROM truelayer_transactions tt JOIN accounts a ON a.truelayer_account_id = tt.account_id
            WHERE tt.ledger_transaction_id = transactions.id
          )
          WHERE account_id IS NULL AND id IN (
            SELECT tt.ledger_transaction_id FROM truelayer_transactions tt
            JOIN truelayer_accounts ta ON ta.id = tt.account_id WHERE ta.connection_id = ${connectionId}
          )`,
    );
}

async function freeName(tx: Executor, base: string, rowId: number): Promise<string> {
  for (let n = 0; ; n++) {
    const name = n === 0 ? base : n === 1 ? `${base} ${rowId}` : `${base} ${rowId}-${n}`;
    if (!(await findAccount(tx, name))) return name;
  }
}

/** The account a synced account's transactions go into. */
export async function syncedAccountId(tx: Executor, truelayerAccountRowId: number): Promise<number | null> {
  const [row] = await tx.all(sql`SELECT id FROM accounts WHERE truelayer_account_id = ${truelayerAccountRowId}`);
  return row ? readInt(row.id) : null;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  return parsed.data;
}

function nameTaken(name: string): AppError {
  return new AppError('conflict', `There is already an account called “${name}”.`, 'Choose another name.', 'name');
}

export class AccountStore {
  constructor(private readonly db: Executor) {}

  /** Every account with its balance, transaction count and when a statement or the bank last brought rows. */
  async list(): Promise<Account[]> {
    return (await this.db.all(this.listQuery())).map((r) => this.toAccount(r));
  }

  private listQuery(id?: number) {
    const d = this.db.dialect;
    return sql`SELECT a.id, a.name, a.kind, ${d.isoInstant(sql`a.created_at`)} AS created_at,
          COALESCE(s.n, 0) AS n, COALESCE(s.total, 0) AS total,
          (SELECT ${d.isoInstant(sql`MAX(i.created_at)`)} FROM statement_imports i WHERE i.account_id = a.id) AS last_import,
          ${d.isoInstant(sql`ta.last_synced_at`)} AS last_sync, ta.connection_id, c.provider_name,
          b.current_balance, ${d.isoInstant(sql`b.snapshot_at`)} AS balance_at
        FROM accounts a
        LEFT JOIN (
          SELECT account_id, COUNT(*) AS n, ${d.sumPence(sql`amount`)} AS total
          FROM transactions WHERE account_id IS NOT NULL GROUP BY account_id
        ) s ON s.account_id = a.id
        LEFT JOIN truelayer_accounts ta ON ta.id = a.truelayer_account_id
        LEFT JOIN bank_connections c ON c.id = ta.connection_id
        LEFT JOIN truelayer_balances b ON b.id = (SELECT MAX(id) FROM truelayer_balances WHERE account_id = ta.id)
        ${id === undefined ? sql`` : sql`WHERE a.id = ${id}`}
        ORDER BY a.name, a.id`;
  }

  private toAccount(r: Row): Account {
    const d = this.db.dialect;
    const fromBank = r.current_balance !== null && r.current_balance !== undefined;
    return {
      id: readInt(r.id),
      name: String(r.name),
      kind: String(r.kind) as AccountKind,
      transactions: readInt(r.n),
      balancePence: fromBank ? d.readMoney(r.current_balance) : readInt(r.total),
      balanceFrom: fromBank ? 'bank' : 'transactions',
      balanceAt: fromBank ? text(r.balance_at) : null,
      lastImportAt: text(r.last_import),
      lastSyncAt: text(r.last_sync),
      bank:
        r.connection_id === null || r.connection_id === undefined
          ? null
          : { connectionId: readInt(r.connection_id), providerName: text(r.provider_name) },
      createdAt: String(r.created_at),
    };
  }

  async get(id: number): Promise<Account> {
    const [row] = await this.db.all(this.listQuery(id));
    if (!row)
      throw new AppError('not_found', `No account with id ${id}.`, 'Refresh the list; it may have been removed.');
    return this.toAccount(row);
  }

  /** An account for statements or entries by hand. */
  async create(input: z.input<typeof NewAccount>): Promise<Account> {
    const { name, kind } = parse(NewAccount, input);
    const [row] = await this.uniqueName(name, () =>
      this.db.all(sql`INSERT INTO accounts (name, kind) VALUES (${name}, ${kind}) RETURNING id`),
    );
    return this.get(readInt(row?.id));
  }

  /** Statements and imports name it by its new name from now on; its transactions stay in it. */
  async rename(input: z.input<typeof AccountRename>): Promise<Account> {
    const { id, name } = parse(AccountRename, input);
    await this.uniqueName(name, () => this.db.run(sql`UPDATE accounts SET name = ${name} WHERE id = ${id}`));
    return this.get(id);
  }

  private async uniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ConstraintError && error.kind === 'unique') throw nameTaken(name);
      throw error;
    }
  }
}
