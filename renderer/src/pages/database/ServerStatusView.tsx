// A server's status at a glance: a badge, what the main process says about
// it, what to do next, and where to reach it.
import type { ServerStatus } from '../../../../preload/contract-database.js';
import { STATE_LABELS, stateTone } from './format';

export function StateBadge({ status }: { status: Pick<ServerStatus, 'provider' | 'state'> }) {
  const label =
    status.provider === 'external' && status.state === 'absent'
      ? 'Not set up'
      : status.provider === 'external' && status.state === 'running'
        ? 'Connected'
        : STATE_LABELS[status.state];
  return <span className={`state-badge state-badge--${stateTone(status.state)}`}>{label}</span>;
}

/** The message and the "Next:" line; role=status so a change is announced. */
export function StatusMessage({ status }: { status: ServerStatus }) {
  return (
    <div className="server-status__message" role="status">
      <StateBadge status={status} />
      <div>
        <p>{status.message}</p>
        {status.remedy && (
          <p className="server-status__remedy">
            <strong>Next:</strong> {status.remedy}
          </p>
        )}
      </div>
    </div>
  );
}

/** Where to reach the server. For "My own server" the form below already shows where it is. */
export function ServerFacts({ status }: { status: ServerStatus }) {
  const managed = status.provider !== 'external';
  const facts: [string, string | undefined, boolean][] = [
    [
      'Address',
      managed ? status.host && (status.port ? `${status.host}:${status.port}` : status.host) : undefined,
      true,
    ],
    ['Database', managed ? status.database : undefined, true],
    ['User', managed ? status.user : undefined, true],
    ['Version', status.version && `PostgreSQL ${status.version}`, false],
    [status.provider === 'docker' ? 'Image' : 'Binaries', status.image, true],
    ['Data lives in', managed ? status.storage : undefined, true],
  ];
  const shown = facts.filter((fact): fact is [string, string, boolean] => Boolean(fact[1]));
  if (shown.length === 0) return null;
  return (
    <dl className="db-facts" aria-label="Server details">
      {shown.map(([term, value, mono]) => (
        <div key={term} className={term === 'Data lives in' ? 'db-facts__wide' : undefined}>
          <dt>{term}</dt>
          <dd className={mono ? 'details__mono' : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
