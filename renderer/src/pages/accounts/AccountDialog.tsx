import { useState, type SubmitEvent } from 'react';
import { AccountMappingInput, type AccountMapping } from '../../../../db/model.js';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField } from '../../components/Field';
import { Modal, ModalClose } from '../../components/Modal';
import { useFormErrors } from '../../hooks/useFormErrors';
import { validate } from '../../validation';
import { formatSortCode, useSaveAccount } from './useAccounts';

/** An account to add with some fields filled in (no id), or one to edit. */
export type AccountDraft = Omit<AccountMapping, 'id'> & { id?: number };

interface Props {
  /** The account being edited (with an id), one to add filled in (without), or null to add an empty one. */
  account: AccountDraft | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function AccountDialog({ account, open, onOpenChange }: Props) {
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title={account?.id !== undefined ? 'Edit account name' : 'Add account name'}
      description="Statements identify an account by sort code and account number; the name is what Spending shows."
    >
      <AccountForm account={account} onDone={() => onOpenChange(false)} />
    </Modal>
  );
}

const FIELDS = ['sortCode', 'accountNumber', 'friendlyName'] as const;

function AccountForm({ account, onDone }: { account: AccountDraft | null; onDone: () => void }) {
  const save = useSaveAccount();
  const [sortCode, setSortCode] = useState(account ? formatSortCode(account.sortCode) : '');
  const [accountNumber, setAccountNumber] = useState(account?.accountNumber ?? '');
  const [friendlyName, setFriendlyName] = useState(account?.friendlyName ?? '');
  const { errorFor, formLevel, check, edited } = useFormErrors(FIELDS, [save]);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = { sortCode, accountNumber, friendlyName };
    if (check(validate(AccountMappingInput, input)))
      save.mutate(account?.id !== undefined ? { ...input, id: account.id } : input, { onSuccess: onDone });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="form__row">
        <InputField
          label="Sort code"
          error={errorFor('sortCode')}
          inputMode="numeric"
          placeholder="12-34-56"
          autoComplete="off"
          value={sortCode}
          onValueChange={(value) => {
            setSortCode(value);
            edited('sortCode');
          }}
        />
        <InputField
          label="Account number"
          error={errorFor('accountNumber')}
          inputMode="numeric"
          placeholder="12345678"
          autoComplete="off"
          value={accountNumber}
          onValueChange={(value) => {
            setAccountNumber(value);
            edited('accountNumber');
          }}
        />
      </div>
      <InputField
        label="Name"
        error={errorFor('friendlyName')}
        placeholder="Joint current account"
        value={friendlyName}
        onValueChange={(value) => {
          setFriendlyName(value);
          edited('friendlyName');
        }}
      />
      {formLevel && <ErrorMessage problem={formLevel} />}
      <div className="modal__actions">
        <ModalClose asChild>
          <button type="button" className="button">
            Cancel
          </button>
        </ModalClose>
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {account?.id !== undefined ? 'Save changes' : 'Add account'}
        </button>
      </div>
    </form>
  );
}
