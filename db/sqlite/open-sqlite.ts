import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { AppError } from '../errors.js';
import { migrateOrExplain } from '../migrate-or-explain.js';
import { migrationsDir } from '../migrations-dir.js';
import { createPrivateFile } from '../private-files.js';
import { SqliteExecutor } from './sqlite-executor.js';

export interface OpenSqliteOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron). */
  nativeBinding?: string;
  /**
   * Refuse a file that does not exist instead of creating a store there. Only
   * what is meant to make a store (seed-demo, a move's or an import's target,
   * the app's own store on its first run) may create one: anything else given
   * a mistyped path would report an empty store as if it were the user's.
   */
  mustExist?: boolean;
}

/**
 * Opens a SQLite store and brings its schema up to date; creates it (as a
 * private file, in a folder that must exist) unless `mustExist`.
 */
export async function openSqliteExecutor(path: string, options: OpenSqliteOptions = {}): Promise<SqliteExecutor> {
  if (!existsSync(path)) {
    if (options.mustExist)
      throw new AppError(
        'not_found',
        `There is no store at ${path}.`,
        'Check the path. Only seed-demo, migrate --to and import-legacy create a store; nothing else makes one for a mistyped path.',
      );
    if (!existsSync(dirname(path)))
      throw new AppError(
        'not_found',
        `The folder ${dirname(path)} does not exist, so no store can be created in it.`,
        'Check the path, or create the folder first.',
      );
    createPrivateFile(path);
  }
  let db: Database.Database | undefined;
  try {
    const connection = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    db = connection;
    db.pragma('journal_mode = WAL');
    // FULL: a commit the user saw survives a power cut, not just a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    // ANALYZE samples instead of reading every row: plans as good, seconds faster at 1M rows.
    db.pragma('analysis_limit = 2000');
    await migrateOrExplain(
      () => migrate(drizzle({ client: connection }), { migrationsFolder: migrationsDir('sqlite') }),
      path,
    );
    return new SqliteExecutor(db);
  } catch (error) {
    db?.close();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new AppError(
        'unavailable',
        `${path} is not a SQLite database Spending can open (${code}).`,
        'Choose another file, or restore it from a backup.',
      );
    }
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
      throw new AppError(
        'unavailable',
        `Cannot open ${path} for writing (${code}).`,
        'Check that you may write to the file and its folder.',
      );
    }
    throw error;
  }
}
