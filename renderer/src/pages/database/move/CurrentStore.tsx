// "Your data is now in …": the start of every move, so nobody moves from a
// store they did not mean to.
import type { UseQueryResult } from '@tanstack/react-query';
import type { DatabaseOverview } from '../../../../../preload/contract-database.js';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describeStore } from './format';
import type { StoreSetting } from './wizard-state';

interface Props {
  active: StoreSetting | undefined;
  overview: UseQueryResult<DatabaseOverview>;
}

export function CurrentStore({ active, overview }: Props) {
  if (overview.isError)
    return (
      <ErrorMessage
        error={overview.error}
        title="Could not read which store is in use."
        onRetry={() => void overview.refetch()}
      />
    );
  if (!active) return <p className="db-muted">Reading where your data lives…</p>;
  const { kind, path } = describeStore(active);
  return (
    <p className="move-now">
      <span className="move-now__label">Your data is now in</span> <strong>{kind}</strong>
      {path && (
        <>
          {' '}
          <span className="details__mono">{path}</span>
        </>
      )}
    </p>
  );
}
