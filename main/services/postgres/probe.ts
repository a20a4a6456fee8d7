// "Ready" means a real query answered, not just a port that accepts TCP or a
// healthcheck that passed inside a container.
import pg from 'pg';
import { explainPgError, redactUrl } from '../../../db/pg/connection-errors.js';

/** Runs `SELECT 1` and returns the server version; throws an explained AppError. */
export async function selectOne(url: string, timeoutMs = 5_000): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  } catch (error) {
    throw explainPgError(error, redactUrl(url));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Polls `check` until it resolves, for a server that is starting. Polling is
 * the only way to learn that a separate process became ready.
 */
export async function waitFor<T>(
  check: () => Promise<T>,
  options: { signal?: AbortSignal; timeoutMs: number; what: string; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${options.what} did not become ready within ${options.timeoutMs / 1000} s: ${reason}`, {
          cause: error,
        });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}

export function postgresUrl(parts: {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  sslmode?: string;
}): string {
  const url = new URL('postgres://localhost');
  url.hostname = parts.host;
  url.port = String(parts.port);
  url.pathname = `/${encodeURIComponent(parts.database)}`;
  url.username = encodeURIComponent(parts.user);
  if (parts.password) url.password = encodeURIComponent(parts.password);
  if (parts.sslmode) url.searchParams.set('sslmode', parts.sslmode);
  return url.toString();
}
