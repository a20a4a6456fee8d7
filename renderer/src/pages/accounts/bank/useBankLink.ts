// Starting, completing and cancelling a link. The outcome mostly arrives as
// bank:progress events (link-state.ts); these calls only move the step where
// no event will.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call } from '../../../api';
import { bankKeys, refreshBankData } from './bank-queries';
import { linkFailed, updateLink, useLinkStep } from './link-state';

export function useBankLink() {
  const client = useQueryClient();
  const step = useLinkStep();

  // A link that ended, here or from a link the browser handed over, changed the banks and the ledger.
  useEffect(() => {
    if (step.name === 'linked' || step.name === 'failed') void refreshBankData(client);
  }, [step, client]);

  const start = async (reconnect: number | null) => {
    updateLink(() => ({ name: 'starting', reconnect }));
    try {
      // Asked afresh: the credentials may have been entered in Settings a moment ago.
      const settings = await client.query({
        queryKey: bankKeys.settings,
        queryFn: () => call('getBankSettings', undefined),
        staleTime: 0,
      });
      if (!settings.clientId || !settings.hasClientSecret) {
        updateLink(() => ({ name: 'needs-settings' }));
        return;
      }
      const { mode } = await call('linkBank', reconnect === null ? {} : { reconnect });
      updateLink((current) => (current.name === 'starting' ? { name: 'waiting', mode, reconnect } : current));
    } catch (error) {
      updateLink(() => linkFailed(error));
    }
  };

  const paste = async (url: string) => {
    try {
      const summary = await call('completeBankLink', { url });
      updateLink((current) =>
        current.name === 'linked' && current.connectionId === summary.connectionId
          ? current
          : { name: 'linked', connectionId: summary.connectionId, summary },
      );
    } catch (error) {
      updateLink(() => linkFailed(error));
    }
  };

  const cancel = async () => {
    try {
      await call('cancelBankLink', undefined);
      updateLink(() => ({ name: 'idle' }));
    } catch (error) {
      updateLink(() => linkFailed(error));
    }
  };

  return {
    step,
    start: (reconnect: number | null = null) => void start(reconnect),
    paste: (url: string) => paste(url),
    cancel: () => void cancel(),
    dismiss: () => updateLink(() => ({ name: 'idle' })),
  };
}
