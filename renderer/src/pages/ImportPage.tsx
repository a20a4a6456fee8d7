import { Link } from 'react-router';

export function ImportPage() {
  return (
    <section className="page" aria-labelledby="import-title">
      <div className="page__header">
        <h1 id="import-title">Import</h1>
      </div>
      <div className="card notice-card">
        <p>Importing bank statements and data from the old app arrives in a later version.</p>
        <p>
          Until then you can add transactions by hand on the <Link to="/transactions">Transactions</Link> page.
        </p>
      </div>
    </section>
  );
}
