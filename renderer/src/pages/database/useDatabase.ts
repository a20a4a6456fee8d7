// Data for the Database page: the overview, settings and backups as queries,
// and the progress the main process pushes while long work runs.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { DatabaseOverview, DatabaseProgress, ServerStatus } from '../../../../preload/contract-database.js';
import type { MethodInput } from '../../../../preload/contract.js';
import { call } from '../../api';
import { keys } from '../../queries';

export type Provider = ServerStatus['provider'];

export const PROVIDERS: readonly Provider[] = ['docker', 'embedded', 'external'];

export const PROVIDER_LABELS: Record<Provider, string> = {
  docker: 'Docker',
  embedded: 'Without Docker',
  external: 'My own server',
};

/**
 * What must be typed to destroy a provider's server. Mirrors destroyConfirmation
 * in main/services/database/database-service.ts, which checks it again.
 */
export function destroyConfirmation(provider: Provider): string {
  return provider === 'docker' ? 'spending-postgres' : `${provider} postgres`;
}

/** A provider's status polls while it is starting, so the page notices when it is up. */
export function useOverview(provider: Provider | null) {
  return useQuery({
    queryKey: keys.databaseOverview(provider),
    queryFn: () => call('getDatabaseOverview', provider ? { provider } : {}),
    refetchInterval: (query) => (query.state.data?.server.state === 'starting' ? 2_000 : false),
  });
}

export function useDatabaseSettings() {
  return useQuery({ queryKey: keys.databaseSettings, queryFn: () => call('getDatabaseSettings', undefined) });
}

export function useBackups() {
  return useQuery({ queryKey: keys.backups, queryFn: () => call('listBackups', undefined) });
}

/** Asked afresh on every visit: a backup started before navigating away may still be running. */
export function useRunningBackup() {
  return useQuery({ queryKey: keys.runningBackup, queryFn: () => call('getRunningBackup', undefined), staleTime: 0 });
}

/** Mutation key of every start and stop, so the page can tell one is running. */
export const LIFECYCLE = ['database', 'lifecycle'] as const;

/** Mutation key of a running move (see move/useMove.ts), so the servers are left alone meanwhile. */
export const MOVING = ['database', 'move'] as const;

/**
 * Start and stop answer with the new status, shown at once. Then, whether they
 * worked or not, everything about servers is reread: a failed start may have
 * got halfway, and starting remembers the provider as the one to use.
 */
export function useServerAction(provider: Provider, action: 'startDatabase' | 'stopDatabase') {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...LIFECYCLE, provider, action],
    mutationFn: () => call(action, { provider }),
    onSuccess: (server) => {
      client.setQueriesData<DatabaseOverview>({ queryKey: [...keys.database, 'overview'] }, (old) =>
        old?.server.provider === provider ? { ...old, server } : old,
      );
    },
    onSettled: () => client.invalidateQueries({ queryKey: keys.database }),
  });
}

export function useSaveDatabaseSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'saveDatabaseSettings'>) => call('saveDatabaseSettings', input),
    onSuccess: async (settings) => {
      client.setQueryData(keys.databaseSettings, settings);
      // The external server's details decide its status.
      await client.invalidateQueries({ queryKey: [...keys.database, 'overview'] });
    },
  });
}

/**
 * The latest 'db:progress' report for one kind of work. `reset` clears it
 * before the work starts, so an old run's last message never shows.
 */
export function useDatabaseProgress(operation: DatabaseProgress['operation']) {
  const [progress, setProgress] = useState<DatabaseProgress | null>(null);
  useEffect(() => {
    if (!('api' in window)) return;
    return window.api.on('db:progress', (payload) => {
      if (payload.operation === operation) setProgress(payload);
    });
  }, [operation]);
  const reset = useCallback(() => setProgress(null), []);
  return [progress, reset] as const;
}
