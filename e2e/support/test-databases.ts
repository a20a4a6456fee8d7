// Per-test stores: SQLite temp files, and databases on the vitest run's
// shared PostgreSQL server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createDatabaseOn } from './postgres-server.js';

export function createPgDatabase(prefix = 'test'): Promise<string> {
  return createDatabaseOn(inject('pgAdminUrl'), prefix);
}

export function tempSqlitePath(name = 'store'): string {
  return join(mkdtempSync(join(tmpdir(), 'spending-test-')), `${name}.sqlite`);
}

/** Both dialects, for `describe.each`: each call opens a new, empty target. */
export const storeTargets = [
  { dialect: 'sqlite', target: () => Promise.resolve(tempSqlitePath()) },
  { dialect: 'postgres', target: () => createPgDatabase() },
] as const;
