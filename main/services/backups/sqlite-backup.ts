// SQLite backups with SQLite's online backup API: a consistent copy while the
// app keeps its own connection open and writing.
import Database from 'better-sqlite3';
import { AppError } from '../../../db/errors.js';
import { SqliteExecutor } from '../../../db/sqlite/sqlite-executor.js';
import { fingerprintAll, type Fingerprints } from '../../../db/verify/table-fingerprints.js';

export interface SqliteFileOptions {
  /** better_sqlite3.node built for Electron, in the desktop app. */
  nativeBinding?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

const open = (path: string, options: SqliteFileOptions) =>
  new Database(path, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });

export async function backupSqliteFile(source: string, destination: string, options: SqliteFileOptions = {}) {
  let db: Database.Database;
  try {
    db = open(source, options);
  } catch (error) {
    throw new AppError('unavailable', `Cannot read the store ${source}: ${(error as Error).message}.`);
  }
  try {
    await db.backup(destination, {
      progress: ({ totalPages, remainingPages }) => {
        options.signal?.throwIfAborted();
        options.onProgress?.(totalPages - remainingPages, totalPages);
        // Pages per step: small enough that a cancel takes effect within about a megabyte.
        return 256;
      },
    });
  } finally {
    db.close();
  }
}

/**
 * Fingerprints of a SQLite file nobody else is writing (a backup or a restored
 * copy). The copy inherits the store's WAL mode, and any connection to a WAL
 * file leaves `-wal` and `-shm` files beside it (a read-only one never removes
 * them); switching the copy to a rollback journal leaves the file alone. The
 * app turns WAL on again when it opens a restored store.
 */
export async function fingerprintSqliteFile(path: string, options: SqliteFileOptions = {}): Promise<Fingerprints> {
  const db = new Database(path, {
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma('journal_mode = DELETE');
    const executor = new SqliteExecutor(db);
    return await fingerprintAll((query) => executor.all(query));
  } finally {
    db.close();
  }
}
