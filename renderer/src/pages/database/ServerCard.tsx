// The PostgreSQL server card: pick how PostgreSQL runs, see its state, and
// start, stop, inspect or destroy it.
import { useIsMutating, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import type { DatabaseOverview, ServerStatus } from '../../../../preload/contract-database.js';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DestroyDialog } from './DestroyDialog';
import { DockerSettings } from './DockerSettings';
import { ExternalServerForm } from './ExternalServerForm';
import { LogsPanel } from './LogsPanel';
import { ProgressReport } from './ProgressReport';
import { ProviderPicker } from './ProviderPicker';
import { PsqlCommand } from './PsqlCommand';
import { ServerFacts, StatusMessage } from './ServerStatusView';
import {
  LIFECYCLE,
  MOVING,
  PROVIDER_LABELS,
  useDatabaseProgress,
  useDatabaseSettings,
  useOverview,
  useServerAction,
  type Provider,
} from './useDatabase';

/** States in which there is a server (and so data, and a log) to speak of. */
const EXISTS: readonly ServerStatus['state'][] = ['stopped', 'starting', 'running', 'unreachable'];
const STARTABLE: readonly ServerStatus['state'][] = ['absent', 'stopped', 'unreachable'];
const STOPPABLE: readonly ServerStatus['state'][] = ['starting', 'running', 'unreachable'];

const PSQL_HINTS: Record<Provider, string> = {
  docker: 'Runs psql inside the container, so it needs no password.',
  embedded:
    'psql asks for the server’s password, which Spending keeps in its keychain; `spending db psql` opens psql with it.',
  external: 'psql asks for your password.',
};

export function ServerCard({ defaultOverview }: { defaultOverview: UseQueryResult<DatabaseOverview> }) {
  // null until the user picks: then the card shows whichever provider the main process considers current.
  const [picked, setPicked] = useState<Provider | null>(null);
  const overview = useOverview(picked);
  const provider = picked ?? defaultOverview.data?.server.provider ?? null;
  const active = defaultOverview.data?.active;
  const inUse = active?.kind === 'postgres' ? active.provider : null;
  // Switching away mid-start would hide its progress and result.
  const busy = useIsMutating({ mutationKey: LIFECYCLE }) > 0;

  return (
    <section className="card db-card" aria-labelledby="db-server-title">
      <h2 id="db-server-title">PostgreSQL server</h2>
      <p className="db-muted">
        When you want your data in a real database server, Spending can run PostgreSQL for you or use one you have.
      </p>
      <ProviderPicker value={provider} inUse={inUse} disabled={busy} onChange={setPicked} />
      {provider && <ProviderPanel key={provider} provider={provider} overview={overview} inUse={inUse === provider} />}
      {!provider && defaultOverview.isPending && <p className="db-muted">Checking…</p>}
    </section>
  );
}

interface PanelProps {
  provider: Provider;
  overview: UseQueryResult<DatabaseOverview>;
  inUse: boolean;
}

function ProviderPanel({ provider, overview, inUse }: PanelProps) {
  const settings = useDatabaseSettings();
  const [progress, resetProgress] = useDatabaseProgress('start');
  const start = useServerAction(provider, 'startDatabase');
  const stop = useServerAction(provider, 'stopDatabase');
  const [destroying, setDestroying] = useState(false);
  const status = overview.data?.server.provider === provider ? overview.data.server : undefined;
  const managed = provider !== 'external';
  // Stopping or destroying a server mid-move would fail the move; it waits until the move ends.
  const moving = useIsMutating({ mutationKey: MOVING }) > 0;
  const busy = start.isPending || stop.isPending || moving;

  return (
    <div className="server-panel" aria-label={`${PROVIDER_LABELS[provider]} server`} role="group">
      {overview.isError && (
        <ErrorMessage
          error={overview.error}
          title="Could not read the server’s state."
          onRetry={() => void overview.refetch()}
        />
      )}
      {!status && overview.isPending && <p className="db-muted">Checking the {PROVIDER_LABELS[provider]} server…</p>}
      {status && (
        <>
          <StatusMessage
            status={
              // Until it answers, the last status (e.g. "Not created. Next: start it") would contradict the progress.
              start.isPending
                ? {
                    ...status,
                    state: 'starting',
                    message: `Starting the ${PROVIDER_LABELS[provider]} server.`,
                    remedy: undefined,
                  }
                : status
            }
          />
          {inUse && <p className="notice">Spending’s data lives in this server.</p>}
          {moving && managed && (
            <p className="notice">A move is under way; starting, stopping and destroying wait until it ends.</p>
          )}
          <ServerFacts status={status} />
          {managed && (
            <div className="server-panel__actions">
              <button
                type="button"
                className="button button--primary"
                disabled={busy || !STARTABLE.includes(status.state)}
                onClick={() => {
                  resetProgress();
                  stop.reset();
                  start.mutate();
                }}
              >
                {start.isPending ? 'Starting…' : 'Start'}
              </button>
              <button
                type="button"
                className="button"
                disabled={busy || !STOPPABLE.includes(status.state)}
                onClick={() => {
                  start.reset();
                  stop.mutate();
                }}
              >
                {stop.isPending ? 'Stopping…' : 'Stop'}
              </button>
            </div>
          )}
          {start.isPending && (
            <ProgressReport
              progress={progress}
              label="Start progress"
              fallback={`Starting the ${PROVIDER_LABELS[provider]} server…`}
            />
          )}
          {start.isError && <ErrorMessage error={start.error} title="The server did not start." />}
          {stop.isError && <ErrorMessage error={stop.error} title="The server was not stopped." />}
          {status.psqlCommand && <PsqlCommand command={status.psqlCommand} hint={PSQL_HINTS[provider]} />}
        </>
      )}
      {provider === 'external' && settings.data && <ExternalServerForm settings={settings.data} />}
      {provider === 'docker' && settings.data && <DockerSettings settings={settings.data} />}
      {settings.isError && (
        <ErrorMessage
          error={settings.error}
          title="Could not read the database settings."
          onRetry={() => void settings.refetch()}
        />
      )}
      {managed && status && EXISTS.includes(status.state) && <LogsPanel provider={provider} />}
      {status && (managed ? EXISTS.includes(status.state) : settings.data?.externalHasPassword) && (
        <div className="danger-zone">
          <p>
            {managed
              ? 'Destroying deletes this server and every row in it. Back up first if you may want them.'
              : 'Spending keeps the password for your server in its keychain.'}
          </p>
          <button
            type="button"
            className="button button--danger-quiet"
            disabled={busy}
            onClick={() => setDestroying(true)}
          >
            {managed ? 'Destroy…' : 'Forget password…'}
          </button>
        </div>
      )}
      <DestroyDialog provider={provider} open={destroying} onOpenChange={setDestroying} />
    </div>
  );
}
