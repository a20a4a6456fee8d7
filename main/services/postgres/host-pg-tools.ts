// pg_dump and pg_restore on this computer, for servers Spending does not run
// in a container (embedded, external). pg_dump refuses servers newer than
// itself, so we pick the oldest installed version that is new enough.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { AppError } from '../../../db/errors.js';
import type { DumpOptions } from './types.js';

const run = promisify(execFile);
const exe = process.platform === 'win32' ? '.exe' : '';

function versionedDirs(parent: string, pattern: RegExp, bin: (name: string) => string): string[] {
  try {
    return readdirSync(parent)
      .filter((name) => pattern.test(name))
      .map((name) => join(parent, bin(name)));
  } catch {
    return [];
  }
}

/** Every directory where PostgreSQL client programs commonly live. */
export function candidateBinDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  return [
    ...(env.SPENDING_PG_BIN ? [env.SPENDING_PG_BIN] : []),
    ...versionedDirs('/usr/lib/postgresql', /^\d+$/, (v) => join(v, 'bin')),
    ...versionedDirs('/usr', /^pgsql-\d+$/, (v) => join(v, 'bin')),
    ...versionedDirs('/opt/homebrew/opt', /^(postgresql(@\d+)?|libpq)$/, (v) => join(v, 'bin')),
    ...versionedDirs('/usr/local/opt', /^(postgresql(@\d+)?|libpq)$/, (v) => join(v, 'bin')),
    ...versionedDirs('/Applications/Postgres.app/Contents/Versions', /^\d+$/, (v) => join(v, 'bin')),
    ...versionedDirs('C:\\Program Files\\PostgreSQL', /^\d+$/, (v) => join(v, 'bin')),
    join(homedir(), '.local', 'bin'),
    ...(env.PATH ?? '').split(delimiter).filter(Boolean),
  ];
}

export interface PgTools {
  major: number;
  pgDump: string;
  pgRestore: string;
}

async function majorOf(program: string): Promise<number | undefined> {
  try {
    const { stdout } = await run(program, ['--version']);
    const match = /(\d+)(?:\.\d+)?/.exec(stdout);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The oldest pg_dump/pg_restore pair whose major is at least `serverMajor`. */
export async function findPgTools(serverMajor: number, dirs = candidateBinDirs()): Promise<PgTools> {
  const found: PgTools[] = [];
  for (const dir of new Set(dirs)) {
    const pgDump = join(dir, `pg_dump${exe}`);
    const pgRestore = join(dir, `pg_restore${exe}`);
    if (!existsSync(pgDump) || !existsSync(pgRestore)) continue;
    const major = await majorOf(pgDump);
    if (major !== undefined) found.push({ major, pgDump, pgRestore });
  }
  const usable = found.filter((t) => t.major >= serverMajor).sort((a, b) => a.major - b.major);
  if (usable[0]) return usable[0];
  const seen = found.length ? ` (found only version ${[...new Set(found.map((t) => t.major))].join(', ')})` : '';
  throw new AppError(
    'unavailable',
    `Backing up this PostgreSQL ${serverMajor} server needs pg_dump ${serverMajor} or newer, which is not installed${seen}.`,
    `Install the PostgreSQL ${serverMajor} client tools (Debian/Ubuntu: apt install postgresql-client-${serverMajor}; macOS: brew install libpq), or set SPENDING_PG_BIN to the folder holding pg_dump.`,
  );
}

interface ToolRun {
  program: string;
  args: string[];
  password: string;
  signal?: AbortSignal;
}

/** The password goes through the environment, never the command line (other users can read that). */
function launch({ program, args, password }: ToolRun) {
  return spawn(program, args, {
    env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

async function finish(child: ReturnType<typeof launch>, what: string, streams: Promise<void>, signal?: AbortSignal) {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const onAbort = () => child.kill('SIGTERM');
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const exit = new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const [code] = await Promise.all([exit, streams]);
    signal?.throwIfAborted();
    if (code !== 0)
      throw new AppError('unavailable', `${what} failed: ${stderr.trim() || `exit code ${String(code)}`}`);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

export interface HostTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

const connectionArgs = (t: HostTarget) => ['-h', t.host, '-p', String(t.port), '-U', t.user, '-d', t.database];

export async function hostDump(tools: PgTools, target: HostTarget, out: Writable, options: DumpOptions = {}) {
  const child = launch({
    program: tools.pgDump,
    args: [
      '-Fc',
      '--no-password',
      ...(options.snapshot ? [`--snapshot=${options.snapshot}`] : []),
      ...connectionArgs(target),
    ],
    password: target.password,
  });
  let bytes = 0;
  child.stdout.on('data', (chunk: Buffer) => options.onBytes?.((bytes += chunk.length)));
  await finish(child, 'pg_dump', pipeline(child.stdout, out), options.signal);
}

export async function hostRestore(tools: PgTools, target: HostTarget, archive: Readable, options: DumpOptions = {}) {
  const child = launch({
    program: tools.pgRestore,
    args: [
      '--no-password',
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      ...connectionArgs(target),
    ],
    password: target.password,
  });
  let bytes = 0;
  archive.on('data', (chunk: Buffer) => options.onBytes?.((bytes += chunk.length)));
  await finish(child, 'pg_restore', pipeline(archive, child.stdin), options.signal);
}
