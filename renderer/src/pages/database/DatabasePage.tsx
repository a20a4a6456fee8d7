// The Database page: where the data lives now, moving it between SQLite and
// PostgreSQL, the PostgreSQL server Spending can run (or connect to), and backups.
import { ActiveStoreCard } from './ActiveStoreCard';
import { BackupsCard } from './BackupsCard';
import { MoveCard } from './move/MoveCard';
import { ServerCard } from './ServerCard';
import { useOverview } from './useDatabase';

export function DatabasePage() {
  // Without a provider: the active store, and the server the main process considers current.
  const overview = useOverview(null);
  return (
    <section className="page database-page" aria-labelledby="database-title">
      <div className="page__header">
        <h1 id="database-title">Database</h1>
      </div>
      <ActiveStoreCard overview={overview} />
      <MoveCard overview={overview} />
      <ServerCard defaultOverview={overview} />
      <BackupsCard />
    </section>
  );
}
