// Rules as the Store keeps them: add, edit, remove and reorder, the default
// rules every store starts with, and the Categories page's keywords, each of
// which is a rule whose keyword row (category_keywords) stays beside it.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, invalidInput } from '../errors.js';
import { sameCategoryName } from '../model.js';
import { readInt } from '../sql/dialect.js';
import type { Executor } from '../sql/executor.js';
import { DEFAULT_RULES } from './default-rules.js';
import { precedence, type KeywordRow } from './keywords.js';
import { ChangeTally, ruleDecider } from './rule-apply.js';
import { compileRules } from './matcher.js';
import {
  ApplyRequest,
  MerchantCategoryRequest,
  RuleInput,
  RuleMatchRequest,
  type ApplyResult,
  type ParsedRuleInput,
  type Rule,
  type RuleMatches,
  type RulePreview,
  type RuleSuggestion,
  type UnnamedAccount,
  type RuleRun,
  type UndoResult,
} from './rule-model.js';
import { keywordConditions, keywordOf, readRules, RULE_COLUMNS, rowToRule } from './rule-rows.js';
import { matchInput, RuleRuns, SCAN, type RowChange } from './rule-runs.js';
import { suggestRules } from './rule-suggest.js';
import { unnamedAccounts } from './account-discovery.js';

/** Rows the editor lists under its live count. */
const MATCH_SAMPLE = 5;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  return parsed.data;
}

export function ruleNotFound(id: number): AppError {
  return new AppError('not_found', `No rule with id ${id}.`, 'Refresh the list; it may have been deleted.');
}

/** Takes the rules table for this transaction (see Dialect.lockForWrite). */
export async function lockRules(tx: Executor): Promise<void> {
  const lock = tx.dialect.lockForWrite('rules');
  if (lock) await tx.run(lock);
}

/** Sets priorities 1..n in the order given, writing only those that move. */
export async function renumber(tx: Executor, orderedIds: readonly number[]): Promise<void> {
  if (!orderedIds.length) return;
  const json = JSON.stringify(orderedIds.map((id, i) => ({ rid: id, p: i + 1 })));
  await tx.run(
    sql`UPDATE rules SET priority = v.p FROM ${tx.dialect.jsonRecords(
      json,
      [
        ['rid', 'integer'],
        ['p', 'integer'],
      ],
      'v',
    )} WHERE rules.id = v.rid AND rules.priority <> v.p`,
  );
}

async function orderedIds(tx: Executor): Promise<number[]> {
  const rows = await tx.all(sql`SELECT id FROM rules ORDER BY priority, id`);
  return rows.map((r) => readInt(r.id));
}

/** Closes the gaps a removed rule leaves, so priorities read 1, 2, 3 … */
export async function closeGaps(tx: Executor): Promise<void> {
  await renumber(tx, await orderedIds(tx));
}

async function insertRule(
  tx: Executor,
  r: ParsedRuleInput,
  extra: { keywordId?: number; builtin?: boolean; priority: number },
): Promise<number> {
  const [row] = await tx.all<{ id: unknown }>(
    sql`INSERT INTO rules (priority, conditions, set_category, set_merchant, set_huququllah, keyword_id, builtin)
        VALUES (${extra.priority}, ${JSON.stringify(r.conditions)}, ${r.setCategory}, ${r.setMerchant},
                ${r.setHuququllah}, ${extra.keywordId ?? null}, ${extra.builtin ?? false})
        RETURNING id`,
  );
  return readInt(row?.id);
}

/** The category's name as stored, found ignoring capitals; refused (at `field`) when there is none. */
async function storedCategory(tx: Executor, name: string, field: string): Promise<string> {
  const rows = await tx.all<{ name: string }>(sql`SELECT name FROM categories`);
  const found = rows.find((c) => c.name === name) ?? rows.find((c) => sameCategoryName(c.name, name));
  if (!found)
    throw new AppError(
      'invalid_input',
      `There is no category called “${name}”.`,
      'Choose one of your categories, or add it on the Categories page first.',
      field,
    );
  return found.name;
}

