// Rule suggestions (FINANCE.md 1): words and merchants frequent among the
// uncategorised rows, each with its count, a sample and the category the
// already categorised rows holding it most often have. As the old app's
// suggester did, a word in over 30 % of those rows says nothing (it is "CARD"
// or "PAYMENT" in other words) and one seen fewer than 3 times is not a habit.
import { foldText } from './fold-text.js';
import type { RuleRuns } from './rule-runs.js';
import { SCAN } from './rule-runs.js';
import type { RuleSuggestion } from './rule-model.js';

const MIN_COUNT = 3;
const MAX_SHARE = 0.3;
const SAMPLE = 3;
/** Words of a bank's own phrasing, never a merchant's. */
const NOISE = new Set(
  'card payment payments from the and ltd limited direct debit via apple google pay ref mandate transfer standing order bank online contactless purchase'.split(
    ' ',
  ),
);
const WORD = /\p{L}[\p{L}\p{N}&'-]*[\p{L}\p{N}]/gu;

interface Seen {
  count: number;
  ids: number[];
  spellings: Map<string, number>;
  categories: Map<string, number>;
}

function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const [word] of foldText(text).matchAll(WORD)) if (word.length >= 3 && !NOISE.has(word)) words.add(word);
  return words;
}

const note = (map: Map<string, Seen>, key: string, id: number, spelling: string) => {
  const seen: Seen = map.get(key) ?? { count: 0, ids: [], spellings: new Map(), categories: new Map() };
  seen.count++;
  if (seen.ids.length < SAMPLE) seen.ids.push(id);
  seen.spellings.set(spelling, (seen.spellings.get(spelling) ?? 0) + 1);
  map.set(key, seen);
};

const most = (counts: Map<string, number>): [string, number] | undefined =>
  [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];

export async function suggestRules(runs: RuleRuns, limit = 10): Promise<RuleSuggestion[]> {
  const words = new Map<string, Seen>();
  const merchants = new Map<string, Seen>();
  const none = { date: false, source: false };
  const total = await runs.scan({ kind: 'uncategorised' }, none, (page) => {
    for (const row of page) {
      const id = Number(row[SCAN.id]);
      const merchant = row[SCAN.merchant] as string | null;
      for (const word of wordsOf(row[SCAN.description] as string)) note(words, word, id, word);
      if (merchant?.trim()) note(merchants, foldText(merchant.trim()), id, merchant.trim());
    }
  });
  const keep = (map: Map<string, Seen>) =>
    [...map].filter(([, s]) => s.count >= MIN_COUNT && s.count <= total * MAX_SHARE);
  const candidates = [
    ...keep(merchants).map(([key, seen]) => ({ kind: 'merchant' as const, key, seen })),
    ...keep(words).map(([key, seen]) => ({ kind: 'word' as const, key, seen })),
  ]
    .sort((a, b) => b.seen.count - a.seen.count || a.key.localeCompare(b.key))
    .slice(0, limit);
  if (!candidates.length) return [];

  // Which category the rows already sorted give each candidate.
  const wanted = new Map(candidates.filter((c) => c.kind === 'word').map((c) => [c.key, c.seen]));
  const wantedMerchants = new Map(candidates.filter((c) => c.kind === 'merchant').map((c) => [c.key, c.seen]));
  await runs.scan({ kind: 'all' }, none, (page) => {
    for (const row of page) {
      const category = row[SCAN.category] as string | null;
      if (!category) continue;
      for (const word of wordsOf(row[SCAN.description] as string)) {
        const seen = wanted.get(word);
        if (seen) seen.categories.set(category, (seen.categories.get(category) ?? 0) + 1);
      }
      const merchant = row[SCAN.merchant] as string | null;
      const seen = merchant ? wantedMerchants.get(foldText(merchant.trim())) : undefined;
      if (seen) seen.categories.set(category, (seen.categories.get(category) ?? 0) + 1);
    }
  });

  const samples = new Map((await runs.samples(candidates.flatMap((c) => c.seen.ids))).map((r) => [r.id, r]));
  return candidates.map(({ kind, key, seen }) => {
    const value = kind === 'word' ? key : (most(seen.spellings)?.[0] ?? key);
    const best = most(seen.categories);
    const sorted = [...seen.categories.values()].reduce((a, b) => a + b, 0);
    return {
      kind,
      value,
      count: seen.count,
      sample: seen.ids.flatMap((id) => samples.get(id) ?? []),
      category: best?.[0] ?? null,
      share: best ? Math.round((best[1] / sorted) * 100) / 100 : 0,
      condition:
        kind === 'word'
          ? { field: 'text', op: 'contains', values: [value], wholeWord: true }
          : { field: 'merchant', op: 'is', values: [value], wholeWord: true },
    };
  });
}
