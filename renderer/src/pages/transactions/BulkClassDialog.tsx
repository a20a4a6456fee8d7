// Every expense the filters show, put in one Huququllah class at once: the
// dialog says exactly how many will change before anything does, and the
// change is a run that "Undo" (here, or on the Rules page) puts back.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { HuququllahBulkResult } from '../../../../db/huququllah/huququllah-model.js';
import type { TransactionFilter } from '../../../../db/model.js';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Modal, ModalClose } from '../../components/Modal';
import { formatCount, plural } from '../../format';
import { refreshTransactionData } from '../../queries';
import { HUQUQULLAH_LABELS, UNCLASSIFIED_LABEL } from '../huququllah/labels';

type Choice = keyof typeof HUQUQULLAH_LABELS | 'none';
const CHOICES: { value: Choice; label: string }[] = [
  ...Object.entries(HUQUQULLAH_LABELS).map(([value, label]) => ({ value: value as Choice, label })),
  { value: 'none', label: UNCLASSIFIED_LABEL },
];

export interface BulkClassed {
  runId: number;
  text: string;
}

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  filter: TransactionFilter;
  /** Transactions the filters show, income included. */
  shown: number | undefined;
  onDone: (done: BulkClassed | null) => void;
}

export function BulkClassDialog({ open, onOpenChange, filter, shown, onDone }: Props) {
  return (
    <Modal open={open} onOpenChange={onOpenChange} title="Set the Huququllah class of these expenses">
      {/* Mounted only while open: each opening counts afresh. */}
      <BulkClassForm filter={filter} shown={shown} onDone={onDone} />
    </Modal>
  );
}

function BulkClassForm({ filter, shown, onDone }: Omit<Props, 'open' | 'onOpenChange'>) {
  const client = useQueryClient();
  const [choice, setChoice] = useState<Choice>('discretionary');
  const value = choice === 'none' ? null : choice;
  const label = CHOICES.find((c) => c.value === choice)?.label ?? '';
  const countId = useId();
  const counted = useQuery({
    queryKey: ['transactions', 'bulk-class', filter, value],
    queryFn: () => call('classifyTransactions', { filter, value, dryRun: true }),
    staleTime: 0,
  });
  const apply = useMutation({
    mutationFn: () => call('classifyTransactions', { filter, value }),
    onSuccess: async (result: HuququllahBulkResult) => {
      await Promise.all([refreshTransactionData(client), client.invalidateQueries({ queryKey: ['rules'] })]);
      onDone(
        result.runId === null
          ? null
          : { runId: result.runId, text: `${plural(result.changed, 'expense')} set to ${label}.` },
      );
    },
  });
  const changes = counted.data?.changed;

  return (
    <div className="form">
      <fieldset className="field segmented">
        <legend className="field__label">Class</legend>
        {CHOICES.map((c) => (
          <label key={c.value} className="segmented__option">
            <input type="radio" name="bulk-class" checked={choice === c.value} onChange={() => setChoice(c.value)} />
            {c.label}
          </label>
        ))}
      </fieldset>
      <p id={countId} role="status">
        {counted.data ? countText(counted.data, shown, label) : counted.isError ? '' : 'Counting…'}
      </p>
      {counted.isError && <ErrorMessage error={counted.error} title="Could not count these expenses." />}
      {apply.isError && <ErrorMessage error={apply.error} title="Could not change them." />}
      <div className="modal__actions">
        <ModalClose asChild>
          <button type="button" className="button">
            Cancel
          </button>
        </ModalClose>
        <button
          type="button"
          className="button button--primary"
          aria-describedby={countId}
          disabled={!changes || apply.isPending}
          onClick={() => apply.mutate()}
        >
          {changes === undefined ? 'Set class' : `Set ${plural(changes, 'expense')} to ${label}`}
        </button>
      </div>
    </div>
  );
}

function countText({ expenses, changed }: HuququllahBulkResult, shown: number | undefined, label: string): string {
  const income = shown === undefined ? 0 : shown - expenses;
  const left =
    income > 0 ? ` The ${plural(income, 'income row')} shown ${income === 1 ? 'is' : 'are'} never classed.` : '';
  if (changed === expenses) return `All ${plural(expenses, 'expense')} shown will be set to ${label}.${left}`;
  return `Of the ${plural(expenses, 'expense')} shown, ${formatCount(changed)} will be set to ${label}; ${formatCount(expenses - changed)} already ${expenses - changed === 1 ? 'is' : 'are'}.${left}`;
}
