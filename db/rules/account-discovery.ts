// "Discover" (FINANCE.md 2): the `ACCOUNT <sort code> <account number>`
// payments in descriptions whose account has no name yet, most frequent
// first, each with a sample, so naming one is a click.
import { sql } from 'drizzle-orm';
import { foldForSearch } from '../search-fold.js';
import type { Executor } from '../sql/executor.js';
import { readInt } from '../sql/dialect.js';
import { ACCOUNT_PATTERN } from './merchant-cleanup.js';
import type { UnnamedAccount } from './rule-model.js';
import { sampleRows } from './rule-runs.js';

const SAMPLE = 3;

export async function unnamedAccounts(db: Executor, limit = 50): Promise<UnnamedAccount[]> {
  const d = db.dialect;
  // The search column narrows the rows in the database; the pattern then reads only those.
  const rows = await db.all(
    sql`SELECT id, description FROM transactions WHERE ${d.contains(sql`description_folded`, foldForSearch('account '))}
        ORDER BY id`,
  );
  const named = new Set(
    (await db.all(sql`SELECT sort_code, account_number FROM account_mappings`)).map(
      (m) => `${String(m.sort_code)} ${String(m.account_number)}`,
    ),
  );
  const found = new Map<string, { sortCode: string; accountNumber: string; count: number; ids: number[] }>();
  for (const row of rows) {
    const [, sortCode, accountNumber] = ACCOUNT_PATTERN.exec(String(row.description)) ?? [];
    if (!sortCode || !accountNumber || named.has(`${sortCode} ${accountNumber}`)) continue;
    const key = `${sortCode} ${accountNumber}`;
    const seen = found.get(key) ?? { sortCode, accountNumber, count: 0, ids: [] };
    seen.count++;
    if (seen.ids.length < SAMPLE) seen.ids.push(readInt(row.id));
    found.set(key, seen);
  }
  const top = [...found.values()]
    .sort(
      (a, b) =>
        b.count - a.count || a.sortCode.localeCompare(b.sortCode) || a.accountNumber.localeCompare(b.accountNumber),
    )
    .slice(0, limit);
  const samples = new Map(
    (
      await sampleRows(
        db,
        top.flatMap((a) => a.ids),
      )
    ).map((r) => [r.id, r]),
  );
  return top.map(({ ids, ...account }) => ({ ...account, sample: ids.flatMap((id) => samples.get(id) ?? []) }));
}
