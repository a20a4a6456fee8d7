import { ErrorMessage } from '../components/ErrorMessage';
import { useAppInfo } from '../queries';
import { dialectName } from '../shell/store-info';

export function DatabasePage() {
  const info = useAppInfo();
  return (
    <section className="page" aria-labelledby="database-title">
      <div className="page__header">
        <h1 id="database-title">Database</h1>
      </div>
      {info.isPending ? (
        <p className="empty-state">Loading…</p>
      ) : info.isError ? (
        <ErrorMessage
          error={info.error}
          title="Could not read the store’s details."
          onRetry={() => void info.refetch()}
        />
      ) : (
        <dl className="card details" aria-label="Current store">
          <div>
            <dt>Kind</dt>
            <dd>{dialectName(info.data.store.dialect)}</dd>
          </div>
          <div>
            <dt>Location</dt>
            <dd className="details__mono">{info.data.store.location}</dd>
          </div>
          <div>
            <dt>Schema version</dt>
            <dd>{info.data.store.schemaVersion}</dd>
          </div>
          <div>
            <dt>Store id</dt>
            <dd className="details__mono">{info.data.store.storeId}</dd>
          </div>
          <div>
            <dt>Spending version</dt>
            <dd>{info.data.version}</dd>
          </div>
        </dl>
      )}
      <div className="card notice-card">
        <p>Switching to another store and moving data between SQLite and PostgreSQL arrive in a later version.</p>
      </div>
    </section>
  );
}