/**
 * Brings a store's rules up to date when it opens: keywords without a rule
 * become rules, and the default rules are added once, after everything else.
 */
export async function prepareRules(tx: Executor): Promise<void> {
  await adoptKeywords(tx);
  const [seeded] = await tx.all(
    sql`INSERT INTO app_meta (key, value) VALUES ('rules_seeded', '1') ON CONFLICT (key) DO NOTHING RETURNING key`,
  );
  if (!seeded) return;
  const categories = new Set((await tx.all<{ name: string }>(sql`SELECT name FROM categories`)).map((c) => c.name));
  let priority = (await orderedIds(tx)).length;
  for (const rule of DEFAULT_RULES) {
    if (rule.setCategory && !categories.has(rule.setCategory)) continue;
    await insertRule(tx, rule, { builtin: true, priority: ++priority });
  }
}

/**
 * Keywords without a rule (a store from before rules, or the old app's
 * finance.db just imported) become rules: first in line, in the order the old
 * app tried them, and matching anywhere in a word as they always did.
 */
export async function adoptKeywords(tx: Executor): Promise<void> {
  await lockRules(tx);
  const orphans = await tx.all<{ id: unknown; category_name: string; keyword: string }>(
    sql`SELECT k.id, k.category_name, k.keyword FROM category_keywords k
        WHERE NOT EXISTS (SELECT 1 FROM rules r WHERE r.keyword_id = k.id)`,
  );
  if (!orphans.length) return;
  const keywords: KeywordRow[] = orphans.map((k) => ({
    id: readInt(k.id),
    category: k.category_name,
    keyword: k.keyword,
  }));
  const existing = await orderedIds(tx);
  const added: number[] = [];
  for (const k of keywords.sort(precedence)) {
    const rule = {
      conditions: keywordConditions(k.keyword, false),
      setCategory: k.category,
      setMerchant: null,
      setHuququllah: null,
    };
    added.push(await insertRule(tx, rule, { keywordId: k.id, priority: 0 }));
  }
  await renumber(tx, [...added, ...existing]);
}

/** Adds a keyword's rule at the top: a keyword added later is tried first, as in the old app. */
export async function addKeywordRule(tx: Executor, keywordId: number, keyword: string, category: string) {
  await lockRules(tx);
  const existing = await orderedIds(tx);
  const id = await insertRule(
    tx,
    { conditions: keywordConditions(keyword, true), setCategory: category, setMerchant: null, setHuququllah: null },
    { keywordId, priority: 0 },
  );
  await renumber(tx, [id, ...existing]);
}

export class RuleStore {
  readonly runs: RuleRuns;

  constructor(private readonly db: Executor) {
    this.runs = new RuleRuns(db);
  }

  list(): Promise<Rule[]> {
    return readRules(this.db);
  }

  async get(id: number, db: Executor = this.db): Promise<Rule> {
    const [row] = await db.all(sql`SELECT ${RULE_COLUMNS} FROM rules WHERE id = ${id}`);
    if (!row) throw ruleNotFound(id);
    return rowToRule(row);
  }

  /** Adds a rule at `priority` (default: first). */
  async add(input: RuleInput): Promise<Rule> {
    const rule = parse(RuleInput, input);
    const id = await this.db.transaction(async (tx) => {
      await lockRules(tx);
      if (rule.setCategory) rule.setCategory = await storedCategory(tx, rule.setCategory, 'setCategory');
      const order = await orderedIds(tx);
      const newId = await insertRule(tx, rule, { priority: 0 });
      order.splice(Math.min((rule.priority ?? 1) - 1, order.length), 0, newId);
      await renumber(tx, order);
      return newId;
    });
    return this.get(id);
  }

