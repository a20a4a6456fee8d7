// The import under way, from the main process's 'move:progress' reports
// (imports and moves share them): the backups first, then the move's two
// bars (all rows, and the table being read) with the rate and the time left.
// And how an import that did not finish ended: nothing was written.
import type { MoveProgressEvent } from '../../../../preload/contract-database.js';
import { describeError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { tableLabel } from '../database/move/format';
import { CopyProgress } from '../database/move/RunStep';
import type { ImportStep } from './import-state';

type Running = Extract<ImportStep, { name: 'running' }>;
type Stopped = Extract<ImportStep, { name: 'stopped' }>;

/** What is happening now, in the user's words rather than the phase's name. */
function phaseMessage(progress: MoveProgressEvent | null): string {
  switch (progress?.phase) {
    case undefined:
    case 'start':
      return 'Getting ready…';
    case 'backup':
      return 'Backing up the store in use, then copying the old database…';
    case 'copy':
      return progress.table ? `Importing and checking ${tableLabel(progress.table)}…` : 'Importing and checking…';
    case 'done':
      return 'Imported and checked.';
  }
}

export function ImportProgress({ step, onCancel }: { step: Running; onCancel: () => void }) {
  const { progress, cancelling } = step;
  return (
    <div className="move-step" role="group" aria-label="Importing">
      <p className="move-step__title">
        Importing from <span className="details__mono">{step.source}</span>
      </p>
      <div className="progress-report">
        <p className="progress-report__message" role="status">
          <span className="spinner" aria-hidden />
          {phaseMessage(progress)}
        </p>
        {progress?.phase === 'copy' && progress.total !== undefined && <CopyProgress progress={progress} />}
      </div>
      {cancelling === 'confirmed' && (
        <p className="notice" role="status">
          Cancel requested: the import stops at its next step and leaves the store as it was.
        </p>
      )}
      {Boolean(step.cancelError) && <ErrorMessage error={step.cancelError} title="Could not cancel the import." />}
      <div className="form__actions">
        <button type="button" className="button" disabled={cancelling !== false} onClick={onCancel}>
          {cancelling === false ? 'Cancel' : 'Cancelling…'}
        </button>
      </div>
    </div>
  );
}

export function ImportStopped({ step }: { step: Stopped }) {
  const { message, remedy } = describeError(step.error);
  return (
    <div className="move-step" role="group" aria-label="Import stopped">
      {step.cancelled ? (
        // The main process words it ("Cancelled; the store is as it was."), so it needs no title of its own.
        <div className="notice move-stopped" role="status">
          <p className="move-step__title">{message}</p>
          {remedy && <p className="db-muted">{remedy}</p>}
        </div>
      ) : (
        <ErrorMessage error={step.error} title="The import did not finish." />
      )}
      <p className="db-muted">
        Nothing was imported: the store in use is as it was, and the old database was only read.
      </p>
    </div>
  );
}
