// "Where your data lives now": the store the app reads and writes, so nobody
// mistakes the server they are looking at below for the one in use.
import type { UseQueryResult } from '@tanstack/react-query';
import type { DatabaseOverview } from '../../../../preload/contract-database.js';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAppInfo } from '../../queries';
import { PROVIDER_LABELS } from './useDatabase';

export function ActiveStoreCard({ overview }: { overview: UseQueryResult<DatabaseOverview> }) {
  const info = useAppInfo();
  const active = overview.data?.active;
  return (
    <section className="card db-card" aria-labelledby="db-active-title">
      <h2 id="db-active-title">Where your data lives now</h2>
      {overview.isError && (
        <ErrorMessage
          error={overview.error}
          title="Could not read which store is in use."
          onRetry={() => void overview.refetch()}
        />
      )}
      {info.isError && (
        <ErrorMessage
          error={info.error}
          title="Could not read the store’s details."
          onRetry={() => void info.refetch()}
        />
      )}
      {!active && overview.isPending && <p className="db-muted">Loading…</p>}
      {active && (
        <dl className="db-facts">
          <div className="db-facts__wide">
            <dt>{active.kind === 'sqlite' ? 'File' : 'Server'}</dt>
            <dd className="details__mono db-facts__main">
              {active.kind === 'sqlite' ? active.path : (info.data?.store.location ?? '…')}
            </dd>
          </div>
          <div>
            <dt>Kind</dt>
            <dd>{active.kind === 'sqlite' ? 'SQLite file' : `PostgreSQL (${PROVIDER_LABELS[active.provider]})`}</dd>
          </div>
          {info.data && (
            <>
              <div>
                <dt>Schema version</dt>
                <dd>{info.data.store.schemaVersion}</dd>
              </div>
              <div>
                <dt>Spending version</dt>
                <dd>{info.data.version}</dd>
              </div>
              <div className="db-facts__span2">
                <dt>Store id</dt>
                <dd className="details__mono">{info.data.store.storeId}</dd>
              </div>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