  /**
   * Replaces a rule's conditions and actions (and moves it when `priority` is
   * given). A keyword's rule stays its keyword while a keyword can say it;
   * otherwise its keyword leaves the Categories page and the rule stays here.
   */
  async update(id: number, input: RuleInput): Promise<Rule> {
    const rule = parse(RuleInput, input);
    await this.db.transaction(async (tx) => {
      await lockRules(tx);
      const current = await this.get(id, tx);
      if (rule.setCategory) rule.setCategory = await storedCategory(tx, rule.setCategory, 'setCategory');
      await tx.run(
        sql`UPDATE rules SET conditions = ${JSON.stringify(rule.conditions)}, set_category = ${rule.setCategory},
              set_merchant = ${rule.setMerchant}, set_huququllah = ${rule.setHuququllah}, builtin = ${false}
            WHERE id = ${id}`,
      );
      if (current.keywordId !== null) await this.followKeyword(tx, id, current.keywordId, rule);
      if (rule.priority !== undefined) await this.moveIn(tx, id, rule.priority);
    });
    return this.get(id);
  }

  private async followKeyword(tx: Executor, ruleId: number, keywordId: number, rule: ParsedRuleInput) {
    const keyword = keywordOf(rule);
    if (keyword) {
      const text = keyword.keyword.trim().toLowerCase();
      const [clash] = await tx.all(
        sql`SELECT id FROM category_keywords WHERE category_name = ${keyword.category} AND keyword = ${text} AND id <> ${keywordId}`,
      );
      if (!clash) {
        await tx.run(
          sql`UPDATE category_keywords SET category_name = ${keyword.category}, keyword = ${text} WHERE id = ${keywordId}`,
        );
        return;
      }
    }
    // Detached first: the keyword row's delete would otherwise take the rule with it (ON DELETE CASCADE).
    await tx.run(sql`UPDATE rules SET keyword_id = NULL WHERE id = ${ruleId}`);
    await tx.run(sql`DELETE FROM category_keywords WHERE id = ${keywordId}`);
  }

