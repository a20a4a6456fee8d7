// One consistent view of a PostgreSQL database that other sessions can share:
// pg_dump --snapshot reads exactly what our fingerprints read, so a backup's
// recorded checksums describe the archive even while the app keeps writing.
import type { SQL } from 'drizzle-orm';
import type { Row } from '../sql/executor.js';
import { clientReader, openReadOnlyClient } from './read-only-client.js';

export async function withSnapshot<T>(
  url: string,
  work: (snapshot: string, read: (query: SQL) => Promise<Row[]>) => Promise<T>,
): Promise<T> {
  const client = await openReadOnlyClient(url, 'spending-snapshot');
  try {
    const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const result = await work(rows[0]?.id ?? '', clientReader(client));
    await client.query('COMMIT');
    return result;
  } finally {
    await client.end().catch(() => undefined);
  }
}
