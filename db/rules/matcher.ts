// Compiles an ordered list of rules into one function that tells, for a row,
// which rule sets its category, its merchant and its Huququllah class. Every
// contains / starts with / is / one of value of every rule goes into ONE
// automaton (aho-corasick.ts), so a row's text is scanned once whatever the
// number of rules; only rules whose text was seen (and rules with no text
// condition) are then checked, in priority order, until each action is decided.
import { AhoCorasick } from './aho-corasick.js';
import { composed, foldText, isWordChar } from './fold-text.js';
import type { Rule, RuleCondition, TextCondition } from './rule-model.js';

/** What the matcher reads of a row. Amounts are signed pence. */
export interface MatchInput {
  description: string;
  merchant: string | null;
  pence: number;
  /** Needed only when some rule has a date condition. */
  date?: string | null;
  /** source_file; needed only when some rule has a source condition. */
  source?: string | null;
}

/** Indexes into the compiled rule list (priority order), or -1: which rule sets each field. */
export interface MatchResult {
  category: number;
  merchant: number;
  huququllah: number;
}

export type MatchRule = Pick<Rule, 'conditions' | 'setCategory' | 'setMerchant' | 'setHuququllah'>;

export interface CompiledRules<R extends MatchRule = MatchRule> {
  readonly rules: readonly R[];
  /** Which row columns the rules read, so a scan selects only those. */
  readonly needs: { date: boolean; source: boolean };
  /** The result object is reused by the next call: read it before matching again. */
  match(row: MatchInput): MatchResult;
}

const DESCRIPTION = 1;
const MERCHANT = 2;

interface PatternUse {
  condition: number;
  rule: number;
  fields: number;
  op: 'contains' | 'startsWith' | 'is' | 'oneOf';
  /** contains, whole words: the ends that must not run on into a word. */
  wordStart: boolean;
  wordEnd: boolean;
}

type Check = (row: MatchInput) => boolean;

const fieldsOf = (c: TextCondition) =>
  c.field === 'description' ? DESCRIPTION : c.field === 'merchant' ? MERCHANT : DESCRIPTION | MERCHANT;

/** Where a row came from, by its source_file (bank sync writes "TrueLayer: <bank> <account>"). */
export function sourceKind(source: string | null | undefined): 'manual' | 'bank' | 'statement' {
  if (!source) return 'manual';
  return source.startsWith('TrueLayer: ') ? 'bank' : 'statement';
}

/** Tests that need no automaton: amounts, direction, source, dates and regular expressions. */
function directCheck(c: RuleCondition): Check | undefined {
  switch (c.field) {
    case 'amount': {
      const { pence } = c;
      const to = c.toPence ?? pence;
      if (c.op === 'is') return (r) => Math.abs(r.pence) === pence;
      if (c.op === 'above') return (r) => Math.abs(r.pence) > pence;
      if (c.op === 'below') return (r) => Math.abs(r.pence) < pence;
      return (r) => Math.abs(r.pence) >= pence && Math.abs(r.pence) <= to;
    }
    case 'direction':
      return c.value === 'in' ? (r) => r.pence > 0 : (r) => r.pence < 0;
    case 'source': {
      if (c.op === 'kind') return (r) => sourceKind(r.source) === c.value;
      const wanted = foldText(c.value);
      return (r) => r.source != null && foldText(r.source) === wanted;
    }
    case 'date': {
      const { from, to } = c;
      return (r) => r.date != null && (!from || r.date >= from) && (!to || r.date <= to);
    }
    default:
      if (c.op !== 'matches') return undefined;
  }
  const pattern = new RegExp(c.values[0] ?? '', 'iu');
  const fields = fieldsOf(c);
  return (r) =>
    ((fields & DESCRIPTION) !== 0 && pattern.test(composed(r.description))) ||
    ((fields & MERCHANT) !== 0 && r.merchant != null && pattern.test(composed(r.merchant)));
}

