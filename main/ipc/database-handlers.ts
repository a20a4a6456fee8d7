// The Database page's methods: a thin map onto DatabaseService.
import { AppError } from '../../db/errors.js';
import type { EventName, EventPayload } from '../../preload/contract.js';
import type { BackupInfo, DatabaseSettings } from '../../preload/contract-database.js';
import type { BackupManifest } from '../services/backups/backup-files.js';
import { DEFAULT_BACKUP_SETTINGS } from '../services/backups/backup-settings.js';
import { loadConfig, saveConfig } from '../services/config/config.js';
import type { DatabaseService } from '../services/database/database-service.js';
import type { MoveService } from '../services/database/move-service.js';
import { passwordSlot } from '../services/postgres/postgres-service.js';
import { ExternalProvider } from '../services/postgres/external-provider.js';
import { memoryPassword } from '../services/postgres/memory-password.js';
import { DEFAULT_DOCKER_IMAGE } from '../services/postgres/types.js';
import type { SecretsService } from '../services/secrets/secrets-service.js';
import type { Handlers } from './dispatch.js';

export interface DatabaseHandlerContext {
  dataDir: string;
  database: DatabaseService;
  move: MoveService;
  secrets: Pick<SecretsService, 'getSecret' | 'setSecret' | 'deleteSecret'>;
  /** Pushes progress to the window. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Closes the store in use and opens the one the settings now name. */
  reopenStore(): Promise<void>;
  /** The system's file picker; null when the user cancels. */
  chooseFile(title: string): Promise<string | null>;
}

type DatabaseMethods = Pick<
  Handlers,
  | 'getDatabaseOverview'
  | 'startDatabase'
  | 'stopDatabase'
  | 'getDatabaseLogs'
  | 'destroyDatabase'
  | 'getDatabaseSettings'
  | 'saveDatabaseSettings'
  | 'testExternalConnection'
  | 'listBackups'
  | 'backupNow'
  | 'getRunningBackup'
  | 'followBackup'
  | 'cancelBackup'
  | 'restoreBackup'
  | 'planMove'
  | 'startMove'
  | 'cancelMove'
  | 'switchStore'
  | 'chooseLegacyFile'
  | 'importLegacy'
>;

export function backupInfo(b: BackupManifest): BackupInfo {
  return {
    id: b.id,
    createdAt: b.createdAt,
    trigger: b.trigger,
    source: b.source.kind === 'sqlite' ? { kind: 'sqlite' } : { kind: 'postgres', provider: b.source.provider },
    file: b.file,
    bytes: b.bytes,
    transactions: b.tables.transactions?.rows ?? 0,
    ms: b.ms,
  };
}

async function settings(ctx: DatabaseHandlerContext): Promise<DatabaseSettings> {
  const config = await loadConfig(ctx.dataDir);
  const docker = config.postgres?.docker;
  const external = config.postgres?.external;
  const hasPassword = external
    ? Boolean(await ctx.secrets.getSecret('postgres-password:external').catch(() => null))
    : false;
  return {
    ...(config.postgres?.provider ? { provider: config.postgres.provider } : {}),
    docker: {
      image: docker?.image ?? DEFAULT_DOCKER_IMAGE,
      preferredPort: docker?.preferredPort ?? 5432,
      network: docker?.network ?? 'published',
    },
    ...(external ? { external } : {}),
    externalHasPassword: hasPassword,
    backups: config.backups ?? DEFAULT_BACKUP_SETTINGS,
  };
}