  async remove(id: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockRules(tx);
      const rule = await this.get(id, tx);
      // A keyword's row goes too, or the next start would make it a rule again.
      if (rule.keywordId !== null) await tx.run(sql`DELETE FROM category_keywords WHERE id = ${rule.keywordId}`);
      await tx.run(sql`DELETE FROM rules WHERE id = ${id}`);
      await closeGaps(tx);
    });
  }

  /** Puts a rule at `priority` (1 = first); the others keep their order around it. */
  async move(id: number, priority: number): Promise<Rule[]> {
    await this.db.transaction(async (tx) => {
      await lockRules(tx);
      await this.get(id, tx);
      await this.moveIn(tx, id, priority);
    });
    return this.list();
  }

  /** What applying the rules to the request's scope would change: nothing is written. */
  async preview(input: ApplyRequest = {}): Promise<RulePreview> {
    const started = performance.now();
    const request = parse(ApplyRequest, input);
    const decider = ruleDecider(await readRules(this.db), request);
    const tally = new ChangeTally();
    const scanned = await this.runs.scan(request.scope, decider.needs, (page) => tally.add(decider.decide(page)));
    const groups = [...tally.groups.values()].sort((a, b) => b.count - a.count);
    const samples = new Map((await this.runs.samples(groups.flatMap((g) => g.ids))).map((row) => [row.id, row]));
    return {
      ...tally.summary(),
      groups: groups.map((g) => ({
        from: g.from,
        to: g.to,
        count: g.count,
        sample: g.ids.flatMap((id) => samples.get(id) ?? []),
      })),
      scanned,
      keptManual: decider.keptManual(),
      ms: Math.round(performance.now() - started),
    };
  }

  /** Every transaction the conditions match, counted, and the first few: what the editor shows as you type. */
  async matches(input: RuleMatchRequest): Promise<RuleMatches> {
    const started = performance.now();
    const { conditions } = parse(RuleMatchRequest, input);
    // Any action will do: the matcher names the rule that sets a field, and this one sets the category.
    const compiled = compileRules([{ conditions, setCategory: '', setMerchant: null, setHuququllah: null }]);
    const first: number[] = [];
    let count = 0;
    await this.runs.scan({ kind: 'all' }, compiled.needs, (page) => {
      for (const row of page) {
        if (compiled.match(matchInput(row)).category < 0) continue;
        count++;
        if (first.length < MATCH_SAMPLE) first.push(Number(row[SCAN.id]));
      }
    });
    return { count, sample: await this.runs.samples(first), ms: Math.round(performance.now() - started) };
  }

  /** Applies the rules to the request's scope in one transaction, recorded as a run that can be undone. */
  async apply(input: ApplyRequest = {}): Promise<ApplyResult> {
    const started = performance.now();
    const request = parse(ApplyRequest, input);
    const decider = ruleDecider(await readRules(this.db), request);
    const tally = new ChangeTally();
    const { runId } = await this.runs.apply({
      kind: 'rules',
      request,
      scope: request.scope,
      needs: decider.needs,
      decide: (page) => decider.decide(page),
      written: (changes) => tally.add(changes),
      summary: () => tally.summary(),
    });
    return { ...tally.summary(), runId, ms: Math.round(performance.now() - started) };
  }

  /**
   * Puts every row of a merchant in one category, as the user asked after
   * changing one of them: set by hand, so rules leave them be; one run, so
   * the Rules page can undo it like an apply. A dry run only counts.
   */
  async categoriseMerchant(input: MerchantCategoryRequest): Promise<ApplyResult> {
    const started = performance.now();
    const request = parse(MerchantCategoryRequest, input);
    const category = request.category ? await storedCategory(this.db, request.category, 'category') : null;
    const scope = { kind: 'merchant' as const, merchant: request.merchant };
    const tally = new ChangeTally();
    const decide = (page: readonly unknown[][]): RowChange[] =>
      page.flatMap((row) => {
        const old = row[SCAN.category] as string | null;
        if ((old || null) === category) return [];
        const merchant = row[SCAN.merchant] as string | null;
        const huququllah = row[SCAN.huququllah] as string | null;
        return [
          {
            id: Number(row[SCAN.id]),
            oldCategory: old,
            newCategory: category,
            oldCategorySource: row[SCAN.categorySource] as string | null,
            newCategorySource: 'manual',
            oldMerchant: merchant,
            newMerchant: merchant,
            oldHuququllah: huququllah,
            newHuququllah: huququllah,
          },
        ];
      });
    const needs = { date: false, source: false };
    if (request.dryRun) {
      await this.runs.scan(scope, needs, (page) => tally.add(decide(page)));
      return { ...tally.summary(), runId: null, ms: Math.round(performance.now() - started) };
    }
    const { runId } = await this.runs.apply({
      kind: 'recategorise',
      request,
      scope,
      needs,
      decide,
      written: (changes) => tally.add(changes),
      summary: () => tally.summary(),
    });
    return { ...tally.summary(), runId, ms: Math.round(performance.now() - started) };
  }

  /** Frequent words and merchants among uncategorised rows, each a rule waiting to be made. */
  suggest(limit = 10): Promise<RuleSuggestion[]> {
    return suggestRules(this.runs, limit);
  }

  /** Accounts paid to or from in descriptions that have no name yet, most mentioned first. */
  discoverAccounts(): Promise<UnnamedAccount[]> {
    return unnamedAccounts(this.db);
  }

  /** The latest applies, newest first, with what each changed. */
  listRuns(limit = 20): Promise<RuleRun[]> {
    return this.runs.list(limit);
  }

  undo(runId: number): Promise<UndoResult> {
    return this.runs.undo(runId);
  }

  /** Undoes the last `count` applies not yet undone, newest first. */
  async undoLast(count = 1): Promise<UndoResult[]> {
    const results: UndoResult[] = [];
    for (const run of await this.runs.list(count, { open: true })) results.push(await this.runs.undo(run.id));
    return results;
  }

  private async moveIn(tx: Executor, id: number, priority: number): Promise<void> {
    const order = (await orderedIds(tx)).filter((other) => other !== id);
    order.splice(Math.max(0, Math.min(priority - 1, order.length)), 0, id);
    await renumber(tx, order);
  }
}
