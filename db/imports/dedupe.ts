// Which rows of a statement are already in the store. Pure, so the preview
// and the import decide alike. One stored row answers for one statement row
// at most: two genuine coffees of the same price on one day are two rows in
// the file and two in the store, and a third in a later file is new.
import { foldForSearch } from '../search-fold.js';
import type { DuplicateReason, ImportRow } from './import-model.js';

/** A stored row that a statement row may be. */
export interface StoredRow {
  id: number;
  date: string;
  pence: number;
  /** descriptionKey() of its description. */
  key: string;
  importId: string | null;
  /** Arrived through bank sync (a truelayer_transactions row links to it). */
  bank: boolean;
}

export type Outcome = { duplicate: false } | { duplicate: true; transactionId: number | null; by: DuplicateReason };

/** A description as dedupe compares it: folded as search folds it, punctuation and spacing ignored. */
export function descriptionKey(description: string): string {
  return foldedKey(foldForSearch(description));
}

/** descriptionKey of text already folded (a stored description_folded). */
export function foldedKey(folded: string): string {
  return folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const NEW: Outcome = { duplicate: false };

/**
 * In order: the bank's import id (FITID) within the account; then date,
 * amount and description, each stored row claimed once (rows that both carry
 * an import id and differ in it are different transactions); then a
 * bank-synced row of the same date and amount whose text contains the
 * statement's or is contained in it (banks' feeds shorten what statements
 * spell out).
 */
export function findDuplicates(rows: readonly ImportRow[], stored: readonly StoredRow[]): Outcome[] {
  const outcomes: Outcome[] = rows.map(() => NEW);
  const claimed = new Set<number>();
  const byImportId = new Map<string, StoredRow>();
  for (const s of stored) if (s.importId !== null && !byImportId.has(s.importId)) byImportId.set(s.importId, s);
  const seenIds = new Set<string>();
  rows.forEach((row, i) => {
    if (row.importId === undefined) return;
    const hit = byImportId.get(row.importId);
    if (seenIds.has(row.importId)) outcomes[i] = { duplicate: true, transactionId: null, by: 'import id' };
    else if (hit && !claimed.has(hit.id)) {
      claimed.add(hit.id);
      outcomes[i] = { duplicate: true, transactionId: hit.id, by: 'import id' };
    }
    seenIds.add(row.importId);
  });

  const buckets = new Map<string, StoredRow[]>();
  const loose = new Map<string, StoredRow[]>();
  for (const s of stored) {
    if (claimed.has(s.id)) continue;
    push(buckets, `${s.date}|${s.pence}|${s.key}`, s);
    if (s.bank) push(loose, `${s.date}|${s.pence}`, s);
  }
  const keys = rows.map((row) => descriptionKey(row.description));
  const claim = (
    i: number,
    candidates: StoredRow[] | undefined,
    by: DuplicateReason,
    fits: (s: StoredRow) => boolean,
  ) => {
    const row = rows[i];
    const hit = candidates?.find(
      (s) => !claimed.has(s.id) && (row?.importId === undefined || s.importId === null) && fits(s),
    );
    if (!hit) return;
    claimed.add(hit.id);
    outcomes[i] = { duplicate: true, transactionId: hit.id, by };
  };
  rows.forEach((row, i) => {
    if (outcomes[i]?.duplicate) return;
    claim(i, buckets.get(`${row.date}|${row.amountPence}|${keys[i]}`), 'same date, amount and description', () => true);
  });
  rows.forEach((row, i) => {
    const key = keys[i] ?? '';
    if (outcomes[i]?.duplicate || !key) return;
    claim(
      i,
      loose.get(`${row.date}|${row.amountPence}`),
      'bank sync',
      (s) => s.key !== '' && (s.key.includes(key) || key.includes(s.key)),
    );
  });
  return outcomes;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
