// A purchase history file into the store, then matching run over what is
// there. No Electron: the CLI and the app call the same function.
import { createHash } from 'node:crypto';
import type { MatchSummary, PurchaseFormat } from '../../../../db/purchases/purchase-model.js';
import type { Store } from '../../../../db/store.js';
import { readStatementFile } from '../imports/import-statement.js';
import { parsePurchaseFile, type PurchaseProblem } from './purchase-file.js';

export interface PurchaseImportReport {
  file: string;
  format: PurchaseFormat;
  importId: number;
  added: number;
  duplicates: number;
  alreadyImported: boolean;
  unreadable: PurchaseProblem[];
  /** Matching run after the import; null when it added nothing, so there was nothing new to match. */
  match: MatchSummary | null;
}

export async function importPurchaseFile(store: Store, path: string): Promise<PurchaseImportReport> {
  const { fileName, bytes } = await readStatementFile(path);
  const parsed = parsePurchaseFile(bytes, fileName);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const result = await store.purchases.importPurchases({
    fileName,
    sha256,
    format: parsed.format,
    purchases: parsed.purchases,
  });
  const match = result.added ? await store.purchases.match() : null;
  return { file: path, format: parsed.format, ...result, unreadable: parsed.problems, match };
}
