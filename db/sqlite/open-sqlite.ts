import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { AppError } from '../errors.js';
import { migrateOrExplain } from '../migrate-or-explain.js';
import { migrationsDir, shippedSchemaVersion } from '../migrations-dir.js';
import { createPrivateFile } from '../private-files.js';
import { refoldSearchText } from './refold.js';
import { explainSqliteFailure } from './sqlite-errors.js';
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

const writable = (path: string) => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Opens a SQLite store and brings its schema up to date; creates it (as a
 * private file, in a folder that must exist) unless `mustExist`. A store the
 * user may not write to is opened read-only: it can be read, not changed.
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
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  let db: Database.Database | undefined;
  try {
    if (!writable(path) || !writable(dirname(path))) {
      db = openReadOnly(path, binding);
      await checkSchemaVersion(db, path);
      return new SqliteExecutor(db, path);
    }
    const connection = new Database(path, binding);
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
    // Migrations write only when the schema is behind: opening a current store takes no write
    // lock, so a reader never waits for another process's long write (seed-demo, a sync).
    const schemaBefore = db.pragma('schema_version', { simple: true });
    await migrateOrExplain(
      () => migrate(drizzle({ client: connection }), { migrationsFolder: migrationsDir('sqlite') }),
      path,
      (error) => explainSqliteFailure(error, path),
    );
    refoldSearchText(db);
    const executor = new SqliteExecutor(db);
    // A schema just written goes into the file now (see SqliteExecutor.checkpoint).
    if (db.pragma('schema_version', { simple: true }) !== schemaBefore) executor.checkpoint();
    return executor;
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
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
      throw new AppError(
        'unavailable',
        `Cannot open ${path} (${code}).`,
        'Check that the file exists and that you may read it.',
      );
    }
    throw explainSqliteFailure(error, path);
  }
}

/**
 * A store in WAL mode needs its -shm file to be read; where it cannot be
 * created (a read-only folder or disk) and is not there, the file is read
 * into memory instead, as the single-file database it is once closed cleanly.
 */
function openReadOnly(path: string, binding: { nativeBinding?: string }): Database.Database {
  if (writable(dirname(path)) || existsSync(`${path}-shm`)) {
    const db = new Database(path, { ...binding, readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  }
  const image = readFileSync(path);
  // Bytes 18 and 19 say WAL (2) or rollback journal (1); an image in memory has no WAL.
  if (image.length > 19) image.fill(1, 18, 20);
  return new Database(image, { ...binding, readonly: true });
}

/** A read-only store cannot be migrated: it must already be at this version. */
async function checkSchemaVersion(db: Database.Database, path: string): Promise<void> {
  const shipped = await shippedSchemaVersion('sqlite');
  let version: number;
  try {
    const row = db.prepare("SELECT value FROM app_meta WHERE key = 'schema_version'").get() as
      { value: string } | undefined;
    version = Number(row?.value);
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_ERROR') throw error;
    throw new AppError(
      'unavailable',
      `${path} is read-only and is not a Spending store yet.`,
      'Make the file and its folder writable, then open it again.',
    );
  }
  if (version !== shipped)
    throw new AppError(
      'unavailable',
      `${path} is read-only and at schema version ${String(version)}; this Spending needs version ${String(shipped)} and cannot upgrade a file it may not write.`,
      version < shipped
        ? 'Make the file and its folder writable and open it once to upgrade it.'
        : 'Open it with the newer Spending that wrote it.',
    );
}
