// PostgreSQL connection failures in words people can act on. Shared by opening
// a store and by "Test connection", so both say the same thing.
import { AppError } from '../errors.js';

// node-postgres also takes these from the query string (postgres://me@host/db?password=…).
const SECRET_PARAMS = ['password', 'sslpassword'];

/** The URL with any password replaced, safe for logs and the UI. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const name of SECRET_PARAMS) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** An AppError for connection failures we recognise; anything else unchanged. */
export function explainPgError(error: unknown, where: string): unknown {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (/does not support SSL/i.test(message))
    return new AppError(
      'unavailable',
      `${where} does not accept TLS connections.`,
      'Set the TLS mode to "disable" or "prefer", or enable ssl on the server.',
    );
  if (/no encryption/i.test(message) || (code === '28000' && /SSL off/i.test(message)))
    return new AppError(
      'unavailable',
      `${where} accepts only TLS connections from here.`,
      'Set the TLS mode to "require" (or "verify-full" with the server\'s certificate trusted).',
    );
  if (/self[- ]signed certificate|unable to verify|certificate/i.test(message) && !code?.match(/^\d/))
    return new AppError(
      'unavailable',
      `The TLS certificate of ${where} is not trusted: ${message}.`,
      'Trust the server\'s certificate authority, or set the TLS mode to "require", which encrypts without checking it.',
    );
  // node-postgres says this when the server asks for a password and none was given.
  if (/client password must be a string/i.test(message))
    return new AppError(
      'unavailable',
      `PostgreSQL at ${where} asks for a password, and none was given.`,
      'Give it in the URL (postgres://user:password@host/database), or name the server Spending runs (embedded, docker) or uses (external) instead of a URL, and its password is read from the keychain.',
    );
  switch (code) {
    case 'ECONNREFUSED':
      return new AppError(
        'unavailable',
        `Nothing is accepting connections at ${where}.`,
        'Start the PostgreSQL server or check the host and port.',
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AppError('unavailable', `The host in ${where} does not resolve.`, 'Check the host name.');
    case 'ETIMEDOUT':
      return new AppError(
        'unavailable',
        `${where} did not answer in time.`,
        'Check the host, the port and any firewall between you and the server.',
      );
    case '28P01':
    case '28000':
      return new AppError(
        'unavailable',
        `PostgreSQL refused the user name or password for ${where}.`,
        'Check the user and password.',
      );
    case '3D000':
      return new AppError(
        'unavailable',
        `The database in ${where} does not exist.`,
        'Create it, or pick an existing database.',
      );
    case '57P03':
      return new AppError('unavailable', `${where} is still starting up.`, 'Try again in a few seconds.');
    default:
      return error;
  }
}
