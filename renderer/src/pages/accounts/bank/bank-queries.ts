// Queries and calls for linked banks, shared by the Accounts page and
// Settings → Bank linking. Linked banks are accounts too: their keys sit under
// the accounts key, so whatever refreshes accounts (a switch to another store
// included) refreshes them as well.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { call } from '../../../api';
import { keys, refreshTransactionData } from '../../../queries';

export const bankKeys = {
  /** config.json and the keychain: the same whichever store is in use. */
  settings: ['bankSettings'] as const,
  connections: [...keys.accounts, 'bank', 'connections'] as const,
  balances: [...keys.accounts, 'bank', 'balances'] as const,
  balanceHistory: (accountId: number) => [...keys.accounts, 'bank', 'balances', accountId] as const,
};

export function useBankSettings() {
  return useQuery({ queryKey: bankKeys.settings, queryFn: () => call('getBankSettings', undefined) });
}

export function useBankConnections() {
  return useQuery({ queryKey: bankKeys.connections, queryFn: () => call('listBankConnections', undefined) });
}

export function useBalanceHistory(accountId: number) {
  return useQuery({
    queryKey: bankKeys.balanceHistory(accountId),
    queryFn: () => call('bankBalanceHistory', { accountId }),
  });
}

/** After a link or a sync: banks, balances, and every page that shows transactions. */
export async function refreshBankData(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: bankKeys.connections }),
    client.invalidateQueries({ queryKey: bankKeys.balances }),
    refreshTransactionData(client),
  ]);
}

// Each settles by refreshing even when it failed: a refused sync or
// disconnect may still have changed the bank's status or last error.

export function useSyncBank(connectionId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('syncBank', { connectionId }),
    onSettled: () => refreshBankData(client),
  });
}

/** Stopping is told by the sync's own answer (cancelled), so this only asks. */
export function useCancelSync(connectionId: number) {
  return useMutation({ mutationFn: () => call('cancelBankSync', { connectionId }) });
}

export function useExtendConsent(connectionId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('extendBankConsent', { connectionId }),
    onSettled: () => client.invalidateQueries({ queryKey: bankKeys.connections }),
  });
}

export function useDisconnectBank() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (connectionId: number) => call('disconnectBank', { connectionId }),
    onSettled: () => client.invalidateQueries({ queryKey: bankKeys.connections }),
  });
}
