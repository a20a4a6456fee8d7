// What a bulk Huququllah classing did, with the way to put it back at hand.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { plural } from '../../format';
import { refreshTransactionData } from '../../queries';
import type { BulkClassed } from './BulkClassDialog';

export function BulkClassUndo({ classed, onDone }: { classed: BulkClassed; onDone: (notice: string) => void }) {
  const client = useQueryClient();
  const undo = useMutation({
    mutationFn: () => call('undoRuleRuns', { runId: classed.runId }),
    onSuccess: async ([result]) => {
      await Promise.all([refreshTransactionData(client), client.invalidateQueries({ queryKey: ['rules'] })]);
      const kept = result?.keptLaterEdits
        ? ` ${plural(result.keptLaterEdits, 'expense')} changed since kept ${result.keptLaterEdits === 1 ? 'its' : 'their'} new class.`
        : '';
      onDone(`Put back the class of ${plural(result?.restored ?? 0, 'expense')}.${kept}`);
    },
  });
  return (
    <section className="bulk-classed" aria-label="Huququllah classing">
      <p role="status">{classed.text}</p>
      <button type="button" className="button" disabled={undo.isPending} onClick={() => undo.mutate()}>
        Undo
      </button>
      <button type="button" className="button" onClick={() => onDone('')}>
        Dismiss
      </button>
      {undo.isError && <ErrorMessage error={undo.error} title="Could not put them back." />}
    </section>
  );
}
