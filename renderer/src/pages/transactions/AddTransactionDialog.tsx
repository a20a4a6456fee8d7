import { format } from 'date-fns';
import { useState, type SubmitEvent } from 'react';
import { NewTransaction } from '../../../../db/model.js';
import { fieldError } from '../../api';
import { Field } from '../../components/Field';
import { Modal, ModalClose } from '../../components/Modal';
import { parsePounds } from '../../money';
import { validate, type FieldErrors } from '../../validation';
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
type FieldName = (typeof FIELDS)[number];

function isShownField(field: string | null): field is FieldName {
  return FIELDS.includes(field as FieldName);
}

function AddTransactionForm({ categoryNames, onDone }: { categoryNames: readonly string[]; onDone: () => void }) {
  const add = useAddTransaction();
  const [date, setDate] = useState(() => format(new Date(), 'yyyy-MM-dd'));
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [kind, setKind] = useState<'spend' | 'income'>('spend');
  const [category, setCategory] = useState('');
  const [merchant, setMerchant] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);

  const problem = add.isError ? fieldError(add.error) : null;
  const errorFor = (field: FieldName) =>
    clientErrors ? clientErrors[field] : problem?.field === field ? problem.message : null;

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
    if (Object.keys(errors).length > 0) {
      setClientErrors(errors);
      return;
    }
    setClientErrors(null);
    add.mutate(input, { onSuccess: onDone });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field label="Date" error={errorFor('date')}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="date"
            className="input"
            required
            value={date}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(event) => setDate(event.target.value)}
          />
        )}
      </Field>
      <Field label="Description" error={errorFor('description')}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="text"
            className="input"
            required
            value={description}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(event) => setDescription(event.target.value)}
          />
        )}
      </Field>
      <div className="form__row">
        <Field label="Amount (£)" error={errorFor('amountPence')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="text"
              inputMode="decimal"
              className="input"
              required
              placeholder="12.50"
              value={amount}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(event) => setAmount(event.target.value)}
            />
          )}
        </Field>
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
            onChange={(event) => setCategory(event.target.value)}
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
      <Field label="Merchant (optional)" error={errorFor('merchant')}>
        {({ id, describedBy }) => (
          <input
            id={id}
            type="text"
            className="input"
            value={merchant}
            aria-describedby={describedBy}
            onChange={(event) => setMerchant(event.target.value)}
          />
        )}
      </Field>
      {!clientErrors && problem && !isShownField(problem.field) ? (
        <div className="error-message" role="alert">
          <p>{problem.message}</p>
          {problem.remedy && <p className="error-message__remedy">{problem.remedy}</p>}
        </div>
      ) : null}
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
