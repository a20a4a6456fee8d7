// The Categories page's keywords. Each is a rule (rule-store.ts); these say
// when two keywords are the same and, for keywords an old store holds in two
// categories, which one was tried first by the old app (and so goes first as
// a rule): the longest, then the one added last. Two keywords are the same
// when search would find the same rows with them (db/search-fold.ts): CAFÉ and
// café, straße and STRASSE. Ties go by code units, not the locale, so the app
// and the CLI agree whatever their locales.
import { foldForSearch } from '../search-fold.js';

export interface KeywordRow {
  /** The keyword's row id: later rows were added later. */
  id: number;
  category: string;
  keyword: string;
}

/** What makes two keywords the same rule. */
export function keywordKey(keyword: string): string {
  return foldForSearch(keyword);
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Negative when `a` is tried before `b`. */
export function precedence(a: KeywordRow, b: KeywordRow): number {
  const [ka, kb] = [keywordKey(a.keyword), keywordKey(b.keyword)];
  return kb.length - ka.length || byCodeUnits(ka, kb) || b.id - a.id;
}
