// Says exactly what a restore will do before it does it: a SQLite backup
// becomes a new file (the current one is never overwritten); a PostgreSQL
// backup goes into its server's database, which must be empty.
import { useIsMutating, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import type { BackupInfo, RestoreResult } from '../../../../preload/contract-database.js';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Modal, ModalClose } from '../../components/Modal';
import { keys, refreshAfterStoreSwitch } from '../../queries';
import { formatBackupTime, sourceLabel } from './format';
import { ProgressReport } from './ProgressReport';
import { PROVIDER_LABELS, useDatabaseProgress } from './useDatabase';

interface Props {
  backup: BackupInfo | null;
  onOpenChange: (open: boolean) => void;
  onRestored: (result: RestoreResult, backup: BackupInfo) => void;
}

const RESTORE = ['database', 'restore'] as const;

export function RestoreDialog({ backup, onOpenChange, onRestored }: Props) {
  // Closing mid-restore would hide its progress and its result; the work would go on regardless.
  const restoring = useIsMutating({ mutationKey: RESTORE }) > 0;
  return (
    <Modal
      open={backup !== null}
      onOpenChange={(open) => (open || !restoring) && onOpenChange(open)}
      title="Restore this backup?"
      description={
        backup && `${sourceLabel(backup.source)} backup of ${formatBackupTime(backup.createdAt, { seconds: true })}.`
      }
    >
      {backup && <RestoreForm backup={backup} onRestored={onRestored} />}
    </Modal>
  );
}

function RestoreForm({ backup, onRestored }: { backup: BackupInfo; onRestored: Props['onRestored'] }) {
  const client = useQueryClient();
  const sqlite = backup.source.kind === 'sqlite';
  const [switchTo, setSwitchTo] = useState(false);
  const [progress, resetProgress] = useDatabaseProgress('restore');
  const restore = useMutation({
    mutationKey: RESTORE,
    mutationFn: () => call('restoreBackup', { id: backup.id, switchTo: sqlite && switchTo }),
    onSuccess: async (result) => {
      // A switch changes every answer about data; otherwise only the list of servers and backups may have.
      if (result.switched) await refreshAfterStoreSwitch(client);
      else await client.invalidateQueries({ queryKey: keys.database });
      onRestored(result, backup);
    },
  });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    resetProgress();
    restore.mutate();
  };
  const target = backup.source.provider ? `the ${PROVIDER_LABELS[backup.source.provider]} PostgreSQL server` : '';

  return (
    <form className="form" onSubmit={submit}>
      {sqlite ? (
        <div className="restore-explainer">
          <p>
            Spending copies the backup into a <strong>new SQLite file</strong> next to your current one, then checks
            every table’s row count and checksum against the ones recorded in the backup.
          </p>
          <p>Your current file is kept exactly as it is.</p>
          <label className="checkbox">
            <input type="checkbox" checked={switchTo} onChange={(event) => setSwitchTo(event.target.checked)} />
            Switch to it now
          </label>
          <p className="field__hint restore-explainer__hint">
            {switchTo
              ? 'Once the check passes, Spending uses the restored file.'
              : 'Leave this off to only create and check the file.'}
          </p>
        </div>
      ) : (
        <div className="restore-explainer">
          <p>
            Spending restores the backup into the database of {target}, then checks every table’s row count and checksum
            against the ones recorded in the backup.
          </p>
          <p>
            That server must be running and its database <strong>empty</strong>; if it holds any tables, nothing is
            changed. To restore over data that is there, back it up, destroy the server, start it again, then restore.
          </p>
        </div>
      )}
      {restore.isPending && <ProgressReport progress={progress} label="Restore progress" fallback="Restoring…" />}
      {restore.isError && <ErrorMessage error={restore.error} title="The backup was not restored." />}
      <div className="modal__actions">
        <ModalClose asChild>
          <button type="button" className="button" disabled={restore.isPending}>
            Cancel
          </button>
        </ModalClose>
        <button type="submit" className="button button--primary" disabled={restore.isPending}>
          {restore.isPending ? 'Restoring…' : 'Restore'}
        </button>
      </div>
    </form>
  );
}
