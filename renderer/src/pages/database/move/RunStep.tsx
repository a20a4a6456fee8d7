// Step 3: the move under way, from the main process's 'move:progress'
// reports: first the backup, then two bars (all rows, and the table being
// copied) with the rate and the time left. And how a move that did not
// finish ended: cancelled, refused or failed, with the target as it was.
import type { MoveProgressEvent } from '../../../../../preload/contract-database.js';
import { describeError } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describeStore, formatRate, formatSeconds, storeName, tableLabel } from './format';
import type { Step } from './wizard-state';

type Running = Extract<Step, { name: 'running' }>;
type Stopped = Extract<Step, { name: 'stopped' }>;

const count = (n: number) => n.toLocaleString('en-GB');

/** What is happening now, in the user's words rather than the phase's name. */
function phaseMessage(progress: MoveProgressEvent | null): string {
  switch (progress?.phase) {
    case undefined:
      return 'Getting ready…';
    case 'start':
      return `${progress.message}…`;
    case 'backup':
      return 'Backing up the store in use…';
    case 'copy':
      return progress.table ? `Copying and checking ${tableLabel(progress.table)}…` : 'Copying and checking…';
    case 'done':
      return 'Moved and verified.';
  }
}

export function RunStep({ step, onCancel }: { step: Running; onCancel: () => void }) {
  const { progress, cancelling } = step;
  const copying = progress?.phase === 'copy' && progress.total !== undefined;
  return (
    <div className="move-step" role="group" aria-label="Moving">
      <p className="move-step__title">Moving to {describeStore(step.move.plan.destination).kind}</p>
      <div className="progress-report move-progress">
        <p className="progress-report__message" role="status">
          <span className="spinner" aria-hidden />
          {phaseMessage(progress)}
        </p>
        {copying && <CopyProgress progress={progress} />}
      </div>
      {cancelling === 'confirmed' && (
        <p className="notice" role="status">
          Cancel requested: the move stops at its next step and leaves the target as it was.
        </p>
      )}
      {Boolean(step.cancelError) && <ErrorMessage error={step.cancelError} title="Could not cancel the move." />}
      <div className="form__actions">
        <button type="button" className="button" disabled={cancelling !== false} onClick={onCancel}>
          {cancelling === false ? 'Cancel' : 'Cancelling…'}
        </button>
      </div>
    </div>
  );
}

/** The bars of a copy under way; the Import page shows its progress with them too. */
export function CopyProgress({ progress }: { progress: MoveProgressEvent }) {
  const total = progress.total ?? 0;
  const done = Math.min(progress.done ?? 0, total);
  const tableTotal = progress.tableTotal ?? 0;
  const tableDone = Math.min(progress.tableDone ?? 0, tableTotal);
  const table = progress.table ? tableLabel(progress.table) : 'this table';
  const eta = progress.etaSeconds;
  return (
    <div className="move-bars">
      <div className="move-bar">
        <div className="move-bar__label">
          <span>All tables</span>
          <span className="tabular">
            {count(done)} of {count(total)} rows
            {progress.rowsPerSecond ? ` · ${formatRate(progress.rowsPerSecond)}` : ''}
            {' · '}
            {eta === null || eta === undefined ? 'working out the time left' : `${formatSeconds(eta)} left`}
          </span>
        </div>
        <progress className="progress-bar" value={done} max={total || 1} aria-label="All tables" />
      </div>
      <div className="move-bar">
        <div className="move-bar__label">
          <span>{table}</span>
          <span className="tabular">
            {count(tableDone)} of {count(tableTotal)} rows
          </span>
        </div>
        <progress className="progress-bar" value={tableDone} max={tableTotal || 1} aria-label={`Table ${table}`} />
      </div>
    </div>
  );
}

interface StoppedProps {
  step: Stopped;
  onCheckAgain: () => void;
  onStartOver: () => void;
}

export function StoppedStep({ step, onCheckAgain, onStartOver }: StoppedProps) {
  const { message, remedy } = describeError(step.error);
  return (
    <div className="move-step" role="group" aria-label="Move stopped">
      {step.cancelled ? (
        // The main process words it ("Cancelled; the target is as it was."), so it needs no title of its own.
        <div className="notice move-stopped" role="status">
          <p className="move-step__title">{message}</p>
          {remedy && <p className="db-muted">{remedy}</p>}
        </div>
      ) : (
        <ErrorMessage error={step.error} title="The move did not finish." />
      )}
      <p className="db-muted">Spending still uses {storeName(step.move.from)}, exactly as before.</p>
      <div className="form__actions">
        <button type="button" className="button" onClick={onStartOver}>
          Start over
        </button>
        <button type="button" className="button button--primary" onClick={onCheckAgain}>
          Check again
        </button>
      </div>
    </div>
  );
}
