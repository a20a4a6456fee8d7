// The guided move between SQLite and PostgreSQL behind the Database page's
// wizard: preflight, a backup of the store in use, the verified copy with
// progress and cancel, and the switch-over. The store in use stays as it is
// until the user deletes it, so moving back is the same move the other way.
import { statfs } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { format } from 'date-fns';
import { preflightMove } from '../../../db/datamover/move-store.js';
import { importLegacy, type LegacyReport } from '../../../db/legacy/import-legacy.js';
import { runJobHere, type RunJob } from '../../worker/store-jobs.js';
import { backupsDir } from '../backups/backup-files.js';
import type { LegacyImportHooks } from './legacy-import-hooks.js';
import type { MoveProgress, MoveReport } from '../../../db/datamover/move-report.js';
import { verifyStores } from '../../../db/datamover/verify-stores.js';
import { AppError } from '../../../db/errors.js';
import type { StoreTarget } from '../../../db/open-store.js';
import { activeStore, saveConfig, type StoreSetting } from '../config/config.js';
import { storeTarget } from '../postgres/postgres-service.js';
import type { ProviderKind } from '../postgres/types.js';
import type { DatabaseService } from './database-service.js';

export type MoveDestination =
  { kind: 'postgres'; provider: ProviderKind } | { kind: 'sqlite'; path?: string | undefined };

export interface MovePlan {
  from: string;
  to: string;
  /** Pass this back to run(): a new SQLite file gets its name here. */
  destination: StoreSetting;
  /** Rows to copy, all tables together. */
  rows: number;
  transactions: number;
  /** The target already holds data of its own: the move must replace it. */
  targetHoldsData: boolean;
  freeBytes: number | null;
  /** A rough figure from the measured rate (about 45,000 rows/s). */
  estimatedSeconds: number;
}

export interface MovePhase {
  phase: 'start' | 'backup' | 'copy' | 'done';
  message: string;
  progress?: MoveProgress;
}

const ROWS_PER_SECOND = 45_000;

