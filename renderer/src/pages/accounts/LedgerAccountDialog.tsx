// Makes an account, or renames one: statements, bank sync and entries by hand all name accounts.
import { useState, type SubmitEvent } from 'react';
import { NewAccount, type Account } from '../../../../db/imports/account-model.js';
import { ACCOUNT_KINDS, type AccountKind } from '../../../../db/imports/import-model.js';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, InputField } from '../../components/Field';
import { Modal, ModalClose } from '../../components/Modal';
import { useFormErrors } from '../../hooks/useFormErrors';
import { validate } from '../../validation';
import { KIND_LABELS } from './account-labels';
import { useCreateAccount, useRenameAccount } from './useAccountEdits';

interface Props {
  /** The account to rename, or null to make one. */
  account: Account | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function LedgerAccountDialog({ account, open, onOpenChange }: Props) {
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title={account ? `Rename ${account.name}` : 'New account'}
      description={
        account
          ? 'Its transactions stay in it; statements are imported into it by its new name.'
          : 'An account for statements you import or transactions you add by hand.'
      }
    >
      <LedgerAccountForm key={account?.id ?? 'new'} account={account} onDone={() => onOpenChange(false)} />
    </Modal>
  );
}

const FIELDS = ['name', 'kind'] as const;

function LedgerAccountForm({ account, onDone }: { account: Account | null; onDone: () => void }) {
  const create = useCreateAccount();
  const rename = useRenameAccount();
  const [name, setName] = useState(account?.name ?? '');
  const [kind, setKind] = useState<AccountKind>('current');
  const { errorFor, formLevel, check, edited } = useFormErrors(FIELDS, [create, rename]);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    // The kind is only asked when making one; the name is checked the same way both times.
    if (!check(validate(NewAccount, { name, kind }))) return;
    if (account) rename.mutate({ id: account.id, name }, { onSuccess: onDone });
    else create.mutate({ name, kind }, { onSuccess: onDone });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <InputField
        label="Name"
        error={errorFor('name')}
        placeholder="Santander current"
        value={name}
        onValueChange={(value) => {
          setName(value);
          edited('name');
        }}
      />
      {account ? null : (
        <Field label="Kind" error={errorFor('kind')}>
          {({ id, describedBy }) => (
            <select
              id={id}
              className="input"
              aria-describedby={describedBy}
              value={kind}
              onChange={(event) => setKind(event.target.value as AccountKind)}
            >
              {ACCOUNT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {formLevel && <ErrorMessage problem={formLevel} />}
      <div className="modal__actions">
        <ModalClose asChild>
          <button type="button" className="button">
            Cancel
          </button>
        </ModalClose>
        <button type="submit" className="button button--primary" disabled={create.isPending || rename.isPending}>
          {account ? 'Rename' : 'Create account'}
        </button>
      </div>
    </form>
  );
}
