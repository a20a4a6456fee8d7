// The parts a move and an import share while they run and when they stop:
// the progress report with its cancel button, and how a run that did not
// finish ended. The wording is each caller's own.
import type { ReactNode } from 'react';
import type { MoveProgressEvent } from '../../../../../preload/contract-database.js';
import { describeError } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatRate, formatSeconds, tableLabel } from './format';

const count = (n: number) => n.toLocaleString('en-GB');

interface RunningProps {
  /** The group's accessible name. */
  label: string;
  title: ReactNode;
  /** Extra classes for the progress report. */
  className?: string;
  message: string;
  progress: MoveProgressEvent | null;
  cancelling: false | 'asked' | 'confirmed';
  cancelError?: unknown;
  /** Shown once the cancel is confirmed. */
  cancelNotice: string;
  cancelErrorTitle: string;
  onCancel: () => void;
}

export function RunningPanel(props: RunningProps) {
  const { progress, cancelling } = props;
  return (
    <div className="move-step" role="group" aria-label={props.label}>
      <p className="move-step__title">{props.title}</p>
      <div className={props.className ? `progress-report ${props.className}` : 'progress-report'}>
        <p className="progress-report__message" role="status">
          <span className="spinner" aria-hidden />
          {props.message}
        </p>
        {progress?.phase === 'copy' && progress.total !== undefined && <CopyProgress progress={progress} />}
      </div>
      {cancelling === 'confirmed' && (
        <p className="notice" role="status">
          {props.cancelNotice}
        </p>
      )}
      {Boolean(props.cancelError) && <ErrorMessage error={props.cancelError} title={props.cancelErrorTitle} />}
      <div className="form__actions">
        <button type="button" className="button" disabled={cancelling !== false} onClick={props.onCancel}>
          {cancelling === false ? 'Cancel' : 'Cancelling…'}
        </button>
      </div>
    </div>
  );
}

interface StoppedProps {
  label: string;
  error: unknown;
  cancelled: boolean;
  /** The title of a run that failed or was refused. */
  failedTitle: string;
  children: ReactNode;
}

export function StoppedPanel({ label, error, cancelled, failedTitle, children }: StoppedProps) {
  const { message, remedy } = describeError(error);
  return (
    <div className="move-step" role="group" aria-label={label}>
      {cancelled ? (
        // The main process words it ("Cancelled; … is as it was."), so it needs no title of its own.
        <div className="notice move-stopped" role="status">
          <p className="move-step__title">{message}</p>
          {remedy && <p className="db-muted">{remedy}</p>}
        </div>
      ) : (
        <ErrorMessage error={error} title={failedTitle} />
      )}
      {children}
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
