// The copy of the old app's finance.db made before anything is imported
// (LEGACY.md rule 1). It comes through SQLite's online backup API from the
// import's own read-only connection, so it holds exactly the snapshot that is
// imported, rows still in finance.db-wal included (a copy of the file would
// miss them). It is private from its first byte, written under a .partial
// name, proven to hold the same content as the source, and only then given
// its name: a failure (a full disk, a cancel) leaves nothing behind.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { format } from 'date-fns';
import { AppError } from '../errors.js';
import { openLegacySqlite, type LegacySource } from './legacy-source.js';

const PARTIAL = '.partial';

export async function backupLegacySqlite(
  source: LegacySource,
  dir: string,
  identity: string,
  signal?: AbortSignal,
): Promise<string> {
  if (!source.backup) throw new Error('Only a SQLite source is backed up here');
  const copy = join(dir, `legacy-${format(new Date(), 'yyyyMMdd-HHmmss-SSS')}-${basename(source.location)}`);
  const partial = `${copy}${PARTIAL}`;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // SQLite writes into the file as it finds it, so it is 0600 before it holds a byte.
    await writeFile(partial, '', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    throw cannotWrite(source, dir, error);
  }
  try {
    await source.backup(partial, signal);
    await standalone(partial);
    if ((await identityOf(partial, signal)) !== identity)
      throw new AppError(
        'unavailable',
        `The backup copy of ${source.location} does not hold what it holds. Nothing was imported.`,
        'Check the disk, then try again.',
      );
    await rename(partial, copy);
    return copy;
  } catch (error) {
    await Promise.all(['', '-journal', '-wal', '-shm'].map((end) => rm(`${partial}${end}`, { force: true })));
    if (error instanceof AppError || signal?.aborted) throw error;
    throw cannotWrite(source, dir, error);
  }
}

function cannotWrite(source: LegacySource, dir: string, error: unknown): AppError {
  const code = (error as { code?: string }).code ?? (error as Error).message;
  return new AppError(
    'unavailable',
    `The backup copy of ${source.location} could not be written in ${dir} (${code}). Nothing was imported, and no part of the copy was left behind.`,
    'Free some disk space, or check that you may write to that folder, then try again.',
  );
}

/** One file that holds everything: a WAL-mode copy would grow -wal and -shm files whenever it is opened. */
async function standalone(path: string): Promise<void> {
  const { default: Sqlite } = await import('better-sqlite3');
  const db = new Sqlite(path, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

async function identityOf(path: string, signal?: AbortSignal): Promise<string> {
  const copy = await openLegacySqlite(path);
  try {
    return await copy.identity(signal);
  } finally {
    await copy.close();
  }
}
