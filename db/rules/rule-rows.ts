// Rules as stored (the `rules` table) and as the code sees them.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { readInt } from '../sql/dialect.js';
import type { Executor, Row } from '../sql/executor.js';
import { RuleCondition, type Rule } from './rule-model.js';

const Conditions = z.array(RuleCondition);

/** Drivers hand back JSON as text (SQLite) or parsed (PostgreSQL jsonb). */
export function readJson(value: unknown): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
}

export const RULE_COLUMNS = sql.raw(
  'id, priority, conditions, set_category, set_merchant, set_huququllah, keyword_id, builtin',
);

export function rowToRule(row: Row): Rule {
  return {
    id: readInt(row.id),
    priority: readInt(row.priority),
    conditions: Conditions.parse(readJson(row.conditions)),
    setCategory: (row.set_category as string | null) ?? null,
    setMerchant: (row.set_merchant as string | null) ?? null,
    setHuququllah: (row.set_huququllah as Rule['setHuququllah']) ?? null,
    keywordId: row.keyword_id === null || row.keyword_id === undefined ? null : readInt(row.keyword_id),
    builtin: row.builtin === true || row.builtin === 1,
  };
}

/** Every rule, first tried first. */
export async function readRules(db: Executor): Promise<Rule[]> {
  const rows = await db.all(sql`SELECT ${RULE_COLUMNS} FROM rules ORDER BY priority, id`);
  return rows.map(rowToRule);
}

/** A keyword of the Categories page, as a rule: description or merchant contains it. */
export function keywordConditions(keyword: string, wholeWord: boolean): RuleCondition[] {
  return [{ field: 'text', op: 'contains', values: [keyword], wholeWord }];
}

/** The keyword a rule still is, or undefined once edited into something a keyword cannot say. */
export function keywordOf(rule: Pick<Rule, 'conditions' | 'setCategory' | 'setMerchant' | 'setHuququllah'>) {
  const [only, ...rest] = rule.conditions;
  if (rest.length || !only || only.field !== 'text' || only.op !== 'contains') return;
  const [keyword, ...others] = only.values;
  if (keyword === undefined || others.length) return;
  if (rule.setCategory === null || rule.setMerchant !== null || rule.setHuququllah !== null) return;
  return { keyword, category: rule.setCategory };
}