export function compileRules<R extends MatchRule>(rules: readonly R[]): CompiledRules<R> {
  const patterns = new Map<string, number>();
  const uses: PatternUse[][] = [];
  /** Per rule: its direct checks, and how many automaton conditions must be seen. */
  const direct: Check[][] = [];
  const textConditions: number[][] = [];
  const always: number[] = [];
  let conditionCount = 0;
  const needs = { date: false, source: false };

  rules.forEach((rule, r) => {
    const ruleDirect: Check[] = [];
    const ruleText: number[] = [];
    direct.push(ruleDirect);
    textConditions.push(ruleText);
    for (const c of rule.conditions) {
      const index = conditionCount++;
      if (c.field === 'date') needs.date = true;
      if (c.field === 'source') needs.source = true;
      const check = directCheck(c);
      if (check) {
        ruleDirect.push(check);
        continue;
      }
      const text = c as TextCondition & { op: PatternUse['op'] };
      ruleText.push(index);
      for (const value of text.values) {
        const folded = foldText(value);
        let id = patterns.get(folded);
        let used = id === undefined ? undefined : uses[id];
        if (id === undefined || !used) {
          id = patterns.size;
          used = [];
          patterns.set(folded, id);
          uses.push(used);
        }
        const whole = text.op === 'contains' && text.wholeWord;
        used.push({
          condition: index,
          rule: r,
          fields: fieldsOf(text),
          op: text.op,
          wordStart: whole && isWordChar(folded, 0),
          wordEnd: whole && isWordChar(folded, folded.length - 1),
        });
      }
    }
    if (!ruleText.length) always.push(r);
  });

  const automaton = new AhoCorasick([...patterns.keys()]);
  const lengths = automaton.lengths;
  // Stamps instead of clearing arrays per row: a condition counts as seen when its stamp is this row's.
  const seen = new Int32Array(conditionCount);
  const candidate = new Int32Array(rules.length);
  const candidates: number[] = [];
  let stamp = 0;
  let text = '';
  let field = 0;
  const result: MatchResult = { category: -1, merchant: -1, huququllah: -1 };

  const hit = (pattern: number, end: number) => {
    const start = end - (lengths[pattern] ?? 0);
    for (const use of uses[pattern] ?? []) {
      if ((use.fields & field) === 0 || seen[use.condition] === stamp) continue;
      if (use.op === 'contains') {
        if (use.wordStart && isWordChar(text, start - 1)) continue;
        if (use.wordEnd && isWordChar(text, end)) continue;
      } else if (start !== 0 || (use.op !== 'startsWith' && end !== text.length)) continue;
      seen[use.condition] = stamp;
      if (candidate[use.rule] !== stamp) {
        candidate[use.rule] = stamp;
        candidates.push(use.rule);
      }
    }
  };

  const scan = (value: string, which: number) => {
    text = composed(value);
    field = which;
    automaton.scan(text, hit);
  };

  const holds = (r: number, row: MatchInput) => {
    for (const c of textConditions[r] ?? []) if (seen[c] !== stamp) return false;
    for (const check of direct[r] ?? []) if (!check(row)) return false;
    return true;
  };

  return {
    rules,
    needs,
    match(row) {
      stamp++;
      candidates.length = 0;
      result.category = result.merchant = result.huququllah = -1;
      if (patterns.size) {
        scan(row.description, DESCRIPTION);
        if (row.merchant) scan(row.merchant, MERCHANT);
      }
      if (!candidates.length && !always.length) return result;
      if (always.length) for (const r of always) candidates.push(r);
      candidates.sort((a, b) => a - b);
      let open = 3;
      for (const r of candidates) {
        const rule = rules[r];
        if (!rule) continue;
        const wants =
          (rule.setCategory !== null && result.category < 0) ||
          (rule.setMerchant !== null && result.merchant < 0) ||
          (rule.setHuququllah !== null && result.huququllah < 0);
        if (!wants || !holds(r, row)) continue;
        if (rule.setCategory !== null && result.category < 0) {
          result.category = r;
          open--;
        }
        if (rule.setMerchant !== null && result.merchant < 0) {
          result.merchant = r;
          open--;
        }
        if (rule.setHuququllah !== null && result.huququllah < 0) {
          result.huququllah = r;
          open--;
        }
        if (!open) break;
      }
      return result;
    },
  };
}
