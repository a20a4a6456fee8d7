// How the Database page words states, sizes and times.
import { format, parseISO } from 'date-fns';
import type { BackupInfo, ServerStatus } from '../../../../preload/contract-database.js';
import { PROVIDER_LABELS } from './useDatabase';

export const STATE_LABELS: Record<ServerStatus['state'], string> = {
  'not-installed': 'Docker not installed',
  'not-running': 'Docker not running',
  absent: 'Not created',
  stopped: 'Stopped',
  starting: 'Starting',
  running: 'Running',
  unreachable: 'Not answering',
};

/** Badge colour: fine, on its way, needs attention, or simply nothing there yet. */
export function stateTone(state: ServerStatus['state']): 'good' | 'busy' | 'bad' | 'idle' {
  switch (state) {
    case 'running':
      return 'good';
    case 'starting':
      return 'busy';
    case 'unreachable':
    case 'not-installed':
    case 'not-running':
      return 'bad';
    case 'absent':
    case 'stopped':
      return 'idle';
  }
}

/** "25 Nov 2026, 02:10": the local time the backup was made. */
export function formatBackupTime(iso: string, options: { seconds?: boolean } = {}): string {
  return format(parseISO(iso), options.seconds ? 'd MMM yyyy, HH:mm:ss' : 'd MMM yyyy, HH:mm');
}

/** Sizes in MB with one decimal, never "0.0 MB" for a file that has bytes. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  if (bytes > 0 && mb < 0.1) return '< 0.1 MB';
  return `${mb.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
}

/** Why a backup was made: by the user ("Back up now"), on the schedule, or by Spending itself before changing data. */
export const TRIGGER_LABELS: Record<BackupInfo['trigger'], string> = {
  manual: 'Manual',
  scheduled: 'Scheduled',
  'before-restore': 'Before a restore',
  'before-move': 'Before a move',
  'before-import': 'Before an import',
};

export function sourceLabel(source: BackupInfo['source']): string {
  if (source.kind === 'sqlite') return 'SQLite';
  return source.provider ? `PostgreSQL (${PROVIDER_LABELS[source.provider]})` : 'PostgreSQL';
}

/** "340 ms", "2.5 s": how long a restore took. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} s`;
}
