// Backups of the store in use: make one now, restore one (verified against
// the row counts and checksums it recorded), and the automatic schedule.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
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
import { useBackups, useDatabaseProgress, useDatabaseSettings, useRunningBackup } from './useDatabase';

export function BackupsCard() {
  const client = useQueryClient();
  const backups = useBackups();
  const settings = useDatabaseSettings();
  const [progress, resetProgress] = useDatabaseProgress('backup');
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [restored, setRestored] = useState<{ result: RestoreResult; backup: BackupInfo } | null>(null);
  const running = useRunningBackup();
  // 'follow' waits for a backup that was already running when the page opened (started before
  // navigating away, or by the schedule, a move or an import) instead of starting another.
  const backUp = useMutation({
    mutationFn: (mode: 'start' | 'follow') =>
      mode === 'start' ? call('backupNow', {}) : call('followBackup', undefined),
    onSettled: () => {
      client.setQueryData(keys.runningBackup, null);
      return client.invalidateQueries({ queryKey: keys.backups, exact: true });
    },
  });
  const follow = backUp.mutate;
  const alreadyRunning = Boolean(running.data);
  useEffect(() => {
    if (alreadyRunning) follow('follow');
  }, [alreadyRunning, follow]);
  const cancel = useMutation({ mutationFn: () => call('cancelBackup', undefined) });

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
            cancel.reset();
            setRestored(null);
            backUp.mutate('start');
          }}
        >
          {backUp.isPending ? 'Backing up…' : 'Back up now'}
        </button>
        {backUp.isPending && (
          <button
            type="button"
            className="button"
            disabled={cancel.isPending || cancel.isSuccess}
            onClick={() => cancel.mutate()}
          >
            Cancel the backup
          </button>
        )}
      </div>
      <p className="db-muted">
        A backup copies the store in use and records every table’s row count and checksum, so a restore can prove it
        brought back exactly what was there.
      </p>
      {backUp.isPending && (
        <ProgressReport
          progress={progress ?? running.data?.progress ?? null}
          label="Backup progress"
          fallback="Backing up…"
        />
      )}
      {backUp.isError && <ErrorMessage error={backUp.error} title="The backup was not made." />}
      {backUp.data && (
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
