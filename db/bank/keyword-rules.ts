// The categories page's keyword rules, applied to new bank transactions.
// The longest matching keyword wins, so "tesco petrol" beats "tesco".
import { UNCATEGORISED_CATEGORY } from '../model.js';

export interface KeywordRule {
  category: string;
  keyword: string;
}

export function categoriser(rules: readonly KeywordRule[]): (text: string) => string {
  const ordered = rules
    .map((r) => ({ category: r.category, keyword: r.keyword.toLowerCase() }))
    .filter((r) => r.keyword.length > 0)
    .sort((a, b) => b.keyword.length - a.keyword.length || a.keyword.localeCompare(b.keyword));
  return (text) => {
    const haystack = text.toLowerCase();
    return ordered.find((r) => haystack.includes(r.keyword))?.category ?? UNCATEGORISED_CATEGORY;
  };
}
