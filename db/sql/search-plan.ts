// Which way to find one page of a text search. Walking the sort order and
// testing each row stops as soon as the page is full: cheap for common words,
// hopeless for rare ones. The search index finds every match and then sorts
// them: cheap for rare words, slow for common ones. A first short walk
// measures how common the word is; the cheaper way, by the dialect's measured
// costs, answers the rest.
import type { SearchCosts } from './dialect.js';

export type SearchStep = { walk: number } | 'index';

/**
 * After a first look found `found` matches in `costs.firstLook` rows (too
 * few to fill a page of `wanted` rows), the next step for a table of `rows`.
 */
export function nextSearchStep(found: number, wanted: number, rows: number, costs: SearchCosts): SearchStep {
  if (found === 0) return 'index';
  const density = found / costs.firstLook;
  // 1.5: a margin so that a slightly unlucky walk still fills the page.
  const walk = Math.ceil((wanted / density) * 1.5);
  const walkCost = walk * costs.walkPerRow;
  const indexCost = density * rows * costs.indexPerMatch;
  return walk <= costs.maxWalk && walkCost < indexCost ? { walk } : 'index';
}
