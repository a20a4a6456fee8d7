// What the Database page and `spending db` do: the active store, the
// PostgreSQL providers' life cycle, and backups. Settings are re-read on every
// call because the app and the CLI may both change them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'date-fns';
import { AppError } from '../../../db/errors.js';
import { BackupService, type BackupSource, type RestoreReport, type RunOptions } from '../backups/backup-service.js';
import { backupsDir, type BackupManifest } from '../backups/backup-files.js';
import type { RunningBackup } from '../backups/running-backups.js';
import { DEFAULT_BACKUP_SETTINGS } from '../backups/backup-settings.js';
import { scheduledBackupDue } from '../backups/retention.js';
import { activeStore, Config, loadConfig, saveConfig, type DockerSettings } from '../config/config.js';
import { chooseProvider, createProvider, type PostgresContext } from '../postgres/postgres-service.js';
import { CONTAINER_NAME } from '../postgres/docker/container-spec.js';
import type { LifecycleOptions, LogOptions, PostgresProvider, ProviderKind, ServerStatus } from '../postgres/types.js';

export interface DatabaseOverview {
  /** The store the app reads and writes now. */
  active: { kind: 'sqlite'; path: string } | { kind: 'postgres'; provider: ProviderKind };
  /** The PostgreSQL provider in question: the active one, else the configured or detected one. */
  server: ServerStatus;
}

export interface DatabaseServiceOptions {
  dataDir: string;
  secrets: PostgresContext['secrets'];
  /** better_sqlite3.node for Electron, when running inside the desktop app. */
  nativeBinding?: string;
  /** Where backups are made; by default userData/backups. */
  backups?: BackupService;
}

export class DatabaseService {
  readonly backups: BackupService;

  constructor(private readonly options: DatabaseServiceOptions) {
    this.backups =
      options.backups ??
      new BackupService(
        backupsDir(options.dataDir),
        options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
      );
  }

  private async context(): Promise<PostgresContext> {
    return {
      dataDir: this.options.dataDir,
      config: await loadConfig(this.options.dataDir),
      secrets: this.options.secrets,
    };
  }

  async provider(kind?: ProviderKind): Promise<PostgresProvider> {
    const ctx = await this.context();
    return createProvider(await chooseProvider(ctx, kind), ctx);
  }

  async overview(kind?: ProviderKind): Promise<DatabaseOverview> {
    const ctx = await this.context();
    const provider = await createProvider(await chooseProvider(ctx, kind), ctx);
    return { active: activeStore(this.options.dataDir, ctx.config), server: await provider.status() };
  }

  /** Starts (creating if needed) and, once it runs, remembers the provider as the one to use. */
  async start(
    kind?: ProviderKind,
    options: LifecycleOptions & { docker?: Partial<DockerSettings> } = {},
  ): Promise<ServerStatus> {
    const ctx = await this.context();
    const chosen = await chooseProvider(ctx, kind);
    const { config } = ctx;
    const docker = options.docker ? { ...config.postgres?.docker, ...options.docker } : config.postgres?.docker;
    // Parsed, so the provider sees the same defaults the saved file will have.
    const next = Config.parse({
      ...config,
      postgres: { ...config.postgres, provider: chosen, ...(docker ? { docker } : {}) },
    });
    const status = await (await createProvider(chosen, { ...ctx, config: next })).start(options);
    // Saved only now: a failed start must not leave `db status` and `db stop` aimed at a server that never ran.
    await saveConfig(this.options.dataDir, { ...(await loadConfig(this.options.dataDir)), postgres: next.postgres });
    return status;
  }

  async stop(kind?: ProviderKind): Promise<ServerStatus> {
    const config = await loadConfig(this.options.dataDir);
    const provider = await this.provider(kind);
    if (config.store?.kind === 'postgres' && config.store.provider === provider.kind && provider.kind !== 'external')
      throw new AppError(
        'conflict',
        `The app's data lives in this ${provider.kind} PostgreSQL, so stopping it would cut the app off.`,
        'Quit Spending first, or move your data to another store.',
      );
    return provider.stop();
  }

