// Display formats shared across pages. Money formatting lives in db/money.ts.
import { format, parseISO } from 'date-fns';
import { UNCATEGORISED_LABEL } from '../../db/model.js';

/** "2024-03-12" -> "12 Mar 2024" */
export function formatDate(isoDate: string): string {
  return format(parseISO(isoDate), 'd MMM yyyy');
}

/** "2024-03" -> "Mar 2024" */
export function formatMonth(isoMonth: string): string {
  return format(parseISO(`${isoMonth}-01`), 'MMM yyyy');
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A category as shown; none (NULL, or '' in data from elsewhere) is "Uncategorised", see db/model.ts. */
export function categoryLabel(category: string | null): string {
  return category || UNCATEGORISED_LABEL;
}
