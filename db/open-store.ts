// Opens a Store from what a user types: a SQLite file path or a postgres:// URL.
import { resolve } from 'node:path';
import { shippedSchemaVersion } from './migrations-dir.js';
import type { OpenPgOptions } from './pg/open-pg.js';
import type { Executor } from './sql/executor.js';
import { SqlStore } from './sql-store.js';
import { stampStore } from './store-meta.js';
import type { OpenSqliteOptions } from './sqlite/open-sqlite.js';

export type StoreTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export function parseStoreTarget(text: string): StoreTarget {
  if (/^postgres(ql)?:\/\//i.test(text)) return { kind: 'postgres', url: text };
  return { kind: 'sqlite', path: resolve(text) };
}

export type OpenStoreOptions = OpenSqliteOptions & OpenPgOptions;

export async function openStore(target: StoreTarget | string, options: OpenStoreOptions = {}): Promise<SqlStore> {
  const { executor, location, schemaVersion } = await openExecutor(target, options);
  return withExecutor(executor, location, schemaVersion);
}

/**
 * The connection alone, schema brought up to date and stamped with its version
 * and identity; no default rows (the data mover wants none).
 */
export async function openExecutor(
  target: StoreTarget | string,
  options: OpenStoreOptions = {},
): Promise<{ executor: Executor; location: string; schemaVersion: number }> {
  const opened = await openMigrated(target, options);
  try {
    await stampStore(opened.executor, opened.schemaVersion);
  } catch (error) {
    await opened.executor.close();
    throw error;
  }
  return opened;
}

async function openMigrated(
  target: StoreTarget | string,
  options: OpenStoreOptions,
): Promise<{ executor: Executor; location: string; schemaVersion: number }> {
  const t = typeof target === 'string' ? parseStoreTarget(target) : target;
  // Each dialect's driver loads only when used: a CLI call on SQLite starts faster without pg.
  if (t.kind === 'sqlite') {
    const { openSqliteExecutor } = await import('./sqlite/open-sqlite.js');
    return {
      executor: await openSqliteExecutor(t.path, options),
      location: t.path,
      schemaVersion: await shippedSchemaVersion('sqlite'),
    };
  }
  const { openPgExecutor, redactUrl } = await import('./pg/open-pg.js');
  return {
    executor: await openPgExecutor(t.url, options),
    location: redactUrl(t.url),
    schemaVersion: await shippedSchemaVersion('pg'),
  };
}

async function withExecutor(executor: Executor, location: string, schemaVersion: number): Promise<SqlStore> {
  try {
    return await SqlStore.create(executor, location, schemaVersion);
  } catch (error) {
    await executor.close();
    throw error;
  }
}
