// What the user decided about detected recurring payments: confirmed, renamed
// or dismissed. Kept by series key (payee and cadence, see recurring.ts), not
// by amount or dates, so a decision holds as new payments arrive.
import { sql } from 'drizzle-orm';
import { invalidInput } from '../errors.js';
import type { Executor } from '../sql/executor.js';
import { RecurringDecision, type RECURRING_STATUSES } from './report-model.js';

export interface Decision {
  status: (typeof RECURRING_STATUSES)[number] | null;
  name: string | null;
}

export async function recurringDecisions(db: Executor): Promise<Map<string, Decision>> {
  const rows = await db.all<{ series_key: string; status: string | null; name: string | null }>(
    sql`SELECT series_key, status, name FROM recurring_decisions`,
  );
  return new Map(
    rows.map((r) => [
      r.series_key,
      { status: r.status === 'confirmed' || r.status === 'dismissed' ? r.status : null, name: r.name ?? null },
    ]),
  );
}

export async function decideRecurring(db: Executor, input: RecurringDecision): Promise<void> {
  const parsed = RecurringDecision.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const { key, status, name } = parsed.data;
  const before = (await recurringDecisions(db)).get(key);
  const next: Decision = {
    status: status === undefined ? (before?.status ?? null) : status,
    name: name === undefined ? (before?.name ?? null) : name,
  };
  // Nothing left to remember: the series is as detected again.
  if (next.status === null && next.name === null) {
    await db.run(sql`DELETE FROM recurring_decisions WHERE series_key = ${key}`);
    return;
  }
  await db.run(
    sql`INSERT INTO recurring_decisions (series_key, status, name) VALUES (${key}, ${next.status}, ${next.name})
        ON CONFLICT (series_key) DO UPDATE
        SET status = excluded.status, name = excluded.name, updated_at = CURRENT_TIMESTAMP`,
  );
}
