// The Database page's part of the contract: PostgreSQL providers, their
// status and life cycle, settings and backups. Passwords only ever travel
// from the renderer to the main process, never back.
import { z } from 'zod';

export const ProviderKind = z.enum(['docker', 'embedded', 'external']);
export const TlsMode = z.enum(['disable', 'prefer', 'require', 'verify-full']);

export const ServerStatus = z.object({
  provider: ProviderKind,
  state: z.enum(['not-installed', 'not-running', 'absent', 'stopped', 'starting', 'running', 'unreachable']),
  message: z.string(),
  remedy: z.string().optional(),
  host: z.string().optional(),
  port: z.number().int().optional(),
  database: z.string().optional(),
  user: z.string().optional(),
  version: z.string().optional(),
  image: z.string().optional(),
  storage: z.string().optional(),
  psqlCommand: z.string().optional(),
});
export type ServerStatus = z.infer<typeof ServerStatus>;

export const ActiveStore = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite'), path: z.string() }),
  z.object({ kind: z.literal('postgres'), provider: ProviderKind }),
]);

export const DatabaseOverview = z.object({ active: ActiveStore, server: ServerStatus });
export type DatabaseOverview = z.infer<typeof DatabaseOverview>;

export const ExternalServer = z.object({
  host: z.string().trim().min(1, 'Enter the host'),
  port: z.number().int().min(1).max(65_535),
  database: z.string().trim().min(1, 'Enter the database'),
  user: z.string().trim().min(1, 'Enter the user'),
  tls: TlsMode,
});

export const BackupSchedule = z.object({
  schedule: z.enum(['off', 'daily', 'weekly']),
  keepDaily: z.number().int().min(0).max(365),
  keepWeekly: z.number().int().min(0).max(520),
});

export const DatabaseSettings = z.object({
  provider: ProviderKind.optional(),
  docker: z.object({
    image: z.string(),
    preferredPort: z.number().int(),
    network: z.enum(['published', 'host']),
  }),
  external: ExternalServer.optional(),
  externalHasPassword: z.boolean(),
  backups: BackupSchedule,
});
export type DatabaseSettings = z.infer<typeof DatabaseSettings>;

export const DatabaseSettingsInput = z.object({
  provider: ProviderKind.optional(),
  docker: z
    .object({
      image: z.string().trim().min(1),
      preferredPort: z.number().int().min(1).max(65_535),
      network: z.enum(['published', 'host']),
    })
    .partial()
    .optional(),
  external: ExternalServer.optional(),
  /** Goes to the keychain; an empty string removes it. */
  externalPassword: z.string().optional(),
  backups: BackupSchedule.partial().optional(),
});

export const BackupInfo = z.object({
  id: z.string(),
  createdAt: z.string(),
  trigger: z.enum(['manual', 'scheduled', 'before-restore', 'before-move', 'before-import']),
  source: z.object({ kind: z.enum(['sqlite', 'postgres']), provider: ProviderKind.optional() }),
  file: z.string(),
  bytes: z.number().int(),
  transactions: z.number().int(),
  ms: z.number(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const RestoreResult = z.object({
  restoredTo: z.string(),
  tables: z.record(z.string(), z.object({ rows: z.number().int(), checksumMatch: z.boolean() })),
  ms: z.number(),
  /** The restored SQLite file is now the active store. */
  switched: z.boolean(),
});
export type RestoreResult = z.infer<typeof RestoreResult>;

const Optional = z.object({ provider: ProviderKind.optional() }).default({});

export const StoreSettingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite'), path: z.string().min(1) }),
  z.object({ kind: z.literal('postgres'), provider: ProviderKind }),
]);

export const MoveDestination = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('postgres'), provider: ProviderKind }),
  z.object({ kind: z.literal('sqlite'), path: z.string().min(1).optional() }),
]);

export const MovePlan = z.object({
  from: z.string(),
  to: z.string(),
  destination: StoreSettingSchema,
  rows: z.number().int(),
  transactions: z.number().int(),
  targetHoldsData: z.boolean(),
  freeBytes: z.number().nullable(),
  estimatedSeconds: z.number(),
});
export type MovePlan = z.infer<typeof MovePlan>;

const TableReport = z.object({
  read: z.number().int(),
  written: z.number().int(),
  rejected: z.number().int(),
  fixed: z.number().int(),
  ms: z.number(),
  checksumMatch: z.boolean(),
});

export const MoveResult = z.object({
  ok: z.boolean(),
  from: z.string(),
  to: z.string(),
  alreadyDone: z.boolean(),
  tables: z.record(z.string(), TableReport),
  checks: z.array(z.object({ name: z.string(), source: z.string(), target: z.string(), match: z.boolean() })),
  rejects: z.array(
    z.object({ table: z.string(), id: z.union([z.number(), z.string()]).nullable(), reason: z.string() }),
  ),
  fixes: z.array(
    z.object({
      table: z.string(),
      id: z.union([z.number(), z.string()]).nullable(),
      column: z.string(),
      original: z.string().nullable(),
      reason: z.string(),
    }),
  ),
  rows: z.number().int(),
  ms: z.number(),
  rowsPerSecond: z.number(),
  /** The backup made first; null when the move wrote nothing (already done). */
  backupId: z.string().nullable(),
  destination: StoreSettingSchema,
});
export type MoveResult = z.infer<typeof MoveResult>;

