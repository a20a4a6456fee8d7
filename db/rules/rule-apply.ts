// What applying the rules would change, row by row, and the tally a preview
// shows and a run records. A category the user set by hand stays unless the
// request includes manual edits; so does a Huququllah class already given;
// income is never classed. A rule that matches a row already in its category
// changes nothing (a row categorised by an import stays marked as such).
import { compileRules } from './matcher.js';
import { moveKey, type ChangeSummary, type Rule } from './rule-model.js';
import { matchInput, SCAN, type RowChange } from './rule-runs.js';

/** How many rows of each (old -> new) category a preview shows. */
const SAMPLE = 5;

export interface ApplyOptions {
  includeManual: boolean;
}

const noCategory = (category: string | null) => (category === null || category === '' ? null : category);

/** The request's decisions over scanned pages (rule-runs.ts SCAN), for a preview or an apply. */
export function ruleDecider(rules: readonly Rule[], options: ApplyOptions) {
  const compiled = compileRules(rules);
  let keptManual = 0;
  return {
    needs: compiled.needs,
    keptManual: () => keptManual,
    decide(page: readonly unknown[][]): RowChange[] {
      const changes: RowChange[] = [];
      for (const row of page) {
        const pence = row[SCAN.pence] as number;
        const merchant = row[SCAN.merchant] as string | null;
        const hit = compiled.match(matchInput(row));
        if (hit.category < 0 && hit.merchant < 0 && hit.huququllah < 0) continue;
        const change: RowChange = {
          id: Number(row[SCAN.id]),
          oldCategory: row[SCAN.category] as string | null,
          newCategory: row[SCAN.category] as string | null,
          oldCategorySource: row[SCAN.categorySource] as string | null,
          newCategorySource: row[SCAN.categorySource] as string | null,
          oldMerchant: merchant,
          newMerchant: merchant,
          oldHuququllah: row[SCAN.huququllah] as string | null,
          newHuququllah: row[SCAN.huququllah] as string | null,
        };
        const category = rules[hit.category]?.setCategory ?? null;
        if (category !== null && category !== noCategory(change.oldCategory)) {
          if (change.oldCategorySource === 'manual' && !options.includeManual) keptManual++;
          else [change.newCategory, change.newCategorySource] = [category, 'rule'];
        }
        const newMerchant = rules[hit.merchant]?.setMerchant ?? null;
        if (newMerchant !== null) change.newMerchant = newMerchant;
        const huququllah = rules[hit.huququllah]?.setHuququllah ?? null;
        if (huququllah !== null && pence < 0 && (change.oldHuququllah === null || options.includeManual))
          change.newHuququllah = huququllah;
        if (
          change.newCategory !== change.oldCategory ||
          change.newMerchant !== change.oldMerchant ||
          change.newHuququllah !== change.oldHuququllah
        )
          changes.push(change);
      }
      return changes;
    },
  };
}

/** Adds changes up as previews and runs report them; keeps a few row ids per category move. */
export class ChangeTally {
  changed = 0;
  merchants = 0;
  huququllah = 0;
  readonly groups = new Map<string, { from: string | null; to: string | null; count: number; ids: number[] }>();

  add(changes: readonly RowChange[]): void {
    for (const c of changes) {
      this.changed++;
      if (c.newMerchant !== c.oldMerchant) this.merchants++;
      if (c.newHuququllah !== c.oldHuququllah) this.huququllah++;
      if (c.newCategory === c.oldCategory) continue;
      const [from, to] = [noCategory(c.oldCategory), noCategory(c.newCategory)];
      const key = moveKey(from, to);
      const group = this.groups.get(key) ?? { from, to, count: 0, ids: [] };
      group.count++;
      if (group.ids.length < SAMPLE) group.ids.push(c.id);
      this.groups.set(key, group);
    }
  }

  summary(): ChangeSummary {
    return {
      changed: this.changed,
      byCategory: Object.fromEntries([...this.groups].map(([key, g]) => [key, g.count])),
      merchants: this.merchants,
      huququllah: this.huququllah,
    };
  }
}
