import type { BackupInfo } from '../../../../preload/contract-database.js';
import { formatBackupTime, formatMegabytes, sourceLabel, TRIGGER_LABELS } from './format';
import { formatCount } from '../../format';

interface Props {
  backups: BackupInfo[];
  disabled: boolean;
  onRestore: (backup: BackupInfo) => void;
}

/** Newest first, as the main process lists them. */
export function BackupTable({ backups, disabled, onRestore }: Props) {
  return (
    <table className="table backup-table" aria-label="Backups">
      <thead>
        <tr>
          <th scope="col">Made</th>
          <th scope="col">Trigger</th>
          <th scope="col">From</th>
          <th scope="col" className="amount">
            Size
          </th>
          <th scope="col" className="amount">
            Transactions
          </th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {backups.map((backup) => {
          const made = formatBackupTime(backup.createdAt);
          // Seconds too, so two backups made in the same minute have different names.
          const exactly = formatBackupTime(backup.createdAt, { seconds: true });
          return (
            <tr key={backup.id}>
              <td className="tabular" title={backup.file}>
                {made}
              </td>
              <td>{TRIGGER_LABELS[backup.trigger]}</td>
              <td>{sourceLabel(backup.source)}</td>
              <td className="amount">{formatMegabytes(backup.bytes)}</td>
              <td className="amount">{formatCount(backup.transactions)}</td>
              <td className="table__actions">
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Restore the backup of ${exactly}`}
                  disabled={disabled}
                  onClick={() => onRestore(backup)}
                >
                  Restore…
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
