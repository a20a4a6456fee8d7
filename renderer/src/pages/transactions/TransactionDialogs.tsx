// Adding a transaction and editing one: the same form, each sending what its
// call to the store takes.
import { format } from 'date-fns';
import { useState } from 'react';
import { penceToDecimal } from '../../../../db/money.js';
import { NewTransaction, TransactionPatch, type Transaction } from '../../../../db/model.js';
import { Modal } from '../../components/Modal';
import { TransactionForm, type TransactionFormValues } from './TransactionForm';
import { useAddTransaction, useUpdateTransaction } from './useTransactions';

interface AddProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  categoryNames: readonly string[];
}

export function AddTransactionDialog({ open, onOpenChange, categoryNames }: AddProps) {
  return (
    <Modal open={open} onOpenChange={onOpenChange} title="Add transaction">
      {/* Mounted only while open, so every opening starts with a fresh form and no old refusal. */}
      <AddForm categoryNames={categoryNames} onDone={() => onOpenChange(false)} />
    </Modal>
  );
}

function AddForm({ categoryNames, onDone }: { categoryNames: readonly string[]; onDone: () => void }) {
  const add = useAddTransaction();
  const [today] = useState(() => format(new Date(), 'yyyy-MM-dd'));
  return (
    <TransactionForm
      initial={{
        date: today,
        description: '',
        amount: '',
        kind: 'spend',
        category: '',
        merchant: '',
        account: '',
        huququllah: '',
      }}
      categoryNames={categoryNames}
      prepare={(values, pence) => ({
        input: {
          date: values.date,
          description: values.description,
          amountPence: pence,
          category: values.category || null,
          merchant: values.merchant.trim() || null,
          accountId: accountIdOf(values),
          huququllahClassification: huququllahOf(values, pence),
        },
        schema: NewTransaction,
      })}
      send={(input) => add.mutate(input, { onSuccess: onDone })}
      saving={add}
      submitLabel="Add transaction"
    />
  );
}

interface EditProps {
  /** The transaction being edited; null when the dialog is closed. */
  transaction: Transaction | null;
  onClose: () => void;
  categoryNames: readonly string[];
  onCloseAutoFocus?: (event: Event) => void;
}

export function EditTransactionDialog({ transaction, onClose, categoryNames, onCloseAutoFocus }: EditProps) {
  return (
    <Modal
      open={transaction !== null}
      onOpenChange={(open) => !open && onClose()}
      title="Edit transaction"
      onCloseAutoFocus={onCloseAutoFocus}
    >
      {/* Keyed, so each transaction opened gets a fresh form and no old refusal. */}
      {transaction && (
        <EditForm key={transaction.id} transaction={transaction} categoryNames={categoryNames} onDone={onClose} />
      )}
    </Modal>
  );
}

interface EditFormProps {
  transaction: Transaction;
  categoryNames: readonly string[];
  onDone: () => void;
}

function EditForm({ transaction, categoryNames, onDone }: EditFormProps) {
  const update = useUpdateTransaction();
  return (
    <TransactionForm
      initial={asFormValues(transaction)}
      categoryNames={categoryNames}
      prepare={(values, pence) => ({ input: changes(transaction, values, pence), schema: TransactionPatch })}
      send={(patch) => update.mutate({ id: transaction.id, patch }, { onSuccess: onDone })}
      saving={update}
      submitLabel="Save changes"
    />
  );
}

function asFormValues(t: Transaction): TransactionFormValues {
  return {
    date: t.date,
    description: t.description,
    amount: penceToDecimal(Math.abs(t.amountPence)),
    kind: t.amountPence < 0 ? 'spend' : 'income',
    category: t.category ?? '',
    merchant: t.merchant ?? '',
    account: t.accountId === null ? '' : String(t.accountId),
    huququllah: t.huququllahClassification ?? '',
  };
}

function accountIdOf(values: TransactionFormValues): number | null {
  return values.account ? Number(values.account) : null;
}

/** The class to store: none for income, which is never classed (a row turned into income loses its class). */
function huququllahOf(values: TransactionFormValues, pence: number): Transaction['huququllahClassification'] {
  return pence < 0 ? values.huququllah || null : null;
}

/**
 * Only the fields the user changed: text left alone is kept byte for byte,
 * even where the form would tidy what it is given (a merchant's spaces).
 */
function changes(t: Transaction, values: TransactionFormValues, pence: number): TransactionPatch {
  const before = asFormValues(t);
  const patch: TransactionPatch = {};
  if (values.date !== before.date) patch.date = values.date;
  if (values.description !== before.description) patch.description = values.description;
  if (pence !== t.amountPence) patch.amountPence = pence;
  if (values.category !== before.category) patch.category = values.category || null;
  if (values.merchant !== before.merchant) patch.merchant = values.merchant.trim() || null;
  if (values.account !== before.account) patch.accountId = accountIdOf(values);
  const huququllah = huququllahOf(values, pence);
  if (huququllah !== t.huququllahClassification) patch.huququllahClassification = huququllah;
  return patch;
}
