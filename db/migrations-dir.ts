// Finds db/migrations/<dialect> whether we run from source (db/), from a
// bundle (out/main, out/cli) or from a packaged app.asar.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function migrationsDir(dialect: 'sqlite' | 'pg'): string {
  const override = process.env.SPENDING_MIGRATIONS_DIR;
  if (override) return join(override, dialect);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    for (const candidate of [join(dir, 'migrations', dialect), join(dir, 'db', 'migrations', dialect)]) {
      if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    }
    dir = dirname(dir);
  }
  throw new Error(`Cannot find the ${dialect} migrations near ${fileURLToPath(import.meta.url)}`);
}

/** The schema version a store reaches after migrating: the number of migrations shipped. */
export async function shippedSchemaVersion(dialect: 'sqlite' | 'pg'): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const journal = JSON.parse(await readFile(join(migrationsDir(dialect), 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}
