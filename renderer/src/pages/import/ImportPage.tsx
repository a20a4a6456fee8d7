// The Import page: bringing in what the old "Personal Finance Tracker" kept.
// Its settings first (.env: the key to its bank tokens), then its data, from
// its finance.db or its PostgreSQL database, into the store in use.
import { Link } from 'react-router';
import { DataCard } from './DataCard';
import { EnvCard } from './EnvCard';
// The report and progress are the move wizard's pieces, styled by its sheet.
import '../database/move/move.css';
import './import.css';

export function ImportPage() {
  return (
    <section className="page import-page" aria-labelledby="import-title">
      <div className="page__header">
        <h1 id="import-title">Import</h1>
      </div>
      <p className="import-intro">
        Coming from the old Personal Finance Tracker? Bring its settings, then its data. Importing bank statements
        arrives in a later version; until then you can add transactions on the{' '}
        <Link to="/transactions">Transactions</Link> page.
      </p>
      <EnvCard />
      <DataCard />
    </section>
  );
}
