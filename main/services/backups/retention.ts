// Which scheduled backups to keep: the newest of each of the last N days that
// have one, and the newest of each of the last M ISO weeks. Manual backups
// are never pruned: the user made them on purpose.
import { format, parseISO } from 'date-fns';
import type { BackupManifest } from './backup-files.js';
import type { BackupSettings } from './backup-settings.js';

function newestPerPeriod(backups: BackupManifest[], period: (d: Date) => string, keep: number): Set<string> {
  const kept = new Set<string>();
  const seen = new Set<string>();
  for (const b of backups) {
    const key = period(parseISO(b.createdAt));
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > keep) break;
    kept.add(b.id);
  }
  return kept;
}

/** The scheduled backups that fall outside the policy. `backups` may be in any order. */
export function backupsToPrune(backups: BackupManifest[], settings: Pick<BackupSettings, 'keepDaily' | 'keepWeekly'>) {
  const scheduled = backups
    .filter((b) => b.trigger === 'scheduled')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set([
    ...newestPerPeriod(scheduled, (d) => format(d, 'yyyy-MM-dd'), settings.keepDaily),
    ...newestPerPeriod(scheduled, (d) => format(d, "RRRR-'W'II"), settings.keepWeekly),
  ]);
  return scheduled.filter((b) => !keep.has(b.id));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether a scheduled backup is due: none yet, or the newest is a day (or week) old. */
export function scheduledBackupDue(
  backups: BackupManifest[],
  schedule: BackupSettings['schedule'],
  now: Date,
): boolean {
  if (schedule === 'off') return false;
  const newest = backups
    .filter((b) => b.trigger !== 'before-restore')
    .map((b) => parseISO(b.createdAt).getTime())
    .reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  return now.getTime() - newest >= (schedule === 'daily' ? DAY_MS : 7 * DAY_MS);
}
