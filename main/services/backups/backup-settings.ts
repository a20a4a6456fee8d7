// How often Spending backs up on its own, and how many backups it keeps.
import { z } from 'zod';

export const BackupSettings = z.object({
  schedule: z.enum(['off', 'daily', 'weekly']).default('daily'),
  /** The newest backup of each of this many days is kept. */
  keepDaily: z.number().int().min(0).max(365).default(7),
  /** And the newest of each of this many ISO weeks. */
  keepWeekly: z.number().int().min(0).max(520).default(4),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = BackupSettings.parse({});
