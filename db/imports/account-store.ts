// Accounts that statements are imported into. Made by the first import that
// names one (or by hand later); each imported row keeps its account.
import { sql } from 'drizzle-orm';
import { AppError } from '../errors.js';
import { readInt } from '../sql/dialect.js';
import type { Executor } from '../sql/executor.js';
import { ACCOUNT_KINDS, type Account, type AccountKind } from './import-model.js';

const NAME_LIMIT = 100;

/** An account name as typed, checked: the CLI and the import screen both pass through here. */
export function accountName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > NAME_LIMIT) {
    throw new AppError(
      'invalid_input',
      trimmed ? `An account name can be at most ${NAME_LIMIT} characters long.` : 'The account name is empty.',
      'Give the account a short name, such as "Santander current".',
      'account',
    );
  }
  return trimmed;
}

export function isAccountKind(kind: string): kind is AccountKind {
  return (ACCOUNT_KINDS as readonly string[]).includes(kind);
}

/** The account's row, found by name; none when there is no such account. */
export async function findAccount(tx: Executor, name: string): Promise<{ id: number; kind: AccountKind } | undefined> {
  const [row] = await tx.all(sql`SELECT id, kind FROM accounts WHERE name = ${name}`);
  return row ? { id: readInt(row.id), kind: String(row.kind) as AccountKind } : undefined;
}

export class AccountStore {
  constructor(private readonly db: Executor) {}

  async list(): Promise<Account[]> {
    const d = this.db.dialect;
    const rows = await this.db.all(
      sql`SELECT a.id, a.name, a.kind, ${d.isoInstant(sql`a.created_at`)} AS created_at,
            (SELECT COUNT(*) FROM transactions t WHERE t.account_id = a.id) AS n
          FROM accounts a ORDER BY a.name, a.id`,
    );
    return rows.map((r) => ({
      id: readInt(r.id),
      name: String(r.name),
      kind: String(r.kind) as AccountKind,
      transactions: readInt(r.n),
      createdAt: String(r.created_at),
    }));
  }
}
