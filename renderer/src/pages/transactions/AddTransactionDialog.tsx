import { format } from 'date-fns';
import { useState, type SubmitEvent } from 'react';
import { NewTransaction } from '../../../../db/model.js';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, InputField } from '../../components/Field';
import { Modal, ModalClose } from '../../components/Modal';
import { parsePounds } from '../../money';
import { useFormErrors } from '../../hooks/useFormErrors';
import { validate } from '../../validation';
import { useAddTransaction } from './useTransactions';

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  categoryNames: readonly string[];
}

export function AddTransactionDialog({ open, onOpenChange, categoryNames }: Props) {
  return (
    <Modal open={open} onOpenChange={onOpenChange} title="Add transaction">
      {/* Mounted only while open, so every opening starts with a fresh form. */}
      <AddTransactionForm categoryNames={categoryNames} onDone={() => onOpenChange(false)} />
    </Modal>
  );
}

const FIELDS = ['date', 'description', 'amountPence', 'category', 'merchant'] as const;

function AddTransactionForm({ categoryNames, onDone }: { categoryNames: readonly string[]; onDone: () => void }) {
  const add = useAddTransaction();
  const [date, setDate] = useState(() => format(new Date(), 'yyyy-MM-dd'));
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [kind, setKind] = useState<'spend' | 'income'>('spend');
  const [category, setCategory] = useState('');
  const [merchant, setMerchant] = useState('');
  const { errorFor, formLevel, check, edited } = useFormErrors(FIELDS, [add]);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const pence = parsePounds(amount);
    const magnitude = Math.abs(pence ?? 0);
    const input = {
      date,
      description,
      amountPence: kind === 'spend' && magnitude > 0 ? -magnitude : magnitude,
      category: category || null,
      merchant: merchant.trim() || null,
    };
    const errors = validate(NewTransaction, input) ?? {};
    if (pence === null) errors.amountPence = 'Enter the amount in pounds and pence, like 12.50.';
    if (check(errors)) add.mutate(input, { onSuccess: onDone });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <InputField
        label="Date"
        error={errorFor('date')}
        type="date"
        required
        value={date}
        onValueChange={(value) => {
          setDate(value);
          edited('date');
        }}
      />
      <InputField
        label="Description"
        error={errorFor('description')}
        type="text"
        required
        value={description}
        onValueChange={(value) => {
          setDescription(value);
          edited('description');
        }}
      />
      <div className="form__row">
        <InputField
          label="Amount (£)"
          error={errorFor('amountPence')}
          type="text"
          inputMode="decimal"
          required
          placeholder="12.50"
          value={amount}
          onValueChange={(value) => {
            setAmount(value);
            edited('amountPence');
          }}
        />
        <fieldset className="field segmented">
          <legend className="field__label">Type</legend>
          <label className="segmented__option">
            <input type="radio" name="kind" checked={kind === 'spend'} onChange={() => setKind('spend')} />
            Spending
          </label>
          <label className="segmented__option">
            <input type="radio" name="kind" checked={kind === 'income'} onChange={() => setKind('income')} />
            Income
          </label>
        </fieldset>
      </div>
      <Field label="Category" error={errorFor('category')}>
        {({ id, describedBy }) => (
          <select
            id={id}
            className="input"
            value={category}
            aria-describedby={describedBy}
            onChange={(event) => {
              setCategory(event.target.value);
              edited('category');
            }}
          >
            <option value="">Uncategorised</option>
            {categoryNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <InputField
        label="Merchant (optional)"
        error={errorFor('merchant')}
        type="text"
        value={merchant}
        onValueChange={(value) => {
          setMerchant(value);
          edited('merchant');
        }}
      />
      {formLevel && <ErrorMessage problem={formLevel} />}
      <div className="modal__actions">
        <ModalClose asChild>
          <button type="button" className="button">
            Cancel
          </button>
        </ModalClose>
        <button type="submit" className="button button--primary" disabled={add.isPending}>
          Add transaction
        </button>
      </div>
    </form>
  );
}
