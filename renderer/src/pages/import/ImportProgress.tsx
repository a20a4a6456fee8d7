// The import under way, from the main process's 'move:progress' reports
// (imports and moves share them): the backups first, then the move's two
// bars (all rows, and the table being read) with the rate and the time left.
// And how an import that did not finish ended: nothing was written.
import type { MoveProgressEvent } from '../../../../preload/contract-database.js';
import { tableLabel } from '../database/move/format';
import { RunningPanel, StoppedPanel } from '../database/move/RunParts';
import type { ImportStep } from './import-state';

type Running = Extract<ImportStep, { name: 'running' }>;
type Stopped = Extract<ImportStep, { name: 'stopped' }>;

/** What is happening now, in the user's words rather than the phase's name. */
function phaseMessage(progress: MoveProgressEvent | null): string {
  switch (progress?.phase) {
    case undefined:
      return 'Getting ready…';
    // Nothing is backed up until the old database is known to hold something new.
    case 'start':
      return 'Reading the old database…';
    case 'backup':
      return 'Backing up the store in use, then copying the old database…';
    case 'copy':
      return progress.table ? `Importing and checking ${tableLabel(progress.table)}…` : 'Importing and checking…';
    case 'done':
      return 'Imported and checked.';
  }
}

export function ImportProgress({ step, onCancel }: { step: Running; onCancel: () => void }) {
  return (
    <RunningPanel
      label="Importing"
      title={
        <>
          Importing from <span className="details__mono">{step.source}</span>
        </>
      }
      message={phaseMessage(step.progress)}
      progress={step.progress}
      cancelling={step.cancelling}
      cancelError={step.cancelError}
      cancelNotice="Cancel requested: the import stops at its next step and leaves the store as it was."
      cancelErrorTitle="Could not cancel the import."
      onCancel={onCancel}
    />
  );
}

export function ImportStopped({ step }: { step: Stopped }) {
  return (
    <StoppedPanel
      label="Import stopped"
      error={step.error}
      cancelled={step.cancelled}
      failedTitle="The import did not finish."
    >
      <p className="db-muted">
        Nothing was imported: the store in use is as it was, and the old database was only read.
      </p>
    </StoppedPanel>
  );
}
