// New rows (added by hand, synced from a bank, imported from a statement) are
// sorted as they arrive: a merchant from the description when none came with
// it, then the rules, inside the transaction that writes them.
import { sql } from 'drizzle-orm';
import type { HUQUQULLAH_CLASSES } from '../model.js';
import type { Executor } from '../sql/executor.js';
import { compileRules } from './matcher.js';
import { merchantCleaner } from './merchant-cleanup.js';
import { readRules } from './rule-rows.js';

export type CategorySource = 'manual' | 'rule' | 'import' | 'bank';
type HuququllahClass = (typeof HUQUQULLAH_CLASSES)[number];

export interface ArrivingRow {
  description: string;
  pence: number;
  date: string;
  /** source_file: a statement's name, "TrueLayer: …" for bank rows, null for rows added by hand. */
  source: string | null;
  /** What came with the row; null lets the rules (and the merchant clean-up) decide. */
  category: string | null;
  merchant: string | null;
  huququllah: HuququllahClass | null;
}

export interface ArrivedRow {
  category: string | null;
  categorySource: CategorySource | null;
  merchant: string | null;
  huququllah: HuququllahClass | null;
}

/**
 * Reads the rules and account names once, for a batch of rows. `given` is
 * what a category that came with a row counts as (typed by the user: manual).
 */
export async function arrivalSorter(tx: Executor, given: CategorySource): Promise<(row: ArrivingRow) => ArrivedRow> {
  const [rules, accounts] = await Promise.all([
    readRules(tx),
    tx.all<{ sort_code: string; account_number: string; friendly_name: string }>(
      sql`SELECT sort_code, account_number, friendly_name FROM account_mappings`,
    ),
  ]);
  const compiled = compileRules(rules);
  const cleanMerchant = merchantCleaner(
    accounts.map((a) => ({ sortCode: a.sort_code, accountNumber: a.account_number, friendlyName: a.friendly_name })),
  );
  return (row) => {
    const merchant = row.merchant ?? cleanMerchant(row.description);
    const hit = compiled.match({ ...row, merchant });
    const byRule = (index: number) => (index < 0 ? undefined : rules[index]);
    const categoryRule = byRule(hit.category);
    const huququllahRule = row.pence < 0 ? byRule(hit.huququllah) : undefined;
    return {
      category: row.category ?? categoryRule?.setCategory ?? null,
      categorySource: row.category !== null ? given : categoryRule ? 'rule' : null,
      merchant: row.merchant ?? byRule(hit.merchant)?.setMerchant ?? merchant,
      huququllah: row.huququllah ?? huququllahRule?.setHuququllah ?? null,
    };
  };
}
