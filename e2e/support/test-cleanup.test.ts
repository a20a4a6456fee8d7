// What the per-test helpers make is gone once the test that made it ends, so a
// test run leaves no spending-* folders or databases behind. The tests run in
// order: the second looks for what the first made.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { tempDir } from './test-cleanup.js';
import { createPgDatabase, tempSqlitePath } from './test-databases.js';

async function databaseExists(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [new URL(url).pathname.slice(1)]);
    return found.rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('per-test folders and databases', () => {
  const made = { folder: '', sqliteFolder: '', database: '' };

  it('are there while the test runs', async () => {
    made.folder = tempDir('cleanup');
    made.sqliteFolder = dirname(tempSqlitePath());
    made.database = await createPgDatabase('cleanup');
    expect(existsSync(made.folder)).toBe(true);
    expect(existsSync(made.sqliteFolder)).toBe(true);
    expect(await databaseExists(made.database)).toBe(true);
  });

  it('are gone once it has ended', async () => {
    expect(made.database).not.toBe('');
    expect(existsSync(made.folder)).toBe(false);
    expect(existsSync(made.sqliteFolder)).toBe(false);
    expect(await databaseExists(made.database)).toBe(false);
  });
});
