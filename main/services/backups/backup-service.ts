// Back up and restore every kind of store: SQLite through the online backup
// API, PostgreSQL through pg_dump -Fc (inside the container for Docker). Each
// backup records the row count and checksum of every table at the moment it
// was taken; a restore is accepted only when the restored data matches them.
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { AppError } from '../../../db/errors.js';
import { withSnapshot } from '../../../db/pg/snapshot.js';
import { diskFullDuring } from '../../../db/store-errors.js';
import { sql } from 'drizzle-orm';
import {
  compareFingerprints,
  fingerprintAll,
  type Fingerprints,
  type ReadRows,
} from '../../../db/verify/table-fingerprints.js';
import type { PostgresProvider } from '../postgres/types.js';
import {
  PARTIAL,
  backupId,
  listBackups,
  prepareDir,
  removeBackup,
  removePartials,
  sha256File,
  writeManifest,
  type BackupManifest,
} from './backup-files.js';
import { lockBackup } from './backup-lock.js';
import type { BackupSettings } from './backup-settings.js';
import { backupsToPrune } from './retention.js';
import { RunningBackups, type RunningBackup } from './running-backups.js';
import { backupSqliteFile, fingerprintSqliteFile, removeSqliteFile } from './sqlite-backup.js';

export type BackupSource = { kind: 'sqlite'; path: string } | { kind: 'postgres'; provider: PostgresProvider };

export interface BackupProgress {
  phase: 'copy' | 'checksums' | 'verify' | 'restore';
  message: string;
  /** Bytes or pages done, when known. */
  done?: number;
  total?: number;
}

export interface RunOptions {
  trigger?: BackupManifest['trigger'];
  signal?: AbortSignal;
  onProgress?: (progress: BackupProgress) => void;
}

export interface RestoreReport {
  backup: BackupManifest;
  /** Where the data went: a new SQLite file, or the provider's database. */
  restoredTo: string;
  tables: Record<string, { rows: number; checksumMatch: boolean }>;
  ms: number;
}

export class BackupService {
  private readonly running = new RunningBackups();

  constructor(
    readonly dir: string,
    private readonly sqliteOptions: { nativeBinding?: string } = {},
  ) {}

  list(): Promise<BackupManifest[]> {
    return listBackups(this.dir);
  }

  /** Backs up the store, or joins the backup of it already running (one at a time per store). */
  backup(source: BackupSource, options: RunOptions = {}): Promise<BackupManifest> {
    return this.running.run(storeKey(source), options, async (run) => {
      try {
        return await this.make(source, run);
      } catch (error) {
        if (!run.signal.aborted || error instanceof AppError) throw error;
        throw new AppError('unavailable', 'The backup was cancelled.', 'Earlier backups are untouched.');
      }
    });
  }

  /** The backup of this store that is running now, with its latest progress. */
  runningFor(source: BackupSource): RunningBackup | undefined {
    return this.running.find(storeKey(source));
  }

  /** The result of the backup of this store running now; undefined when none is. */
  follow(source: BackupSource): Promise<BackupManifest> | undefined {
    return this.running.follow(storeKey(source));
  }

  cancel(source: BackupSource): boolean {
    return this.running.cancel(storeKey(source));
  }

  /** Overridable so a test can hold a backup part way; everything else goes through backup(). */
  protected async make(source: BackupSource, options: RunOptions): Promise<BackupManifest> {
    const started = performance.now();
    prepareDir(this.dir);
    const id = backupId(source.kind, new Date());
    const lock = lockBackup(this.dir, id, this.sqliteOptions);
    const file = `${id}.${source.kind === 'sqlite' ? 'sqlite' : 'dump'}`;
    const partial = join(this.dir, file + PARTIAL);
    try {
      await removePartials(this.dir, this.sqliteOptions);
      const { tables, sourceInfo } =
        source.kind === 'sqlite'
          ? await this.copySqlite(source.path, partial, options)
          : await this.dumpPostgres(source.provider, partial, options);
      const manifest: BackupManifest = {
        format: 'spending-backup',
        version: 1,
        id,
        createdAt: new Date().toISOString(),
        trigger: options.trigger ?? 'manual',
        source: sourceInfo,
        file,
        bytes: (await stat(partial)).size,
        sha256: await sha256File(partial),
        tables,
        ms: Math.round(performance.now() - started),
      };
      await rename(partial, join(this.dir, file));
      await writeManifest(this.dir, manifest);
      return manifest;
    } catch (error) {
      // Everything this backup wrote goes: a failed one must not keep the disk full.
      await Promise.all([
        removeSqliteFile(partial),
        rm(join(this.dir, file), { force: true }),
        rm(join(this.dir, `${id}.json${PARTIAL}`), { force: true }),
      ]);
      throw diskFullDuring(error, {
        what: `backing up ${source.kind === 'sqlite' ? source.path : `the ${source.provider.kind} PostgreSQL`}`,
        dir: this.dir,
        ...(source.kind === 'sqlite' ? { neededBytes: sqliteBytes(source.path) } : {}),
      });
    } finally {
      lock.release();
    }
  }