export const LegacyImportResult = MoveResult.omit({ backupId: true, destination: true }).extend({
  runId: z.string(),
  backupPath: z.string().nullable(),
  extras: z.array(z.object({ table: z.string(), rows: z.number().int(), columns: z.array(z.string()) })),
  tokenProblems: z.array(z.object({ id: z.number().nullable(), column: z.string(), reason: z.string() })),
  /** The quarantined rows and fixed fields as CSV files next to the backup copy. */
  rejectsCsv: z.string().nullable(),
  fixesCsv: z.string().nullable(),
});
export type LegacyImportResult = z.infer<typeof LegacyImportResult>;

/** Progress of a move, pushed while it runs. */
export const MoveProgressEvent = z.object({
  phase: z.enum(['start', 'backup', 'copy', 'done']),
  message: z.string(),
  table: z.string().optional(),
  tableDone: z.number().optional(),
  tableTotal: z.number().optional(),
  done: z.number().optional(),
  total: z.number().optional(),
  rowsPerSecond: z.number().optional(),
  etaSeconds: z.number().nullable().optional(),
});
export type MoveProgressEvent = z.infer<typeof MoveProgressEvent>;

/** Progress of long database work, pushed while it runs. */
export const DatabaseProgress = z.object({
  operation: z.enum(['start', 'backup', 'restore']),
  phase: z.string(),
  message: z.string(),
  layers: z
    .array(
      z.object({ id: z.string(), status: z.string(), current: z.number().optional(), total: z.number().optional() }),
    )
    .optional(),
  done: z.number().optional(),
  total: z.number().optional(),
});
export type DatabaseProgress = z.infer<typeof DatabaseProgress>;

export const RunningBackupInfo = z.object({
  trigger: BackupInfo.shape.trigger,
  startedAt: z.string(),
  /** Its latest report, so a page opened part way shows where it is at once. */
  progress: DatabaseProgress.nullable(),
});
export type RunningBackupInfo = z.infer<typeof RunningBackupInfo>;

export const databaseMethods = {
  getDatabaseOverview: { input: Optional, output: DatabaseOverview },
  startDatabase: { input: Optional, output: ServerStatus },
  stopDatabase: { input: Optional, output: ServerStatus },
  getDatabaseLogs: {
    input: z.object({ provider: ProviderKind.optional(), tail: z.number().int().min(1).max(5_000).default(300) }),
    output: z.object({ lines: z.array(z.string()) }),
  },
  destroyDatabase: { input: z.object({ provider: ProviderKind, confirmation: z.string() }), output: z.null() },
  getDatabaseSettings: { input: z.void(), output: DatabaseSettings },
  saveDatabaseSettings: { input: DatabaseSettingsInput, output: DatabaseSettings },
  testExternalConnection: {
    input: z.object({ server: ExternalServer, password: z.string().optional() }),
    output: ServerStatus,
  },
  listBackups: { input: z.void(), output: z.array(BackupInfo) },
  /** Joins the backup of the same store when one is running: one backup at a time per store. */
  backupNow: { input: Optional, output: BackupInfo },
  /** The backup of the store in use running now (started here, by the schedule, a move or an import). */
  getRunningBackup: { input: z.void(), output: RunningBackupInfo.nullable() },
  /** Waits for the running backup of the store in use; null when none is running. */
  followBackup: { input: z.void(), output: BackupInfo.nullable() },
  cancelBackup: { input: z.void(), output: z.object({ cancelled: z.boolean() }) },
  restoreBackup: {
    input: z.object({
      id: z.string(),
      switchTo: z.boolean().default(false),
      /** For a PostgreSQL backup: the server to restore into (default: the one it came from). */
      provider: ProviderKind.optional(),
    }),
    output: RestoreResult,
  },
  planMove: { input: z.object({ to: MoveDestination }), output: MovePlan },
  startMove: { input: z.object({ to: StoreSettingSchema, replace: z.boolean().default(false) }), output: MoveResult },
  cancelMove: { input: z.void(), output: z.object({ cancelled: z.boolean() }) },
  /** The system's file picker, for the old app's finance.db; null when the user cancels. */
  chooseLegacyFile: { input: z.void(), output: z.object({ path: z.string().nullable() }) },
  /** Imports the old app's finance.db (a path) or PostgreSQL database (a postgres:// URL) into the store in use. */
  importLegacy: {
    input: z.object({
      source: z.string().trim().min(1, 'Choose the file or enter the URL'),
      replace: z.boolean().default(false),
    }),
    output: LegacyImportResult,
  },
  /** Makes a verified copy the store in use; refused if the store in use changed since. */
  switchStore: { input: z.object({ to: StoreSettingSchema }), output: z.null() },
} as const;
