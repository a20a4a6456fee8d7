// The form behind Add transaction and Edit transaction: the same fields, the
// same checks beside each field, and the store's refusal shown where it belongs.
import { useState, type SubmitEvent } from 'react';
import type { z } from 'zod';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, InputField } from '../../components/Field';
import { ModalClose } from '../../components/Modal';
import { parsePounds } from '../../money';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useAccountList } from '../../queries';
import { validate } from '../../validation';
import type { Transaction } from '../../../../db/model.js';
import { HUQUQULLAH_LABELS, UNCLASSIFIED_LABEL } from '../huququllah/labels';

/** What the form holds, as typed. */
export interface TransactionFormValues {
  date: string;
  description: string;
  /** Pounds and pence without a sign; `kind` says which way the money went. */
  amount: string;
  kind: 'spend' | 'income';
  /** '' for none. */
  category: string;
  merchant: string;
  /** The account's id as text; '' for none. */
  account: string;
  /** '' for not classified; only spending is classed. */
  huququllah: NonNullable<Transaction['huququllahClassification']> | '';
}

/** The signed amount in pence, or null when the amount is not one. */
export function formPence(values: TransactionFormValues): number | null {
  const pence = parsePounds(values.amount);
  if (pence === null) return null;
  const magnitude = Math.abs(pence);
  return values.kind === 'spend' && magnitude > 0 ? -magnitude : magnitude;
}

/** A call whose refusal the form shows: a react-query mutation fits. */
interface Saving {
  error: unknown;
  isPending: boolean;
  reset: () => void;
}

interface Props<T> {
  initial: TransactionFormValues;
  categoryNames: readonly string[];
  /** The store's input for these values, and the schema the store checks it with. */
  prepare: (values: TransactionFormValues, pence: number) => { input: T; schema: z.ZodType };
  send: (input: T) => void;
  saving: Saving;
  submitLabel: string;
}

/** Every category name, plus the transaction's own if the store no longer lists it. */
function withCurrent(names: readonly string[], current: string): readonly string[] {
  return current && !names.includes(current) ? [...names, current] : names;
}

const FIELDS = [
  'date',
  'description',
  'amountPence',
  'category',
  'merchant',
  'accountId',
  'huququllahClassification',
] as const;

export function TransactionForm<T>({ initial, categoryNames, prepare, send, saving, submitLabel }: Props<T>) {
  const [values, setValues] = useState(initial);
  const { errorFor, formLevel, check, edited } = useFormErrors(FIELDS, [saving]);
  const change = (field: (typeof FIELDS)[number], patch: Partial<TransactionFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    edited(field);
  };
  const { date, description, amount, kind, category, merchant, account, huququllah } = values;
  const accounts = useAccountList();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const pence = formPence(values);
    const { input, schema } = prepare(values, pence ?? 0);
    const errors = validate(schema, input) ?? {};
    if (pence === null) errors.amountPence = 'Enter the amount in pounds and pence, like 12.50.';
    if (check(errors)) send(input);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <InputField
        label="Date"
        error={errorFor('date')}
        type="date"
        required
        value={date}
        onValueChange={(value) => change('date', { date: value })}
      />
      <InputField
        label="Description"
        error={errorFor('description')}
        type="text"
        required
        value={description}
        onValueChange={(value) => change('description', { description: value })}
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
          onValueChange={(value) => change('amountPence', { amount: value })}
        />
        <fieldset className="field segmented">
          <legend className="field__label">Type</legend>
          <label className="segmented__option">
            <input
              type="radio"
              name="kind"
              checked={kind === 'spend'}
              onChange={() => change('amountPence', { kind: 'spend' })}
            />
            Spending
          </label>
          <label className="segmented__option">
            <input
              type="radio"
              name="kind"
              checked={kind === 'income'}
              onChange={() => change('amountPence', { kind: 'income' })}
            />
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
            onChange={(event) => change('category', { category: event.target.value })}
          >
            <option value="">Uncategorised</option>
            {withCurrent(categoryNames, initial.category).map((name) => (
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
        onValueChange={(value) => change('merchant', { merchant: value })}
      />
      <Field
        label="Account"
        error={errorFor('accountId') ?? (accounts.isError ? 'Could not load the accounts.' : undefined)}
      >
        {({ id, describedBy }) => (
          <select
            id={id}
            className="input"
            value={account}
            aria-describedby={describedBy}
            onChange={(event) => change('accountId', { account: event.target.value })}
          >
            <option value="">No account</option>
            {/* The transaction's own shows (by number) until the list is in, so the choice is never lost. */}
            {account && !accounts.data?.some((a) => String(a.id) === account) && (
              <option value={account}>{accounts.isPending ? 'Loading…' : `Account ${account}`}</option>
            )}
            {accounts.data?.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {/* Income is never classed: the choice is there for spending only. */}
      {kind === 'spend' && (
        <Field label="Huququllah" error={errorFor('huququllahClassification')}>
          {({ id, describedBy }) => (
            <select
              id={id}
              className="input"
              value={huququllah}
              aria-describedby={describedBy}
              onChange={(event) =>
                change('huququllahClassification', {
                  huququllah: event.target.value as TransactionFormValues['huququllah'],
                })
              }
            >
              <option value="">{UNCLASSIFIED_LABEL}</option>
              {Object.entries(HUQUQULLAH_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
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
        <button type="submit" className="button button--primary" disabled={saving.isPending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
