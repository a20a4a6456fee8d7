// Finance data is private to the person it belongs to: the folders Spending
// keeps it in are 0700 and the files it writes 0600, whatever the umask says.
//
// These modes mean this on Linux and macOS. On Windows Node ignores them (bar
// the read-only bit); there privacy comes from the ACL that files and folders
// inherit from their parent. Spending's own folder is under the user's profile
// (%APPDATA%\Spending), whose ACL grants only the user, SYSTEM and the
// Administrators group, so its stores, backups, settings and logs are private
// without Spending setting anything. A store the user puts elsewhere gets that
// folder's ACL, as every other file they save there does.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates Spending's own folder (userData, backups, logs), parents included, as
 * 0700, and tightens it when an earlier version left it open to others. Never
 * call it on a folder the user chose: it is theirs to share.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // Run as root, Spending starts its embedded PostgreSQL as another account, which must reach
  // its data below this folder; a folder root made open on purpose is left as it is.
  if ((statSync(dir).mode & 0o077) === 0 || process.getuid?.() === 0) return;
  try {
    chmodSync(dir, PRIVATE_DIR_MODE);
  } catch {
    // Not ours to change (another owner, a FAT drive): the files inside are still 0600.
  }
}

/**
 * Creates an empty file only its owner can read; false when it already exists.
 * SQLite gives a database's -wal, -shm and -journal files the database file's
 * mode, so a store or backup created this way stays private as it grows.
 */
export function createPrivateFile(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
