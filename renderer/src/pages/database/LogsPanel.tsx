// The server's log, read every 2 s while the panel is open. It stays pinned
// to the newest line unless the user has scrolled up to read something.
import { useQuery } from '@tanstack/react-query';
import { useLayoutEffect, useRef } from 'react';
import { call } from '../../api';
import { Disclosure } from '../../components/Disclosure';
import { ErrorMessage } from '../../components/ErrorMessage';
import { keys } from '../../queries';
import type { Provider } from './useDatabase';

const TAIL = 300;

export function LogsPanel({ provider }: { provider: Provider }) {
  return (
    <Disclosure className="logs" label="Logs">
      {(panelId) => <LogLines id={panelId} provider={provider} />}
    </Disclosure>
  );
}

function LogLines({ id, provider }: { id: string; provider: Provider }) {
  const logs = useQuery({
    queryKey: keys.databaseLogs(provider),
    queryFn: () => call('getDatabaseLogs', { provider, tail: TAIL }),
    refetchInterval: 2_000,
    staleTime: 0,
  });
  const box = useRef<HTMLPreElement>(null);
  // Whether the view was at the bottom before the latest lines arrived.
  const pinned = useRef(true);
  const lines = logs.data?.lines;

  useLayoutEffect(() => {
    const element = box.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [lines]);

  return (
    <div id={id} className="logs__panel">
      {logs.isError && <ErrorMessage error={logs.error} title="Could not read the server’s log." />}
      {lines && (
        <pre
          ref={box}
          className="logs__text"
          role="log"
          aria-label="Server log"
          tabIndex={0}
          onScroll={(event) => {
            const e = event.currentTarget;
            pinned.current = e.scrollHeight - e.scrollTop - e.clientHeight < 24;
          }}
        >
          {lines.length ? lines.join('\n') : 'The log is empty.'}
        </pre>
      )}
      {logs.isPending && <p className="db-muted">Reading the log…</p>}
    </div>
  );
}
