// The import's source as the main process takes it (a finance.db path or a
// postgres:// URL, password included) and as the page shows it (never with
// the password).
import type { LegacyEnvReport } from '../../../../preload/contract.js';
import type { SourceChoice } from './import-state';

const POSTGRES_URL = /^postgres(ql)?:\/\/[^\s]+$/i;

export function isPostgresUrl(text: string): boolean {
  return POSTGRES_URL.test(text.trim());
}

/**
 * The URL with the password put in, percent-encoded (the old app's .env
 * passwords may hold '#', '@' or spaces). A password already in the URL wins:
 * the user typed it there on purpose.
 */
export function withPassword(url: string, password: string): string {
  if (!password) return url.trim();
  const parsed = new URL(url.trim());
  if (parsed.password) return parsed.href;
  parsed.password = encodeURIComponent(password);
  return parsed.href;
}

/** The URL as it may be shown: any password replaced by asterisks. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    if (parsed.password) parsed.password = '***';
    // node-postgres takes these from the query string too.
    for (const name of ['password', 'sslpassword'])
      if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
    return parsed.href;
  } catch {
    // Not a URL the page could read: show nothing that might be a password.
    return 'the PostgreSQL database';
  }
}

/** What importLegacy is sent, or null while the choice is incomplete. */
export function sourceOf(choice: SourceChoice): string | null {
  if (choice.kind === 'file') return choice.path || null;
  return isPostgresUrl(choice.url) ? withPassword(choice.url, choice.password) : null;
}

/** How the page names the source. */
export function describeSource(choice: SourceChoice): string {
  return choice.kind === 'file' ? choice.path : redactUrl(choice.url);
}

type EnvSettings = Exclude<LegacyEnvReport, { cancelled: true }>['settings'];

/**
 * The old app's database as its .env describes it (POSTGRES_USER, _HOST,
 * _PORT, _DB), without the password: that went to the keychain. Null when
 * the .env says nothing about PostgreSQL.
 */
export function urlFromEnv(settings: EnvSettings): string | null {
  const { postgresUser, postgresHost, postgresPort, postgresDb } = settings;
  if (!postgresUser && !postgresHost && !postgresDb) return null;
  const user = postgresUser ? `${encodeURIComponent(postgresUser)}@` : '';
  const port = postgresPort ? `:${postgresPort}` : '';
  return `postgres://${user}${postgresHost ?? 'localhost'}${port}/${encodeURIComponent(postgresDb ?? 'spending_db')}`;
}
