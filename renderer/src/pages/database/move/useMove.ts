// The wizard's calls to the main process. Their results go into the wizard's
// state from the mutations' own callbacks, which (unlike those passed to
// `mutate`) still run when the user has gone to another page meanwhile.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { MoveResult } from '../../../../../preload/contract-database.js';
import type { MethodInput, MethodOutput } from '../../../../../preload/contract.js';
import { call } from '../../../api';
import { keys, refreshAfterStoreSwitch } from '../../../queries';
import { MOVING } from '../useDatabase';
import { updateStepIf, type Planned, type StoreSetting } from './wizard-state';

export type Destination = MethodInput<'planMove'>['to'];

export function usePlanMove() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ to }: { to: Destination; from: StoreSetting; id: number }) => call('planMove', { to }),
    onSuccess: (plan, { from, id }) =>
      updateStepIf('planning', id, () => ({ name: 'preflight', move: { plan, from } })),
    onError: (error, { id }) => updateStepIf('planning', id, () => ({ name: 'choose', planError: error })),
    // Planning a move to a server Spending runs starts that server.
    onSettled: () => client.invalidateQueries({ queryKey: keys.database }),
  });
}

export function useStartMove() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: MOVING,
    mutationFn: ({ move, replace }: { move: Planned; replace: boolean; id: number }) =>
      call('startMove', { to: move.plan.destination, replace }),
    onSuccess: (result, { move, id }) =>
      updateStepIf('running', id, () => ({ name: 'report', move, result, switching: false })),
    onError: (error, { move, id }) =>
      updateStepIf('running', id, (step) => ({ name: 'stopped', move, error, cancelled: step.cancelling !== false })),
    // The move backs up the store in use first, and may have filled a server.
    onSettled: () => client.invalidateQueries({ queryKey: keys.database }),
  });
}

export function useCancelMove() {
  // The variable is the move's id, which matches the answer back to the move it was about.
  return useMutation<MethodOutput<'cancelMove'>, unknown, number>({
    mutationFn: () => call('cancelMove', undefined),
    onMutate: (id) => updateStepIf('running', id, (step) => ({ ...step, cancelling: 'asked', cancelError: undefined })),
    // Told only once the main process has the request: until then the move may still finish.
    onSuccess: ({ cancelled }, id) =>
      updateStepIf('running', id, (step) => ({ ...step, cancelling: cancelled ? 'confirmed' : false })),
    onError: (error, id) => updateStepIf('running', id, (step) => ({ ...step, cancelling: false, cancelError: error })),
  });
}

export function useSwitchStore() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ result }: { move: Planned; result: MoveResult }) => call('switchStore', { to: result.destination }),
    onMutate: () => updateStepIf('report', undefined, (step) => ({ ...step, switching: true, switchError: undefined })),
    // Reread first, so the last step tells the store in use from the main process's own answer.
    onSuccess: async (_, { move, result }) => {
      await refreshAfterStoreSwitch(client);
      updateStepIf('report', undefined, () => ({ name: 'switched', move, result }));
    },
    // A refusal may be because the data changed elsewhere meanwhile; every answer about data is reread too.
    onError: async (error) => {
      updateStepIf('report', undefined, (step) => ({ ...step, switching: false, switchError: error }));
      await refreshAfterStoreSwitch(client);
    },
  });
}

/** Feeds the main process's 'move:progress' reports to the running step. */
export function useMoveProgress(): void {
  useEffect(() => {
    if (!('api' in window)) return;
    return window.api.on('move:progress', (progress) =>
      updateStepIf('running', undefined, (step) => ({ ...step, progress })),
    );
  }, []);
}
