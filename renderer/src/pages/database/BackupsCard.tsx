// Backups of the store in use: make one now, restore one (verified against
// the row counts and checksums it recorded), and the automatic schedule.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BackupInfo, RestoreResult } from '../../../../preload/contract-database.js';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { plural } from '../../format';
import { keys } from '../../queries';
import { BackupSchedule } from './BackupSchedule';
import { BackupTable } from './BackupTable';
import { formatMegabytes } from './format';
import { ProgressReport } from './ProgressReport';
import { RestoreDialog } from './RestoreDialog';
import { RestoreReport } from './RestoreReport';
import { useBackups, useDatabaseProgress, useDatabaseSettings } from './useDatabase';

export function BackupsCard() {
  const client = useQueryClient();
  const backups = useBackups();
  const settings = useDatabaseSettings();
  const [progress, resetProgress] = useDatabaseProgress('backup');
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [restored, setRestored] = useState<{ result: RestoreResult; backup: BackupInfo } | null>(null);
  const backUp = useMutation({
    mutationFn: () => call('backupNow', {}),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.backups }),
  });

  return (
    <section className="card db-card" aria-labelledby="db-backups-title">
      <div className="db-card__header">
        <h2 id="db-backups-title">Backups</h2>
        <button
          type="button"
          className="button button--primary"
          disabled={backUp.isPending}
          onClick={() => {
            resetProgress();
            setRestored(null);
            backUp.mutate();
          }}
        >
          {backUp.isPending ? 'Backing up…' : 'Back up now'}
        </button>
      </div>
      <p className="db-muted">
        A backup copies the store in use and records every table’s row count and checksum, so a restore can prove it
        brought back exactly what was there.
      </p>
      {backUp.isPending && <ProgressReport progress={progress} label="Backup progress" fallback="Backing up…" />}
      {backUp.isError && <ErrorMessage error={backUp.error} title="The backup was not made." />}
      {backUp.isSuccess && (
        <p className="db-success" role="status">
          Backed up {plural(backUp.data.transactions, 'transaction')} ({formatMegabytes(backUp.data.bytes)}).
        </p>
      )}
      {restored && (
        <RestoreReport result={restored.result} backup={restored.backup} onDismiss={() => setRestored(null)} />
      )}
      {backups.isError && (
        <ErrorMessage
          error={backups.error}
          title="Could not list the backups."
          onRetry={() => void backups.refetch()}
        />
      )}
      {backups.isPending && <p className="db-muted">Loading backups…</p>}
      {backups.data?.length === 0 && <p className="empty-state">No backups yet.</p>}
      {backups.data && backups.data.length > 0 && (
        <BackupTable backups={backups.data} disabled={backUp.isPending} onRestore={setRestoring} />
      )}
      {settings.data && <BackupSchedule settings={settings.data.backups} />}
      <RestoreDialog
        backup={restoring}
        onOpenChange={(open) => !open && setRestoring(null)}
        onRestored={(result, backup) => {
          setRestoring(null);
          backUp.reset();
          setRestored({ result, backup });
        }}
      />
    </section>
  );
}
