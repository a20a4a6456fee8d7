// Which backups are still being written. A running backup holds an exclusive
// SQLite lock on <id>.lock in the backups folder for as long as it runs. The
// operating system drops the lock when the process ends, however it ends
// (kill -9, a crash, a power cut), so files of a backup whose lock nobody
// holds are a dead backup's leftovers: they can go at once, while a backup
// that is still running (in this process or another) is never touched.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createPrivateFile } from '../../../db/private-files.js';

export interface SqliteBinding {
  /** better_sqlite3.node built for Electron, in the desktop app. */
  nativeBinding?: string | undefined;
}

const lockFile = (dir: string, id: string) => join(dir, `${id}.lock`);
const binding = (options: SqliteBinding) => (options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});

export interface BackupLock {
  release(): void;
}

export function lockBackup(dir: string, id: string, options: SqliteBinding = {}): BackupLock {
  const path = lockFile(dir, id);
  createPrivateFile(path);
  const db = new Database(path, binding(options));
  try {
    // Nothing is ever written: the lock is all this file is for, so no journal file either.
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    release: () => {
      db.close();
      rmSync(path, { force: true });
    },
  };
}

/** Whether a running backup holds the lock of `id`; false when none does or it has no lock file. */
export function backupRunning(dir: string, id: string, options: SqliteBinding = {}): boolean {
  const path = lockFile(dir, id);
  if (!existsSync(path)) return false;
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { ...binding(options), fileMustExist: true });
    db.pragma('journal_mode = MEMORY');
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return false;
  } catch {
    // Held (SQLITE_BUSY), or unreadable: when in doubt, a backup's files are kept.
    return true;
  } finally {
    db?.close();
  }
}
