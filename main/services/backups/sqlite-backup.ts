// SQLite backups with SQLite's online backup API: a consistent copy while the
// app keeps its own connection open and writing.
import { rm } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { AppError } from '../../../db/errors.js';
import { createPrivateFile } from '../../../db/private-files.js';
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
    // Created private first: SQLite keeps the file's mode, and gives it to the journal beside it.
    createPrivateFile(destination);
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

/** Removes a SQLite file that is being given up, with the journal and WAL files SQLite may keep beside it. */
export async function removeSqliteFile(path: string): Promise<void> {
  await Promise.all(['', '-journal', '-wal', '-shm'].map((suffix) => rm(path + suffix, { force: true })));
}

/**
 * Fingerprints of a SQLite file nobody else is writing (a backup or a restored
 * copy). A copy of a WAL store says WAL in its header, and reading it would
 * leave -wal and -shm files beside it; it is switched to a rollback journal
 * first, so a backup or a restored file is one file.
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
