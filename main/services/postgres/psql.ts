// `spending db psql`: an interactive psql on the server, the password passed
// through the environment (never the command line, never printed).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../db/errors.js';
import { CONTAINER_NAME } from './docker/container-spec.js';
import { candidateBinDirs } from './host-pg-tools.js';
import type { PostgresProvider } from './types.js';

function run(program: string, args: string[], password: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: 'inherit', env: { ...process.env, PGPASSWORD: password } });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

export async function openPsql(provider: PostgresProvider): Promise<number> {
  const url = new URL(await provider.connectionUrl());
  const password = decodeURIComponent(url.password);
  const database = decodeURIComponent(url.pathname.slice(1));
  const user = decodeURIComponent(url.username);
  if (provider.kind === 'docker') {
    const status = await provider.status();
    const port = status.psqlCommand?.match(/-p (\d+)/)?.[1];
    // `-e PGPASSWORD` without a value hands docker's own environment variable to psql.
    return run(
      'docker',
      [
        'exec',
        '-it',
        '-e',
        'PGPASSWORD',
        CONTAINER_NAME,
        'psql',
        ...(port ? ['-h', '127.0.0.1', '-p', port] : []),
        '-U',
        user,
        '-d',
        database,
      ],
      password,
    );
  }
  const psql = candidateBinDirs()
    .map((dir) => join(dir, process.platform === 'win32' ? 'psql.exe' : 'psql'))
    .find((path) => existsSync(path));
  if (!psql)
    throw new AppError(
      'unavailable',
      'psql is not installed on this computer.',
      'Install the PostgreSQL client tools (Debian/Ubuntu: apt install postgresql-client; macOS: brew install libpq).',
    );
  // libpq reads sslmode from the environment; node-postgres's "no-verify" is libpq's "require".
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode) process.env.PGSSLMODE = sslmode === 'no-verify' ? 'require' : sslmode;
  return run(psql, ['-h', url.hostname, '-p', url.port || '5432', '-U', user, '-d', database], password);
}