export class MoveService {
  private running: AbortController | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly database: DatabaseService,
    private readonly context: () => Promise<Parameters<typeof storeTarget>[1]>,
    /** Token re-encryption and pg_dump for legacy imports; they need the app's secrets service. */
    private readonly importHooks: () => Promise<LegacyImportHooks> = () => Promise.resolve({}),
    /** Where the copy runs: the app gives its store workers' (store-workers.ts), so its pages never block the window. */
    private readonly runJob: RunJob = runJobHere(),
  ) {}

  private async source(): Promise<{ setting: StoreSetting; target: StoreTarget }> {
    const ctx = await this.context();
    const setting = activeStore(this.dataDir, ctx.config);
    return { setting, target: await storeTarget(setting, ctx) };
  }

  private defaultSqlitePath(): string {
    return join(this.dataDir, `spending-${format(new Date(), 'yyyyMMdd-HHmmss')}.sqlite`);
  }

  /** Where the data would go: a PostgreSQL provider (started if Spending runs it) or a SQLite file. */
  private async destination(
    to: MoveDestination,
    onPhase?: (p: MovePhase) => void,
  ): Promise<{ setting: StoreSetting; target: StoreTarget }> {
    if (to.kind === 'sqlite') {
      if (to.path !== undefined && !isAbsolute(to.path))
        throw new AppError('invalid_input', `${to.path} is not a full path.`, 'Give the whole path of the new file.');
      const path = to.path ?? this.defaultSqlitePath();
      return { setting: { kind: 'sqlite', path }, target: { kind: 'sqlite', path } };
    }
    const setting: StoreSetting = { kind: 'postgres', provider: to.provider };
    const target = await storeTarget(setting, await this.context(), {
      onProgress: (p) => onPhase?.({ phase: 'start', message: p.message }),
    });
    return { setting, target };
  }

  async plan(to: MoveDestination, onPhase?: (p: MovePhase) => void): Promise<MovePlan> {
    const from = await this.source();
    const dest = await this.destination(to, onPhase);
    if (JSON.stringify(from.setting) === JSON.stringify(dest.setting))
      throw new AppError('invalid_input', 'Your data is already there.');
    const preflight = await preflightMove(from.target, dest.target);
    const freeBytes =
      dest.target.kind === 'sqlite'
        ? await statfs(dirname(dest.target.path)).then(
            (s) => s.bavail * s.bsize,
            () => null,
          )
        : null;
    return {
      from: describeSetting(from.setting),
      to: describeSetting(dest.setting),
      destination: dest.setting,
      rows: preflight.rows,
      transactions: preflight.tables.transactions ?? 0,
      targetHoldsData: preflight.targetHoldsData,
      freeBytes,
      estimatedSeconds: Math.ceil(preflight.rows / ROWS_PER_SECOND),
    };
  }

  /** Backs up the store in use, then moves it; the target is replaced only when `replace` says so. */
  async run(
    to: MoveDestination | StoreSetting,
    options: { replace?: boolean; onPhase?: (p: MovePhase) => void } = {},
  ): Promise<MoveReport & { backupId: string | null; destination: StoreSetting }> {
    if (this.running)
      throw new AppError('conflict', 'A move is already running.', 'Wait for it to finish, or cancel it.');
    const controller = new AbortController();
    this.running = controller;
    try {
      const from = await this.source();
      const dest = await this.destination(asDestination(to), options.onPhase);
      let backupId: string | null = null;
      const report = await this.runJob(
        'moveStore',
        { from: from.target, to: dest.target, replace: Boolean(options.replace) },
        {
          signal: controller.signal,
          hooks: {
            // A backup costs a full copy at 1M rows, so a move that is refused or already done makes none.
            beforeWrite: async () => {
              options.onPhase?.({ phase: 'backup', message: 'Backing up the store in use first' });
              backupId = (
                await this.database.backupNow(undefined, { trigger: 'before-move', signal: controller.signal })
              ).id;
              if (options.replace) await this.backUpTarget(dest.setting, controller.signal, options.onPhase);
            },
          },
          onProgress: (progress) =>
            options.onPhase?.({ phase: 'copy', message: `Copying ${progress.table}`, progress }),
        },
      );
      options.onPhase?.({ phase: 'done', message: 'Moved and verified' });
      return { ...report, backupId, destination: dest.setting };
    } catch (error) {
      // Cancelled during the backup, a server start or the copy: say so, not "something went wrong".
      if (controller.signal.aborted)
        throw new AppError(
          'unavailable',
          'Cancelled; the target is as it was.',
          'Run the move again when you are ready.',
        );
      throw error;
    } finally {
      this.running = undefined;
    }
  }

  /** What a replace would overwrite is backed up first, like the store in use. */
  private async backUpTarget(destination: StoreSetting, signal: AbortSignal, onPhase?: (p: MovePhase) => void) {
    if (destination.kind === 'sqlite' && !existsSync(destination.path)) return;
    onPhase?.({ phase: 'backup', message: 'Backing up what the target holds before replacing it' });
    const source =
      destination.kind === 'sqlite'
        ? ({ kind: 'sqlite', path: destination.path } as const)
        : await this.database.backupSource(destination.provider);
    await this.database.backups.backup(source, { trigger: 'before-move', signal });
  }

  /**
   * Brings the old app's finance.db (or its PostgreSQL database) into the store
   * in use, backed up first; the same cancel as a move.
   */
  async importLegacy(
    source: string,
    options: { replace?: boolean; onPhase?: (p: MovePhase) => void } = {},
  ): Promise<LegacyReport> {
    if (this.running)
      throw new AppError('conflict', 'A move or import is already running.', 'Wait for it to finish, or cancel it.');
    const controller = new AbortController();
    this.running = controller;
    try {
      options.onPhase?.({ phase: 'start', message: 'Reading the old database' });
      const into = await this.source();
      const hooks = await this.importHooks();
      const report = await importLegacy({
        source,
        target: into.target,
        replace: Boolean(options.replace),
        backupDir: backupsDir(this.dataDir),
        ...hooks,
        beforeWrite: async () => {
          options.onPhase?.({ phase: 'backup', message: 'Backing up the store in use first' });
          await this.database.backupNow(undefined, { trigger: 'before-import', signal: controller.signal });
        },
        signal: controller.signal,
        onProgress: (progress) =>
          options.onPhase?.({ phase: 'copy', message: `Importing ${progress.table}`, progress }),
      });
      options.onPhase?.({ phase: 'done', message: 'Imported and checked' });
      return report;
    } catch (error) {
      if (controller.signal.aborted)
        throw new AppError(
          'unavailable',
          'Cancelled; the store is as it was.',
          'Run the import again when you are ready.',
        );
      throw error;
    } finally {
      this.running = undefined;
    }
  }

  cancel(): boolean {
    this.running?.abort();
    return Boolean(this.running);
  }

  /**
   * Makes the destination the store in use, after checking that it still holds
   * exactly what the store in use holds (nothing was written in between).
   */
  async switchTo(destination: StoreSetting): Promise<void> {
    const from = await this.source();
    const ctx = await this.context();
    const to = await storeTarget(destination, ctx);
    if (destination.kind === 'sqlite' && !existsSync(destination.path))
      throw new AppError('not_found', `There is no store at ${destination.path}.`, 'Run the move first.');
    const check = await verifyStores(from.target, to);
    if (!check.ok)
      throw new AppError(
        'conflict',
        'The store in use has changed since the move, so switching now would leave those changes behind.',
        'Run the move again (it replaces the earlier copy), then switch.',
      );
    await saveConfig(this.dataDir, { ...ctx.config, store: destination });
  }
}

function asDestination(to: MoveDestination | StoreSetting): MoveDestination {
  return to.kind === 'sqlite' ? { kind: 'sqlite', path: to.path } : { kind: 'postgres', provider: to.provider };
}

function describeSetting(setting: StoreSetting): string {
  if (setting.kind === 'postgres') return `PostgreSQL (${setting.provider})`;
  const size = existsSync(setting.path) ? ` (${(statSync(setting.path).size / 1e6).toFixed(1)} MB)` : ' (new file)';
  return `SQLite ${setting.path}${size}`;
}
