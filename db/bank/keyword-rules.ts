// The categories page's keyword rules, applied to new bank transactions.
// The longest matching keyword wins, so "tesco petrol" beats "tesco". A
// keyword matches what searching for it finds (db/search-fold.ts): café finds
// CAFÉ and cafe + U+0301, straße finds STRASSE. Ties go by code unit order,
// not localeCompare, so the app and the CLI agree whatever their locales.
import { UNCATEGORISED_CATEGORY } from '../model.js';
import { foldForSearch } from '../search-fold.js';

export interface KeywordRule {
  category: string;
  keyword: string;
}

export function categoriser(rules: readonly KeywordRule[]): (text: string) => string {
  const ordered = rules
    .map((r) => ({ category: r.category, keyword: foldForSearch(r.keyword) }))
    .filter((r) => r.keyword.length > 0)
    .sort(
      (a, b) => b.keyword.length - a.keyword.length || (a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0),
    );
  return (text) => {
    const haystack = foldForSearch(text);
    return ordered.find((r) => haystack.includes(r.keyword))?.category ?? UNCATEGORISED_CATEGORY;
  };
}
