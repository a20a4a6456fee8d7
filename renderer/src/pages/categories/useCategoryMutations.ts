import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api';
import { keys, refreshTransactionData } from '../../queries';

/**
 * Renaming or deleting a category rewrites the transactions that use it, so
 * those also refresh anything derived from transactions.
 */
export function useCategoryMutations() {
  const client = useQueryClient();
  const categoriesChanged = () => client.invalidateQueries({ queryKey: keys.categories });
  const transactionsChanged = () => Promise.all([categoriesChanged(), refreshTransactionData(client)]);

  return {
    add: useMutation({
      mutationFn: (name: string) => call('addCategory', { name }),
      onSuccess: categoriesChanged,
    }),
    rename: useMutation({
      mutationFn: (input: { id: number; name: string }) => call('renameCategory', input),
      onSuccess: transactionsChanged,
    }),
    remove: useMutation({
      mutationFn: (id: number) => call('deleteCategory', { id }),
      onSuccess: transactionsChanged,
    }),
    addKeyword: useMutation({
      mutationFn: (input: { categoryId: number; keyword: string; move: boolean }) => call('addKeyword', input),
      // A refusal may come from keywords changed elsewhere: the page rereads them to say where this one is.
      onSettled: categoriesChanged,
    }),
    removeKeyword: useMutation({
      mutationFn: (id: number) => call('removeKeyword', { id }),
      onSuccess: categoriesChanged,
    }),
  };
}
