// Per-test stores: SQLite temp files, and databases on the vitest run's
// shared PostgreSQL server; both removed when the test (or file) that made
// them is done (test-cleanup.ts).
import { join } from 'node:path';
import { inject } from 'vitest';
import { createDatabaseOn, dropDatabaseOn } from './postgres-server.js';
import { cleanUpAfter, tempDir } from './test-cleanup.js';

export async function createPgDatabase(prefix = 'test'): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const url = await createDatabaseOn(adminUrl, prefix);
  cleanUpAfter(() => dropDatabaseOn(adminUrl, url));
  return url;
}

export function tempSqlitePath(name = 'store'): string {
  return join(tempDir('test'), `${name}.sqlite`);
}

/** Both dialects, for `describe.each`: each call opens a new, empty target. */
export const storeTargets = [
  { dialect: 'sqlite', target: () => Promise.resolve(tempSqlitePath()) },
  { dialect: 'postgres', target: () => createPgDatabase() },
] as const;
