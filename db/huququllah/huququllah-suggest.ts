// Suggestions for unclassed expenses from the user's own history (FINANCE.md
// 5): the majority class of the same merchant (confidence = its share), else
// of the same category (share × 0.7), else of the same amount band (<£20,
// £20–100, ≥£100; share × 0.5), each with the reason in words.
import { sql, type SQL } from 'drizzle-orm';
import { formatPence } from '../money.js';
import type { SampleRow } from '../rules/rule-model.js';
import { readInt } from '../sql/dialect.js';
import type { Executor } from '../sql/executor.js';
import type { HuququllahSuggestion } from './huququllah-model.js';

type Class = HuququllahSuggestion['value'];
type Tally = Map<string, Map<Class, number>>;

const BANDS = [
  { below: 2000, words: `expenses under ${formatPence(2000)}` },
  { below: 10000, words: `expenses of ${formatPence(2000)} to ${formatPence(10000)}` },
  { below: Infinity, words: `expenses of ${formatPence(10000)} or more` },
];
const bandOf = (pence: number) => BANDS.findIndex((b) => -pence < b.below);

async function tally(db: Executor, key: SQL, only?: SQL): Promise<Tally> {
  const rows = await db.all(
    sql`SELECT ${key} AS k, huququllah_classification AS c, COUNT(*) AS n FROM transactions
        WHERE amount < 0 AND huququllah_classification IS NOT NULL${only ? sql` AND ${only}` : sql``}
        GROUP BY 1, 2`,
  );
  const out: Tally = new Map();
  for (const r of rows) {
    const counts = out.get(String(r.k)) ?? new Map<Class, number>();
    counts.set(r.c as Class, readInt(r.n));
    out.set(String(r.k), counts);
  }
  return out;
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

function majority(counts: Map<Class, number> | undefined) {
  if (!counts) return undefined;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const [value, n] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  return value && n ? { value, n, total, share: n / total } : undefined;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** A suggestion per row id, for the rows that have one. */
export async function suggestClasses(
  db: Executor,
  rows: readonly SampleRow[],
): Promise<Map<number, HuququllahSuggestion>> {
  const merchants = [...new Set(rows.flatMap((r) => (r.merchant ? [r.merchant] : [])))];
  const categories = [...new Set(rows.flatMap((r) => (r.category ? [r.category] : [])))];
  const pence = db.dialect.pence(sql`amount`);
  const none: Tally = new Map();
  const [byMerchant, byCategory, byBand] = await Promise.all([
    merchants.length ? tally(db, sql`merchant`, sql`merchant IN (${list(merchants)})`) : none,
    categories.length ? tally(db, sql`category`, sql`category IN (${list(categories)})`) : none,
    tally(db, sql`CASE WHEN -${pence} < 2000 THEN 0 WHEN -${pence} < 10000 THEN 1 ELSE 2 END`),
  ]);
  const out = new Map<number, HuququllahSuggestion>();
  for (const row of rows) {
    const m = row.merchant ? majority(byMerchant.get(row.merchant)) : undefined;
    const c = row.category ? majority(byCategory.get(row.category)) : undefined;
    const band = bandOf(row.amountPence);
    const b = majority(byBand.get(String(band)));
    if (m)
      out.set(row.id, {
        value: m.value,
        confidence: round(m.share),
        reason: `${m.n} of ${m.total} classed expenses at ${row.merchant ?? ''} were ${m.value}`,
      });
    else if (c)
      out.set(row.id, {
        value: c.value,
        confidence: round(c.share * 0.7),
        reason: `${c.n} of ${c.total} classed expenses in ${row.category ?? ''} were ${c.value}`,
      });
    else if (b)
      out.set(row.id, {
        value: b.value,
        confidence: round(b.share * 0.5),
        reason: `${b.n} of ${b.total} classed ${BANDS[band]?.words ?? 'expenses'} were ${b.value}`,
      });
  }
  return out;
}
