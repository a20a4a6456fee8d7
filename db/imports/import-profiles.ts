// Column mappings saved per bank, by name. The store keeps them as given;
// the statement parsers check them (csv-mapping.ts) when they are saved and
// when they are used.
import { sql } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Executor } from '../sql/executor.js';

export interface ImportProfile {
  name: string;
  mapping: unknown;
}

const readJson = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

export class ImportProfiles {
  constructor(private readonly db: Executor) {}

  /** Saves (or replaces) the mapping under `name`. */
  async save(name: string, mapping: unknown): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed)
      throw new AppError(
        'invalid_input',
        'The profile name is empty.',
        'Name it after the bank, e.g. --save-profile monzo.',
      );
    await this.db.run(
      sql`INSERT INTO import_profiles (name, mapping) VALUES (${trimmed}, ${JSON.stringify(mapping)})
          ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping`,
    );
  }

  async get(name: string): Promise<unknown> {
    const [row] = await this.db.all(sql`SELECT mapping FROM import_profiles WHERE name = ${name.trim()}`);
    if (!row) {
      const names = (await this.list()).map((p) => p.name);
      throw new AppError(
        'not_found',
        `There is no import profile called “${name}”.`,
        names.length
          ? `Use one of: ${names.join(', ')}.`
          : 'Save one first: spending import FILE --map date=…,description=…,amount=… --save-profile NAME.',
      );
    }
    return readJson(row.mapping);
  }

  /** Removes the profile; false when there was none of that name. */
  async delete(name: string): Promise<boolean> {
    return (await this.db.run(sql`DELETE FROM import_profiles WHERE name = ${name.trim()}`)) > 0;
  }

  async list(): Promise<ImportProfile[]> {
    const rows = await this.db.all(sql`SELECT name, mapping FROM import_profiles ORDER BY name`);
    return rows.map((r) => ({ name: String(r.name), mapping: readJson(r.mapping) }));
  }
}
