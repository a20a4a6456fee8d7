// What a finished restore proved: where the data went, and that every
// table matched the row count and checksum recorded in the backup.
import type { BackupInfo, RestoreResult } from '../../../../preload/contract-database.js';
import { plural } from '../../format';
import { formatBackupTime, formatDuration } from './format';

interface Props {
  result: RestoreResult;
  backup: BackupInfo;
  onDismiss: () => void;
}

export function RestoreReport({ result, backup, onDismiss }: Props) {
  const tables = Object.entries(result.tables);
  const rows = tables.reduce((n, [, table]) => n + table.rows, 0);
  const mismatched = tables.filter(([, table]) => !table.checksumMatch).map(([name]) => name);
  return (
    <div className="restore-report" role="status" aria-label="Restore result">
      <div>
        <p className="restore-report__title">
          Restored the backup of {formatBackupTime(backup.createdAt)} and verified it.
        </p>
        <p>
          {plural(tables.length, 'table')}, {plural(rows, 'row')};{' '}
          {mismatched.length === 0
            ? 'every checksum matches the backup.'
            : `checksums differ in ${mismatched.join(', ')}.`}{' '}
          Took {formatDuration(result.ms)}.
        </p>
        <p>
          Restored to <span className="details__mono">{result.restoredTo}</span>.{' '}
          {result.switched
            ? 'Spending now uses this file; the previous one is unchanged.'
            : backup.source.kind === 'sqlite'
              ? 'Spending still uses your current store.'
              : ''}
        </p>
      </div>
      <button type="button" className="button button--small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
