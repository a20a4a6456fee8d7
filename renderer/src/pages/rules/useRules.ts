// The Rules page's queries and mutations. Applying or undoing changes
// transactions, so those refresh the grid, the dashboard and the run list.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplyRequest, RuleCondition, RuleInput } from '../../../../db/rules/rule-model.js';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { call } from '../../api';
import { keys, refreshTransactionData } from '../../queries';

const rulesKey = keys.rules;
const runsKey = keys.ruleRuns;

export function useRules() {
  return useQuery({ queryKey: rulesKey, queryFn: () => call('listRules', undefined) });
}

export function useRuleRuns() {
  return useQuery({ queryKey: runsKey, queryFn: () => call('listRuleRuns', undefined) });
}

/** Pause in typing before the editor counts again. */
const TYPING_MS = 300;

/**
 * What the condition being typed matches, counted once typing pauses; the last
 * count stays on screen while the next is under way. Under ['rules'], so an
 * apply or a new rule counts again.
 */
export function useRuleMatches(condition: RuleCondition | null) {
  // A string, so an equal condition from the next render is the same value and does not restart the wait.
  const settled = useDebouncedValue(condition ? JSON.stringify(condition) : null, TYPING_MS);
  return useQuery({
    queryKey: [...rulesKey, 'matches', settled],
    queryFn: () => call('matchRule', { conditions: [JSON.parse(settled ?? 'null') as RuleCondition] }),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
  });
}

/** Scans every uncategorised row, so it runs only while the suggestions are open. */
export function useRuleSuggestions() {
  return useQuery({ queryKey: [...rulesKey, 'suggestions'], queryFn: () => call('suggestRules', {}) });
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
