// Removing a server deletes its data, so the button stays disabled until
// the user has typed the server's name: a slip of the mouse cannot do it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField } from '../../components/Field';
import { Modal, ModalClose } from '../../components/Modal';
import { keys } from '../../queries';
import { destroyConfirmation, PROVIDER_LABELS, type Provider } from './useDatabase';

interface Props {
  provider: Provider;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

const WHAT_HAPPENS: Record<Provider, string> = {
  docker:
    'Spending removes the spending-postgres container and its Docker volume. Every row in that server is deleted; backups are kept.',
  embedded:
    'Spending stops the server and deletes its data folder and password. Every row in that server is deleted; backups are kept.',
  external:
    'Spending forgets the password it saved for your server. The server and its data are yours and are not touched.',
};

export function DestroyDialog({ provider, open, onOpenChange }: Props) {
  const external = provider === 'external';
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title={external ? 'Forget the saved password?' : `Destroy the ${PROVIDER_LABELS[provider]} server?`}
      description={WHAT_HAPPENS[provider]}
    >
      {/* Mounted only while open, so the typed text and any error start afresh each time. */}
      <DestroyForm provider={provider} onDone={() => onOpenChange(false)} />
    </Modal>
  );
}

function DestroyForm({ provider, onDone }: { provider: Provider; onDone: () => void }) {
  const client = useQueryClient();
  const expected = destroyConfirmation(provider);
  const [typed, setTyped] = useState('');
  const destroy = useMutation({
    mutationFn: () => call('destroyDatabase', { provider, confirmation: typed }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: keys.database });
      onDone();
    },
  });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (typed === expected) destroy.mutate();
  };
  return (
    <form className="form" onSubmit={submit}>
      <InputField
        label={`Type “${expected}” to confirm`}
        autoComplete="off"
        spellCheck={false}
        value={typed}
        onValueChange={setTyped}
      />
      {destroy.error && (
        <ErrorMessage
          error={destroy.error}
          title={provider === 'external' ? 'Could not forget the password.' : 'Could not destroy the server.'}
        />
      )}
      <div className="modal__actions">
        <ModalClose asChild>
          <button type="button" className="button">
            Cancel
          </button>
        </ModalClose>
        <button type="submit" className="button button--danger" disabled={typed !== expected || destroy.isPending}>
          {provider === 'external' ? 'Forget password' : destroy.isPending ? 'Destroying…' : 'Destroy'}
        </button>
      </div>
    </form>
  );
}
