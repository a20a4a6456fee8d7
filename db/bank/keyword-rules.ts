// The categories page's keyword rules, applied to new bank transactions.
// The longest matching keyword wins, so "tesco petrol" beats "tesco"; text
// that matches none is left uncategorised (null). A keyword matches what
// searching for it finds (db/search-fold.ts): café finds CAFÉ and
// cafe + U+0301, straße finds STRASSE. The page refuses a keyword that
// another category has, but stores from the old app may hold one twice: then
// the one added last wins, as it did in the old app. Other ties go by code
// unit order, not localeCompare, so the app and the CLI agree whatever their
// locales.
import { foldForSearch } from '../search-fold.js';

export interface KeywordRule {
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
export function precedence(a: KeywordRule, b: KeywordRule): number {
  const [ka, kb] = [keywordKey(a.keyword), keywordKey(b.keyword)];
  return kb.length - ka.length || byCodeUnits(ka, kb) || b.id - a.id;
}

export function categoriser(rules: readonly KeywordRule[]): (text: string) => string | null {
  const ordered = rules
    .map((r) => ({ ...r, keyword: keywordKey(r.keyword) }))
    .filter((r) => r.keyword.length > 0)
    .sort(precedence);
  return (text) => {
    const haystack = foldForSearch(text);
    return ordered.find((r) => haystack.includes(r.keyword))?.category ?? null;
  };
}
