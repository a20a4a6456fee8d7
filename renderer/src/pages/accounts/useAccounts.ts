import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountMappingInput } from '../../../../db/model.js';
import { call } from '../../api';
import { keys } from '../../queries';

export function useAccounts() {
  return useQuery({ queryKey: keys.accounts, queryFn: () => call('listAccountMappings', undefined) });
}

/** Scans descriptions, so it runs only while the list is open; a name saved refreshes it (same key family). */
export function useUnnamedAccounts() {
  return useQuery({ queryKey: [...keys.accounts, 'unnamed'], queryFn: () => call('discoverAccounts', undefined) });
}

export function useSaveAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AccountMappingInput & { id?: number }) => call('saveAccountMapping', input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.accounts }),
  });
}

export function useDeleteAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call('deleteAccountMapping', { id }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.accounts }),
  });
}

/** "123456" -> "12-34-56", the way banks print sort codes. */
export function formatSortCode(sortCode: string): string {
  return /^\d{6}$/.test(sortCode) ? sortCode.replace(/(\d{2})(\d{2})(\d{2})/, '$1-$2-$3') : sortCode;
}
