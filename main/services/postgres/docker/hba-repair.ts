// The official image runs initdb with POSTGRES_INITDB_ARGS only, and initdb's
// own pg_hba.conf trusts TCP connections from 127.0.0.1 and ::1. With
// `--network host` the container's loopback is the computer's, so anyone on
// the computer logged in as spending_user, a superuser, without the password.
// Containers created now pass --auth-host=scram-sha-256; volumes initialised
// before keep the trusting lines, so every start rewrites them to ask for the
// password and reloads the server's rules.
import pg from 'pg';
import { AppError } from '../../../../db/errors.js';
import { waitFor } from '../probe.js';
import { CONTAINER_NAME, PASSWORD_METHOD } from './container-spec.js';

/** A TCP rule (host, hostssl, …) that lets anyone in, or a line the server cannot read. */
interface HbaProblem {
  file: string;
  line: number;
  error: string | null;
}

// file_name exists from PostgreSQL 16 on (include directives); before, every rule is in hba_file.
const PROBLEMS_SQL = `
  SELECT coalesce(to_jsonb(r) ->> 'file_name', current_setting('hba_file')) AS file,
         r.line_number AS line, r.error
    FROM pg_hba_file_rules r
   WHERE r.error IS NOT NULL OR (r.type <> 'local' AND r.auth_method = 'trust')`;

// A "#" starts a comment; one inside a quoted name is not worth the parser it would need.
const TRUST_WORD = /(^|\s)trust(?=\s|$)/g;

/**
 * The text with the last `trust` word of each listed 1-based line (the method:
 * options after it are name=value) replaced, and `note` as a comment above each.
 */
export function requirePasswordOn(text: string, lines: readonly number[], note: string): string {
  const wanted = new Set(lines);
  return text
    .split('\n')
    .flatMap((line, index) => {
      if (!wanted.has(index + 1)) return [line];
      const hash = line.indexOf('#');
      const rule = hash === -1 ? line : line.slice(0, hash);
      const last = [...rule.matchAll(TRUST_WORD)].at(-1);
      if (!last) return [line];
      const at = last.index + (last[1]?.length ?? 0);
      const eol = line.endsWith('\r') ? '\r' : '';
      return [`# ${note}${eol}`, `${line.slice(0, at)}${PASSWORD_METHOD}${line.slice(at + 'trust'.length)}`];
    })
    .join('\n');
}

async function problems(client: pg.Client): Promise<HbaProblem[]> {
  return (await client.query<HbaProblem>(PROBLEMS_SQL)).rows;
}

async function loadTime(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ at: string }>('SELECT pg_conf_load_time()::text AS at');
    return rows[0]?.at ?? '';
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Makes every TCP rule that trusted everyone ask for the password, writing each
 * changed file through `write` (inside the container), and returns once the
 * server's new sessions follow the new rules. Resolves with how many rules changed.
 */
export async function requirePasswordsOverTcp(
  url: string,
  write: (file: string, text: string) => Promise<void>,
): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await problems(client);
    if (!found.length) return 0;
    const unreadable = found.find((p) => p.error);
    if (unreadable)
      throw new AppError(
        'unavailable',
        `Line ${String(unreadable.line)} of ${unreadable.file} is not valid (${String(unreadable.error)}), so Spending cannot check who may log in without a password.`,
        `Correct that line (docker exec -it ${CONTAINER_NAME} sh), then start the server again.`,
      );
    const note = `Spending ${new Date().toISOString()}: was "trust" (no password for anyone who can reach this address).`;
    const originals = new Map<string, string>();
    for (const file of new Set(found.map((p) => p.file))) {
      const { rows } = await client.query<{ text: string }>('SELECT pg_read_file($1) AS text', [file]);
      const text = rows[0]?.text ?? '';
      originals.set(file, text);
      const lines = found.filter((p) => p.file === file).map((p) => p.line);
      await write(file, requirePasswordOn(text, lines, note));
    }
    const left = await problems(client);
    if (left.length) {
      // The server keeps its rules until a reload it can read; put back what it was so no half edit waits for one.
      for (const [file, text] of originals) await write(file, text);
      throw new AppError(
        'unavailable',
        `Spending could not make ${left[0]?.file ?? 'pg_hba.conf'} ask for the password on line ${String(left[0]?.line)}.`,
        `Change "trust" to "${PASSWORD_METHOD}" on that line yourself (docker exec -it ${CONTAINER_NAME} sh), then start the server again.`,
      );
    }
    const before = await loadTime(url);
    await client.query('SELECT pg_reload_conf()');
    // The postmaster reloads between two connections it accepts: a session that sees a newer load time
    // was started under the new rules.
    await waitFor(
      async () => {
        if ((await loadTime(url)) === before) throw new Error('the server has not reloaded its rules yet');
      },
      { timeoutMs: 30_000, what: 'The reloaded login rules' },
    );
    return found.length;
  } finally {
    await client.end().catch(() => undefined);
  }
}
