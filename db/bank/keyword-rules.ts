// The categories page's keyword rules, applied to new bank transactions.
// The longest matching keyword wins, so "tesco petrol" beats "tesco"; text
// that matches none is left uncategorised (null). The page refuses a keyword
// that another category has, but stores from the old app may hold one twice:
// then the one added last wins, as it did in the old app.

export interface KeywordRule {
  /** The keyword's row id: later rows were added later. */
  id: number;
  category: string;
  keyword: string;
}

/** What makes two keywords the same rule. */
export function keywordKey(keyword: string): string {
  return keyword.toLowerCase();
}

/** Negative when `a` is tried before `b`. */
export function precedence(a: KeywordRule, b: KeywordRule): number {
  const [ka, kb] = [keywordKey(a.keyword), keywordKey(b.keyword)];
  return kb.length - ka.length || ka.localeCompare(kb) || b.id - a.id;
}

export function categoriser(rules: readonly KeywordRule[]): (text: string) => string | null {
  const ordered = rules
    .filter((r) => r.keyword.length > 0)
    .sort(precedence)
    .map((r) => ({ category: r.category, keyword: keywordKey(r.keyword) }));
  return (text) => {
    const haystack = text.toLowerCase();
    return ordered.find((r) => haystack.includes(r.keyword))?.category ?? null;
  };
}
