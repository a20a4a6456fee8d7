// SQLite's failures that have a cause people can act on, as AppErrors.
import { dirname } from 'node:path';
import { diskFull, storeBusy, storeReadOnly } from '../store-errors.js';

/** An AppError for a busy, read-only or full store at `path`; anything else unchanged. */
export function explainSqliteFailure(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  // BUSY only once busy_timeout has passed: another connection holds the write lock.
  if (code.startsWith('SQLITE_BUSY')) return storeBusy(path);
  if (code.startsWith('SQLITE_READONLY')) return storeReadOnly(path);
  if (code === 'SQLITE_FULL') return diskFull({ dir: dirname(path) });
  return error;
}