  async logs(kind: ProviderKind | undefined, options: LogOptions): Promise<void> {
    await (await this.provider(kind)).logs(options);
  }

  /**
   * Removes a server and its data. The confirmation is the container's name
   * (docker) or the provider's name, typed by the user; the CLI passes it for --yes.
   */
  async destroy(kind: ProviderKind, confirmation: string): Promise<void> {
    const expected = destroyConfirmation(kind);
    if (confirmation !== expected)
      throw new AppError('invalid_input', `Type "${expected}" to confirm that its data will be deleted.`);
    const config = await loadConfig(this.options.dataDir);
    if (config.store?.kind === 'postgres' && config.store.provider === kind)
      throw new AppError(
        'protected',
        `The app's data lives in this ${kind} PostgreSQL; it will not be destroyed.`,
        'Move your data to another store first.',
      );
    await (await this.provider(kind)).destroy();
  }

  /** The active store, or the named provider's database. */
  async backupSource(kind?: ProviderKind): Promise<BackupSource> {
    if (kind) return { kind: 'postgres', provider: await this.provider(kind) };
    const active = activeStore(this.options.dataDir, await loadConfig(this.options.dataDir));
    if (active.kind === 'sqlite') return active;
    return { kind: 'postgres', provider: await this.provider(active.provider) };
  }

  /** A backup of the store already running is joined, not started again. */
  async backupNow(kind?: ProviderKind, options: RunOptions = {}): Promise<BackupManifest> {
    return this.backups.backup(await this.backupSource(kind), options);
  }

  /** The backup of the store in use running now (from the page, the schedule, a move or an import). */
  async runningBackup(): Promise<RunningBackup | undefined> {
    return this.backups.runningFor(await this.backupSource());
  }

  /** Waits for the running backup of the store in use; null when none is running. */
  async followBackup(): Promise<BackupManifest | null> {
    return (await this.backups.follow(await this.backupSource())) ?? null;
  }

  async cancelBackup(): Promise<boolean> {
    return this.backups.cancel(await this.backupSource());
  }

  /** SQLite backups become a new file next to the store; PostgreSQL ones go into the provider's empty database. */
  async restore(
    id: string,
    options: RunOptions & { provider?: ProviderKind; to?: string } = {},
  ): Promise<RestoreReport> {
    const backup = await this.backups.find(id);
    if (backup.source.kind === 'sqlite') {
      const to =
        options.to ?? join(this.options.dataDir, `spending-restored-${format(new Date(), 'yyyyMMdd-HHmmss')}.sqlite`);
      return this.backups.restoreSqlite(id, to, options);
    }
    return this.backups.restorePostgres(id, await this.provider(options.provider ?? backup.source.provider), options);
  }

  /** Makes a restored SQLite file the active store; the previous one stays where it is. */
  async useSqliteFile(path: string): Promise<void> {
    if (!existsSync(path)) throw new AppError('not_found', `There is no file ${path}.`);
    const config = await loadConfig(this.options.dataDir);
    await saveConfig(this.options.dataDir, { ...config, store: { kind: 'sqlite', path } });
  }

  /** Runs the scheduled backup when one is due, then prunes; returns the new backup, if any. */
  async scheduledBackup(now = new Date(), options: RunOptions = {}): Promise<BackupManifest | undefined> {
    const settings = (await loadConfig(this.options.dataDir)).backups ?? DEFAULT_BACKUP_SETTINGS;
    if (!scheduledBackupDue(await this.backups.list(), settings.schedule, now)) return undefined;
    const made = await this.backupNow(undefined, { ...options, trigger: 'scheduled' });
    await this.backups.prune(settings);
    return made;
  }
}

export function destroyConfirmation(kind: ProviderKind): string {
  return kind === 'docker' ? CONTAINER_NAME : `${kind} postgres`;
}