export function createDatabaseHandlers(ctx: DatabaseHandlerContext): DatabaseMethods {
  const { database } = ctx;
  return {
    getDatabaseOverview: ({ provider }) => database.overview(provider),
    startDatabase: ({ provider }) =>
      database.start(provider, { onProgress: (p) => ctx.emit('db:progress', { operation: 'start', ...p }) }),
    stopDatabase: ({ provider }) => database.stop(provider),
    getDatabaseLogs: async ({ provider, tail }) => {
      const lines: string[] = [];
      await database.logs(provider, { tail, onLine: (line) => lines.push(line) });
      return { lines };
    },
    destroyDatabase: async ({ provider, confirmation }) => {
      await database.destroy(provider, confirmation);
      return null;
    },
    getDatabaseSettings: () => settings(ctx),
    saveDatabaseSettings: async (input) => {
      const config = await loadConfig(ctx.dataDir);
      if (input.externalPassword !== undefined) {
        const slot = passwordSlot(ctx.secrets, 'external');
        if (input.externalPassword) await slot.set(input.externalPassword);
        else await slot.delete();
      }
      await saveConfig(ctx.dataDir, {
        ...config,
        postgres: {
          ...config.postgres,
          ...(input.provider ? { provider: input.provider } : {}),
          ...(input.docker
            ? {
                docker: {
                  image: DEFAULT_DOCKER_IMAGE,
                  preferredPort: 5432,
                  network: 'published',
                  ...config.postgres?.docker,
                  ...input.docker,
                },
              }
            : {}),
          ...(input.external ? { external: input.external } : {}),
        },
        ...(input.backups ? { backups: { ...DEFAULT_BACKUP_SETTINGS, ...config.backups, ...input.backups } } : {}),
      });
      return settings(ctx);
    },
    testExternalConnection: async ({ server, password }) => {
      const saved = password === undefined ? await passwordSlot(ctx.secrets, 'external').get() : password;
      return new ExternalProvider(server, memoryPassword(saved ?? null)).status();
    },
    listBackups: async () => (await database.backups.list()).map(backupInfo),
    backupNow: async ({ provider }) =>
      backupInfo(
        await database.backupNow(provider, {
          onProgress: (p) => ctx.emit('db:progress', { operation: 'backup', ...p }),
        }),
      ),
    getRunningBackup: async () => {
      const running = await database.runningBackup();
      return running
        ? {
            trigger: running.trigger,
            startedAt: running.startedAt,
            progress: running.progress && { operation: 'backup', ...running.progress },
          }
        : null;
    },
    followBackup: async () => {
      const made = await database.followBackup();
      return made && backupInfo(made);
    },
    cancelBackup: async () => ({ cancelled: await database.cancelBackup() }),
    restoreBackup: async ({ id, switchTo, provider }) => {
      const report = await database.restore(id, {
        onProgress: (p) => ctx.emit('db:progress', { operation: 'restore', ...p }),
        ...(provider ? { provider } : {}),
      });
      const sqlite = report.backup.source.kind === 'sqlite';
      if (switchTo && !sqlite)
        throw new AppError('invalid_input', 'Only a restored SQLite file can be switched to from here.');
      if (switchTo) {
        await database.useSqliteFile(report.restoredTo);
        await ctx.reopenStore();
      }
      return { restoredTo: report.restoredTo, tables: report.tables, ms: report.ms, switched: switchTo };
    },
    planMove: ({ to }) =>
      ctx.move.plan(to, ({ message }) => ctx.emit('db:progress', { operation: 'start', phase: 'start', message })),
    startMove: ({ to, replace }) =>
      ctx.move.run(to, {
        replace,
        onPhase: ({ phase, message, progress }) => ctx.emit('move:progress', { phase, message, ...progress }),
      }),
    cancelMove: () => Promise.resolve({ cancelled: ctx.move.cancel() }),
    chooseLegacyFile: async () => ({ path: await ctx.chooseFile("The old app's finance.db") }),
    importLegacy: ({ source, replace }) =>
      ctx.move.importLegacy(source, {
        replace,
        onPhase: ({ phase, message, progress }) => ctx.emit('move:progress', { phase, message, ...progress }),
      }),
    switchStore: async ({ to }) => {
      const before = await loadConfig(ctx.dataDir);
      await ctx.move.switchTo(to);
      try {
        await ctx.reopenStore();
      } catch (error) {
        // The settings must keep naming the store the app actually has open.
        await saveConfig(ctx.dataDir, before);
        throw error;
      }
      return null;
    },
  };
}
