// This month's budgets on the dashboard: how each stands, and setting or
// removing one in place. Not tied to the period picker: a budget is monthly.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { format } from 'date-fns';
import { useState, type SubmitEvent } from 'react';
import { formatPence } from '../../../../db/money.js';
import { BudgetInput, type BudgetStatus } from '../../../../db/reports/report-model.js';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CategorySelect } from '../../components/CategorySelect';
import { Field, InputField } from '../../components/Field';
import { useFormErrors } from '../../hooks/useFormErrors';
import { parsePounds } from '../../money';
import { keys } from '../../queries';
import { validate } from '../../validation';

const FIELDS = ['category', 'amountPence'] as const;

interface RowProps {
  budget: BudgetStatus;
  onRemove: () => void;
  onRollover: (rollover: boolean) => void;
  /** As asked while the change is on its way, so the box does not flick back meanwhile. */
  rollover: boolean;
  busy: boolean;
}

function BudgetRow({ budget, onRemove, onRollover, busy, rollover }: RowProps) {
  const allowance = budget.amountPence + budget.carriedPence;
  const over = budget.leftPence < 0;
  const percent = Math.min(100, Math.round((Math.max(0, budget.spentPence) / allowance) * 100));
  return (
    <li className={over ? 'budget budget--over' : 'budget'}>
      <div className="budget__head">
        <span className="budget__name">{budget.category}</span>
        <span className="amount">
          {formatPence(budget.spentPence)} of {formatPence(allowance)}
        </span>
      </div>
      <div
        className="budget__bar"
        role="progressbar"
        aria-label={`${budget.category} spent`}
        aria-valuemin={0}
        aria-valuemax={allowance}
        aria-valuenow={Math.min(allowance, Math.max(0, budget.spentPence))}
        aria-valuetext={`${formatPence(budget.spentPence)} of ${formatPence(allowance)}`}
      >
        <div className="budget__fill" style={{ width: `${percent}%` }} />
      </div>
      <div className="budget__foot">
        <span className="budget__left">
          {over ? (
            <strong>Over budget by {formatPence(-budget.leftPence)}</strong>
          ) : (
            <>
              {formatPence(budget.leftPence)} left · {formatPence(budget.leftPerDayPence)} a day for {budget.daysLeft}{' '}
              {budget.daysLeft === 1 ? 'day' : 'days'}
            </>
          )}
        </span>
        {budget.carriedPence > 0 && (
          <span className="budget__left">{formatPence(budget.carriedPence)} carried over from earlier months</span>
        )}
      </div>
      <div className="budget__foot">
        <label className="checkbox budget__rollover">
          <input
            type="checkbox"
            checked={rollover}
            disabled={busy}
            onChange={(event) => onRollover(event.target.checked)}
          />
          Carry unspent money into next month
        </label>
        <button
          type="button"
          className="button button--small button--danger-quiet"
          aria-label={`Remove the ${budget.category} budget`}
          disabled={busy}
          onClick={onRemove}
        >
          Remove
        </button>
      </div>
    </li>
  );
}

export function Budgets() {
  const asOf = format(new Date(), 'yyyy-MM-dd');
  const client = useQueryClient();
  const status = useQuery({ queryKey: keys.budgetStatus(asOf), queryFn: () => call('budgetStatus', { asOf }) });
  const [category, setCategory] = useState('');
  const [amount, setAmount] = useState('');
  // Every day's status is stale after a change, not only today's.
  const refresh = () => client.invalidateQueries({ queryKey: [...keys.stats, 'budgets'] });
  const saving = useMutation({
    mutationFn: (input: BudgetInput) => call('setBudget', { ...input, asOf }),
    onSuccess: async () => {
      setAmount('');
      await refresh();
    },
  });
  // Rollover is switched on the budget itself: its amount stays as it is.
  const rolling = useMutation({
    mutationFn: (budget: BudgetStatus) =>
      call('setBudget', {
        category: budget.category,
        amountPence: budget.amountPence,
        rollover: budget.rollover,
        asOf,
      }),
    onSettled: refresh,
  });
  const removing = useMutation({
    mutationFn: (name: string) => call('removeBudget', { category: name }),
    onSettled: refresh,
  });
  const { errorFor, formLevel, check, edited } = useFormErrors(FIELDS, [saving]);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const pence = parsePounds(amount);
    // A changed amount keeps the budget's rollover as it was.
    const rollover = status.data?.find((b) => b.category === category)?.rollover ?? false;
    const input = { category, amountPence: pence ?? 0, rollover };
    const errors = validate(BudgetInput, input) ?? {};
    if (pence === null) errors.amountPence = 'Enter the amount in pounds and pence, like 250.00.';
    if (check(errors)) saving.mutate(input);
  };

  return (
    <>
      {status.isError ? (
        <ErrorMessage error={status.error} onRetry={() => void status.refetch()} />
      ) : status.isPending ? (
        <p className="empty-state">Loading…</p>
      ) : status.data.length ? (
        <ul className="budgets" aria-label="Budgets this month">
          {status.data.map((b) => (
            <BudgetRow
              key={b.category}
              budget={b}
              busy={removing.isPending || rolling.isPending}
              onRemove={() => removing.mutate(b.category)}
              onRollover={(rollover) => rolling.mutate({ ...b, rollover })}
              rollover={
                rolling.isPending && rolling.variables.category === b.category ? rolling.variables.rollover : b.rollover
              }
            />
          ))}
        </ul>
      ) : (
        <p className="empty-state">No budgets yet: set one for a category below.</p>
      )}
      {removing.isError && <ErrorMessage error={removing.error} />}
      {rolling.isError && <ErrorMessage error={rolling.error} />}
      <form className="budgets__form" onSubmit={submit} noValidate aria-label="Set a budget">
        <Field label="Category" error={errorFor('category')}>
          {({ id, describedBy, invalid }) => (
            <CategorySelect
              id={id}
              value={category}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(name) => {
                setCategory(name);
                edited('category');
              }}
            />
          )}
        </Field>
        <InputField
          label="A month (£)"
          error={errorFor('amountPence')}
          type="text"
          inputMode="decimal"
          placeholder="250.00"
          value={amount}
          onValueChange={(value) => {
            setAmount(value);
            edited('amountPence');
          }}
        />
        <button type="submit" className="button button--primary" disabled={saving.isPending}>
          Set budget
        </button>
      </form>
      {formLevel && <ErrorMessage problem={formLevel} />}
    </>
  );
}