  private async copySqlite(path: string, partial: string, options: RunOptions) {
    if (!existsSync(path)) throw new AppError('not_found', `There is no store at ${path} to back up.`);
    await backupSqliteFile(path, partial, {
      ...this.sqliteOptions,
      signal: options.signal,
      onProgress: (done, total) =>
        options.onProgress?.({ phase: 'copy', message: 'Copying the database', done, total }),
    });
    options.onProgress?.({ phase: 'checksums', message: 'Recording row counts and checksums' });
    return {
      tables: await fingerprintSqliteFile(partial, this.sqliteOptions),
      sourceInfo: { kind: 'sqlite' as const, path },
    };
  }

  /** pg_dump reads the same exported snapshot as our checksums, so both describe one moment. */
  private async dumpPostgres(provider: PostgresProvider, partial: string, options: RunOptions) {
    const status = await provider.status();
    if (status.state !== 'running')
      throw new AppError(
        'unavailable',
        `The ${provider.kind} PostgreSQL is not running: ${status.message}`,
        status.remedy ?? 'Start it first.',
      );
    const tables = await withSnapshot(await provider.connectionUrl(), async (snapshot, read) => {
      const out = createWriteStream(partial, { mode: 0o600 });
      const dumping = provider.dump(out, {
        snapshot,
        ...(options.signal ? { signal: options.signal } : {}),
        onBytes: (done) => options.onProgress?.({ phase: 'copy', message: 'Running pg_dump', done }),
      });
      const [dumped, counted] = await Promise.allSettled([dumping, pgFingerprints(read)]);
      if (dumped.status === 'fulfilled' && counted.status === 'fulfilled') return counted.value;
      // A server that went away explains every other failure; otherwise a checksum failure
      // comes first, since it aborts the snapshot's transaction and so the dump.
      const now = await provider.status();
      if (now.state !== 'running')
        throw new AppError(
          'unavailable',
          `The ${provider.kind} PostgreSQL stopped during the backup: ${now.message}`,
          'Start it again and retry. Earlier backups are untouched.',
        );
      throw counted.status === 'rejected' ? counted.reason : (dumped as PromiseRejectedResult).reason;
    });
    return {
      tables,
      sourceInfo: { kind: 'postgres' as const, provider: provider.kind, serverVersion: status.version ?? 'unknown' },
    };
  }

  async find(id: string): Promise<BackupManifest> {
    const found = (await this.list()).find((b) => b.id === id);
    if (!found) throw new AppError('not_found', `There is no backup ${id}.`, 'List them with `spending db backups`.');
    return found;
  }

  /** The backup file is whole: same size and SHA-256 as when it was made. */
  private async checkFile(backup: BackupManifest): Promise<string> {
    const path = join(this.dir, backup.file);
    if ((await sha256File(path)) !== backup.sha256)
      throw new AppError(
        'protected',
        `The backup file ${path} has changed since it was made (its SHA-256 differs), so it will not be restored.`,
        'Choose another backup.',
      );
    return path;
  }

