// The Rules page's queries and mutations. Applying or undoing changes
// transactions, so those refresh the grid, the dashboard and the run list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplyRequest, RuleInput } from '../../../../db/rules/rule-model.js';
import { call } from '../../api';
import { keys, refreshTransactionData } from '../../queries';

const rulesKey = ['rules'] as const;
const runsKey = ['rules', 'runs'] as const;

export function useRules() {
  return useQuery({ queryKey: rulesKey, queryFn: () => call('listRules', undefined) });
}

export function useRuleRuns() {
  return useQuery({ queryKey: runsKey, queryFn: () => call('listRuleRuns', undefined) });
}

export function useRuleMutations() {
  const client = useQueryClient();
  const rulesChanged = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: rulesKey }),
      client.invalidateQueries({ queryKey: keys.categories }),
    ]);
  const dataChanged = () => Promise.all([rulesChanged(), refreshTransactionData(client)]);
  return {
    add: useMutation({ mutationFn: (rule: RuleInput) => call('addRule', rule), onSuccess: rulesChanged }),
    remove: useMutation({ mutationFn: (id: number) => call('removeRule', { id }), onSuccess: rulesChanged }),
    move: useMutation({
      mutationFn: (to: { id: number; priority: number }) => call('moveRule', to),
      onSuccess: rulesChanged,
    }),
    preview: useMutation({ mutationFn: (request: ApplyRequest) => call('previewRules', request) }),
    apply: useMutation({ mutationFn: (request: ApplyRequest) => call('applyRules', request), onSuccess: dataChanged }),
    undo: useMutation({ mutationFn: () => call('undoRuleRuns', { last: 1 }), onSuccess: dataChanged }),
  };
}
