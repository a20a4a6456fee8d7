import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NewAccount } from '../../../../db/imports/account-model.js';
import { call } from '../../api';
import { keys } from '../../queries';

export function useCreateAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewAccount) => call('createAccount', input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.accountList }),
  });
}

export function useRenameAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; name: string }) => call('renameAccount', input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.accountList }),
  });
}
