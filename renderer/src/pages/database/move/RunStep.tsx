// Step 3: the move under way, from the main process's 'move:progress'
// reports: first the backup, then two bars (all rows, and the table being
// copied) with the rate and the time left. And how a move that did not
// finish ended: cancelled, refused or failed, with the target as it was.
import type { MoveProgressEvent } from '../../../../../preload/contract-database.js';
import { describeStore, storeName, tableLabel } from './format';
import { RunningPanel, StoppedPanel } from './RunParts';
import type { Step } from './wizard-state';

type Running = Extract<Step, { name: 'running' }>;
type Stopped = Extract<Step, { name: 'stopped' }>;

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
  return (
    <RunningPanel
      label="Moving"
      title={<>Moving to {describeStore(step.move.plan.destination).kind}</>}
      className="move-progress"
      message={phaseMessage(step.progress)}
      progress={step.progress}
      cancelling={step.cancelling}
      cancelError={step.cancelError}
      cancelNotice="Cancel requested: the move stops at its next step and leaves the target as it was."
      cancelErrorTitle="Could not cancel the move."
      onCancel={onCancel}
    />
  );
}

interface StoppedProps {
  step: Stopped;
  onCheckAgain: () => void;
  onStartOver: () => void;
}

export function StoppedStep({ step, onCheckAgain, onStartOver }: StoppedProps) {
  return (
    <StoppedPanel
      label="Move stopped"
      error={step.error}
      cancelled={step.cancelled}
      failedTitle="The move did not finish."
    >
      <p className="db-muted">Spending still uses {storeName(step.move.from)}, exactly as before.</p>
      <div className="form__actions">
        <button type="button" className="button" onClick={onStartOver}>
          Start over
        </button>
        <button type="button" className="button button--primary" onClick={onCheckAgain}>
          Check again
        </button>
      </div>
    </StoppedPanel>
  );
}
