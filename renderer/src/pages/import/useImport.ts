// The Import page's calls to the main process. Like the move wizard's, their
// results go into the import's state from the mutations' own callbacks, which
// still run when the user has gone to another page meanwhile.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MethodOutput } from '../../../../preload/contract.js';
import { ApiError, call } from '../../api';
import { keys, refreshAfterStoreSwitch } from '../../queries';
import { MOVING } from '../database/useDatabase';
import { updateChoice, updateImport, updateRunning } from './import-state';
import { urlFromEnv } from './source';

interface Run {
  id: number;
  /** As the main process takes it: a path, or a URL with its password. */
  source: string;
  replace: boolean;
}

/**
 * The main process refuses with 'conflict' both when the store in use holds
 * other data and when a move or import is already running; only the first is
 * answered by replacing, and only its message tells them apart.
 */
export function needsReplace(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'conflict' && error.message.includes('already holds other data');
}

export function useImportLegacy() {
  const client = useQueryClient();
  return useMutation({
    // Shares the move's key: the Database page leaves its servers alone while either runs.
    mutationKey: MOVING,
    mutationFn: async ({ id, source, replace }: Run) => {
      // Listening only while this import runs, so the progress of a move on the Database page never shows here.
      const stop =
        'api' in window
          ? window.api.on('move:progress', (progress) => updateRunning(id, (step) => ({ ...step, progress })))
          : () => undefined;
      try {
        return await call('importLegacy', { source, replace });
      } finally {
        stop();
      }
    },
    onSuccess: async (result, { id }) => {
      updateRunning(id, (step) => ({ name: 'report', source: step.source, result }));
      // The password has done its job; the report is what matters now.
      updateImport((current) => ({ ...current, choice: { ...current.choice, password: '' } }));
      // Every table may have changed, as after a switch to another store; the backups list too. An
      // import that was already done wrote nothing, but the store in use was backed up all the same.
      await (result.alreadyDone
        ? client.invalidateQueries({ queryKey: keys.backups })
        : refreshAfterStoreSwitch(client));
    },
    onError: async (error, { id, replace }) => {
      updateRunning(id, (step) => ({
        name: 'stopped',
        source: step.source,
        error,
        cancelled: step.cancelling !== false,
        replace,
      }));
      // The store in use was backed up before the import was refused or failed.
      await client.invalidateQueries({ queryKey: keys.backups });
    },
  });
}

export function useCancelImport() {
  // The variable is the import's id, which matches the answer back to the import it was about.
  return useMutation<MethodOutput<'cancelMove'>, unknown, number>({
    mutationFn: () => call('cancelMove', undefined),
    onMutate: (id) => updateRunning(id, (step) => ({ ...step, cancelling: 'asked', cancelError: undefined })),
    // Told only once the main process has the request: until then the import may still finish.
    onSuccess: ({ cancelled }, id) =>
      updateRunning(id, (step) => ({ ...step, cancelling: cancelled ? 'confirmed' : false })),
    onError: (error, id) => updateRunning(id, (step) => ({ ...step, cancelling: false, cancelError: error })),
  });
}

export function useChooseLegacyFile() {
  return useMutation({
    mutationFn: () => call('chooseLegacyFile', undefined),
    // null: the user closed the picker, so the earlier choice stands.
    onSuccess: ({ path }) => {
      if (path) updateChoice({ kind: 'file', path });
    },
  });
}

/**
 * Step 1: the old .env, as Settings → Security takes it. Its PostgreSQL
 * settings fill in the URL of step 2 when that is still empty.
 */
export function useImportLegacyEnv() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('importLegacyEnv', undefined),
    onSuccess: async (report) => {
      if ('cancelled' in report) return;
      const url = urlFromEnv(report.settings);
      if (url)
        updateImport((current) => (current.choice.url ? current : { ...current, choice: { ...current.choice, url } }));
      await client.invalidateQueries({ queryKey: keys.security });
    },
  });
}
