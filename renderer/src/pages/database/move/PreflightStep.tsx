// Step 2: what the move will do, before it does it. A target that already
// holds data is replaced only after the user has said so in as many words.
import { useState } from 'react';
import { formatCount, plural } from '../../../format';
import { describeStore, formatBytes, formatSeconds, storeName } from './format';
import type { Planned, StoreSetting } from './wizard-state';

interface Props {
  move: Planned;
  onStart: (move: Planned, replace: boolean) => void;
  onBack: () => void;
}

function StoreFact({ term, store }: { term: string; store: StoreSetting }) {
  const { kind, path } = describeStore(store);
  return (
    <div className="move-route__end">
      <dt>{term}</dt>
      <dd>
        <span className="db-facts__main">{kind}</span>
        {path && <span className="details__mono move-path-text">{path}</span>}
      </dd>
    </div>
  );
}

export function PreflightStep({ move, onStart, onBack }: Props) {
  const { plan, from } = move;
  const [replace, setReplace] = useState(false);
  const blocked = plan.targetHoldsData && !replace;
  return (
    <div className="move-step" role="group" aria-label="Check before moving">
      <dl className="move-route">
        <StoreFact term="From" store={from} />
        <StoreFact term="To" store={plan.destination} />
      </dl>
      <dl className="db-facts">
        <div>
          <dt>Transactions</dt>
          <dd className="db-facts__main tabular">{formatCount(plan.transactions)}</dd>
        </div>
        <div>
          <dt>Rows, all tables</dt>
          <dd className="db-facts__main tabular">{formatCount(plan.rows)}</dd>
        </div>
        <div>
          <dt>Estimated time</dt>
          <dd className="db-facts__main">{formatSeconds(plan.estimatedSeconds)}</dd>
        </div>
        {plan.destination.kind === 'sqlite' && (
          <div>
            <dt>Free disk space</dt>
            <dd className="db-facts__main tabular">
              {plan.freeBytes === null ? 'Unknown' : formatBytes(plan.freeBytes)}
            </dd>
          </div>
        )}
      </dl>
      <p className="db-muted">
        Spending first backs up the store in use. Then it copies {plural(plan.rows, 'row')} in one transaction and
        checks every table’s row count and checksum before it keeps anything: if any of it differs, or you cancel, the
        target is left as it was. Until you switch, Spending keeps using {storeName(from)}.
      </p>
      {plan.targetHoldsData && (
        <div className="move-warning" role="alert">
          <p className="move-warning__title">{describeStore(plan.destination).kind} already holds data.</p>
          <p>
            Perhaps an earlier copy of yours. Moving replaces all of it with the data in use now; Spending backs up what
            is there first, and the backup is listed under Backups.
          </p>
          <label className="checkbox">
            <input type="checkbox" checked={replace} onChange={(event) => setReplace(event.target.checked)} />
            Replace what is there (it is backed up first)
          </label>
        </div>
      )}
      <div className="form__actions">
        <button type="button" className="button" onClick={onBack}>
          Back
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={blocked}
          onClick={() => onStart(move, plan.targetHoldsData && replace)}
        >
          Start the move
        </button>
      </div>
    </div>
  );
}
