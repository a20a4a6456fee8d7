// The Categories page's keywords. Each is a rule (rule-store.ts); these say
// when two keywords are the same and, for keywords an old store holds in two
// categories, which one was tried first by the old app (and so goes first as
// a rule): the longest, then the one added last.

export interface KeywordRow {
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
export function precedence(a: KeywordRow, b: KeywordRow): number {
  const [ka, kb] = [keywordKey(a.keyword), keywordKey(b.keyword)];
  return kb.length - ka.length || ka.localeCompare(kb) || b.id - a.id;
}
