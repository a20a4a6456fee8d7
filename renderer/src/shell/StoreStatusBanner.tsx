import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../preload/contract.js';

/**
 * Listens for the main process reporting on the store. Any report may mean a
 * different store is now active, so every cached answer is refetched.
 */
export function StoreStatusBanner() {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<EventPayload<'db:status'> | null>(null);

  useEffect(() => {
    if (!('api' in window)) return;
    return window.api.on('db:status', (payload) => {
      setStatus(payload);
      void queryClient.invalidateQueries();
    });
  }, [queryClient]);

  if (status?.state !== 'error') return null;
  return (
    <div className="banner banner--error" role="alert">
      <p>{status.message ?? 'The database stopped responding.'}</p>
      <p className="banner__remedy">Check the Database page, then try again.</p>
    </div>
  );
}
