// The Import page: bank statement files first (what most people bring), with
// the imports made so far; then what the old "Personal Finance Tracker" kept:
// its settings (.env: the key to its bank tokens), then its data, from its
// finance.db or its PostgreSQL database, into the store in use.
import { DataCard } from './DataCard';
import { EnvCard } from './EnvCard';
import { PastImports } from './statements/PastImports';
import { StatementCard } from './statements/StatementCard';
import './statements/statements.css';
// The report and progress are the move wizard's pieces, styled by its sheet.
import '../database/move/move.css';
import './import.css';

export function ImportPage() {
  return (
    <section className="page import-page" aria-labelledby="import-title">
      <div className="page__header">
        <h1 id="import-title">Import</h1>
      </div>
      <StatementCard />
      <PastImports />
      <h2 className="import-section-title">From the old Personal Finance Tracker</h2>
      <p className="import-intro">Coming from the old app? Bring its settings, then its data.</p>
      <EnvCard />
      <DataCard />
    </section>
  );
}