  /** Restores a SQLite backup into a new file; the current store is left as it is. */
  async restoreSqlite(id: string, destination: string, options: RunOptions = {}): Promise<RestoreReport> {
    const started = performance.now();
    const backup = await this.find(id);
    if (backup.source.kind !== 'sqlite')
      throw new AppError('invalid_input', `${id} is a PostgreSQL backup; restore it into a PostgreSQL server.`);
    if (existsSync(destination))
      throw new AppError(
        'conflict',
        `${destination} already exists; a restore never overwrites a file.`,
        'Choose a new file name.',
      );
    if (!existsSync(dirname(destination)))
      throw new AppError(
        'not_found',
        `The folder ${dirname(destination)} does not exist, so nothing can be restored into it.`,
        'Check the path, or create the folder first.',
      );
    const path = await this.checkFile(backup);
    const partial = destination + PARTIAL;
    try {
      options.onProgress?.({ phase: 'restore', message: 'Copying the backup' });
      await pipeline(createReadStream(path), createWriteStream(partial, { mode: 0o600 }));
      options.onProgress?.({ phase: 'verify', message: 'Checking row counts and checksums' });
      const report = this.verify(
        backup,
        await fingerprintSqliteFile(partial, this.sqliteOptions),
        destination,
        started,
      );
      await rename(partial, destination);
      return report;
    } catch (error) {
      await removeSqliteFile(partial);
      throw diskFullDuring(error, { what: `restoring ${id}`, dir: dirname(destination), neededBytes: backup.bytes });
    }
  }

  /** Restores a PostgreSQL backup into the provider's database, which must be empty. */
  async restorePostgres(id: string, provider: PostgresProvider, options: RunOptions = {}): Promise<RestoreReport> {
    const started = performance.now();
    const backup = await this.find(id);
    if (backup.source.kind !== 'postgres')
      throw new AppError('invalid_input', `${id} is a SQLite backup; restore it as a SQLite file.`);
    const path = await this.checkFile(backup);
    const url = await provider.connectionUrl();
    await assertEmpty(url);
    options.onProgress?.({ phase: 'restore', message: 'Running pg_restore', total: backup.bytes });
    await provider.restore(createReadStream(path), {
      ...(options.signal ? { signal: options.signal } : {}),
      onBytes: (done) =>
        options.onProgress?.({ phase: 'restore', message: 'Running pg_restore', done, total: backup.bytes }),
    });
    options.onProgress?.({ phase: 'verify', message: 'Checking row counts and checksums' });
    const restored = await withSnapshot(url, (_snapshot, read) => pgFingerprints(read));
    const status = await provider.status();
    return this.verify(
      backup,
      restored,
      `${provider.kind} PostgreSQL ${status.host ?? ''}:${String(status.port ?? '')}/${status.database ?? ''}`,
      started,
    );
  }

  private verify(backup: BackupManifest, restored: Fingerprints, restoredTo: string, started: number): RestoreReport {
    const differences = compareFingerprints(backup.tables, restored);
    if (differences.length)
      throw new AppError(
        'internal',
        `The restored data does not match the backup in ${differences.map((d) => d.table).join(', ')} (row counts or checksums differ).`,
        'Nothing was switched over. Try another backup, and report this problem.',
      );
    const tables = Object.fromEntries(
      Object.entries(restored).map(([name, f]) => [name, { rows: f.rows, checksumMatch: true }]),
    );
    return { backup, restoredTo, tables, ms: Math.round(performance.now() - started) };
  }

  /** Removes scheduled backups outside the policy; returns their ids. */
  async prune(settings: Pick<BackupSettings, 'keepDaily' | 'keepWeekly'>): Promise<string[]> {
    const doomed = backupsToPrune(await this.list(), settings);
    for (const backup of doomed) await removeBackup(this.dir, backup);
    return doomed.map((b) => b.id);
  }
}

/** What a copy of a SQLite store takes: the file and what its WAL adds. */
function sqliteBytes(path: string): number {
  const size = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  return size(path) + size(`${path}-wal`);
}

const storeKey = (source: BackupSource) =>
  source.kind === 'sqlite' ? resolve(source.path) : `postgres:${source.provider.kind}`;

/** A server where the app never opened its store has none of its tables yet. */
async function pgFingerprints(read: ReadRows): Promise<Fingerprints> {
  const rows = await read(sql`SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`);
  const present = new Set(rows.map((r) => String(r.tablename)));
  return fingerprintAll(read, (table) => present.has(table));
}

/** pg_restore into a database that already has tables would mix two histories. */
async function assertEmpty(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
    );
    if (Number(rows[0]?.n) > 0)
      throw new AppError(
        'conflict',
        'The PostgreSQL database to restore into is not empty.',
        'Restore into a new server: back up what is there, destroy it, start it again (empty), then restore.',
      );
  } finally {
    await client.end();
  }
}
