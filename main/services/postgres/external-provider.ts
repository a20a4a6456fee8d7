// A PostgreSQL server the user already has. Spending does not start, stop or
// delete it; it tests the connection, reports precisely why one fails, and
// backs up with the pg_dump installed on this computer.
import type { Readable, Writable } from 'node:stream';
import { AppError } from '../../../db/errors.js';
import { findPgTools, hostDump, hostRestore } from './host-pg-tools.js';
import { postgresUrl, selectOne } from './probe.js';
import type { DumpOptions, LogOptions, PasswordSlot, PostgresProvider, ServerStatus, TlsMode } from './types.js';

export interface ExternalServer {
  host: string;
  port: number;
  database: string;
  user: string;
  tls: TlsMode;
}

/** Fields from a postgres:// URL; the password comes back separately so it can go to the keychain. */
export function parseServerUrl(text: string): { server: ExternalServer; password?: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError(
      'invalid_input',
      'That is not a valid postgres:// URL.',
      'Example: postgres://me@db.example.com:5432/spending',
    );
  }
  if (!/^postgres(ql)?:$/.test(url.protocol))
    throw new AppError('invalid_input', 'The URL must start with postgres://.');
  const sslmode = url.searchParams.get('sslmode');
  const tls: TlsMode =
    sslmode === 'disable'
      ? 'disable'
      : sslmode === 'require' || sslmode === 'no-verify'
        ? 'require'
        : sslmode?.startsWith('verify')
          ? 'verify-full'
          : 'prefer';
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  return {
    server: {
      host: url.hostname || 'localhost',
      port: url.port ? Number(url.port) : 5432,
      database: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres',
      user: decodeURIComponent(url.username) || 'postgres',
      tls,
    },
    ...(password ? { password } : {}),
  };
}

/** node-postgres's names for the libpq modes we offer. */
const SSLMODE: Record<Exclude<TlsMode, 'prefer'>, string> = {
  disable: 'disable',
  require: 'no-verify',
  'verify-full': 'verify-full',
};

export class ExternalProvider implements PostgresProvider {
  readonly kind = 'external' as const;

  constructor(
    private readonly server: ExternalServer | undefined,
    private readonly password: PasswordSlot,
  ) {}

  private configured(): ExternalServer {
    if (!this.server)
      throw new AppError(
        'invalid_input',
        'No PostgreSQL server is configured.',
        'Enter its host, port, database and user first.',
      );
    return this.server;
  }

  private async urlWith(tls: Exclude<TlsMode, 'prefer'>): Promise<string> {
    const s = this.configured();
    const password = (await this.password.get()) ?? undefined;
    return postgresUrl({ ...s, ...(password ? { password } : {}), sslmode: SSLMODE[tls] });
  }

  /** libpq's "prefer": TLS when the server offers it, plain otherwise. */
  private async reachable(): Promise<{ url: string; version: string }> {
    const { tls } = this.configured();
    if (tls !== 'prefer') {
      const url = await this.urlWith(tls);
      return { url, version: await selectOne(url) };
    }
    try {
      const url = await this.urlWith('require');
      return { url, version: await selectOne(url) };
    } catch (error) {
      if (!(error instanceof AppError) || !/does not accept TLS/.test(error.message)) throw error;
      const url = await this.urlWith('disable');
      return { url, version: await selectOne(url) };
    }
  }

  async status(): Promise<ServerStatus> {
    if (!this.server)
      return {
        provider: 'external',
        state: 'absent',
        message: 'No server configured.',
        remedy: 'Enter the server details and test the connection.',
      };
    const s = this.server;
    const base = {
      provider: 'external' as const,
      host: s.host,
      port: s.port,
      database: s.database,
      user: s.user,
      storage: `${s.host}:${s.port}/${s.database}`,
      psqlCommand: `psql "host=${s.host} port=${s.port} dbname=${s.database} user=${s.user}${s.tls === 'disable' ? '' : ` sslmode=${s.tls}`}"`,
    };
    try {
      const { version } = await this.reachable();
      return { ...base, state: 'running', version, message: `Connected to ${s.host}:${s.port}.` };
    } catch (error) {
      const e = error instanceof AppError ? error : new AppError('unavailable', String(error));
      return { ...base, state: 'unreachable', message: e.message, ...(e.remedy ? { remedy: e.remedy } : {}) };
    }
  }

  /** For a server we do not run, "start" is "test the connection". */
  async start(): Promise<ServerStatus> {
    await this.reachable();
    return this.status();
  }

  stop(): Promise<ServerStatus> {
    return Promise.reject(
      new AppError('invalid_input', 'Spending does not stop a server it does not run.', 'Stop it where it is managed.'),
    );
  }

  logs(options: LogOptions): Promise<void> {
    options.onLine('The server is not run by Spending, so its logs are wherever its administrator keeps them.');
    return Promise.resolve();
  }

  async connectionUrl(): Promise<string> {
    return (await this.reachable()).url;
  }

  private async tools() {
    const { version } = await this.reachable();
    return findPgTools(Number.parseInt(version, 10));
  }

  private async hostTarget() {
    const s = this.configured();
    return { ...s, password: (await this.password.get()) ?? '' };
  }

  async dump(out: Writable, options?: DumpOptions): Promise<void> {
    await hostDump(await this.tools(), await this.hostTarget(), out, options);
  }

  async restore(archive: Readable, options?: DumpOptions): Promise<void> {
    await hostRestore(await this.tools(), await this.hostTarget(), archive, options);
  }

  /** Forgets the password; the server and its data are the user's and stay. */
  async destroy(): Promise<void> {
    await this.password.delete();
  }
}
