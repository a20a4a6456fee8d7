// Step 5: the copy is the store in use. Told from the main process's answer
// (the overview, reread after the switch), not from what the wizard asked for.
import { describeStore, storeName } from './format';
import type { Step, StoreSetting } from './wizard-state';

type Switched = Extract<Step, { name: 'switched' }>;

interface Props {
  step: Switched;
  active: StoreSetting | undefined;
  onDone: () => void;
}

export function SwitchedStep({ step, active, onDone }: Props) {
  const now = active && describeStore(active);
  return (
    <div className="move-step" role="group" aria-label="Switched">
      <div className="move-summary" role="status">
        <p className="move-step__title">
          {!now
            ? 'Switched; reading the store in use…'
            : now.path
              ? 'Spending now uses this SQLite file:'
              : `Spending now uses ${now.kind}.`}
        </p>
        {now?.path && <p className="details__mono">{now.path}</p>}
        <p>
          Your previous store, {storeName(step.move.from)}, is kept exactly as it was. To go back, move your data again
          the other way: the changes you make from now on come along.
        </p>
      </div>
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
