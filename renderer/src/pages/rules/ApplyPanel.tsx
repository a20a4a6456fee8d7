import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatPence } from '../../../../db/money.js';
import { moveKey, type ApplyRequest } from '../../../../db/rules/rule-model.js';
import { useRuleMutations, useRuleRuns } from './useRules';

type Scope = 'uncategorised' | 'all';
const count = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'transaction' : 'transactions'}`;

/** Preview, then apply in one step that can be undone; the latest applies are listed with their counts. */
export function ApplyPanel({ onNotice }: { onNotice: (text: string) => void }) {
  const { preview, apply, undo } = useRuleMutations();
  const runs = useRuleRuns();
  const [scope, setScope] = useState<Scope>('uncategorised');
  const [includeManual, setIncludeManual] = useState(false);
  const request: ApplyRequest = { scope: { kind: scope }, includeManual };
  const failed = [preview, apply, undo].find((m) => m.isError);
  const open = (runs.data ?? []).filter((r) => r.undoneAt === null);

  return (
    <section className="rule-apply" aria-labelledby="rule-apply-title">
      <h2 id="rule-apply-title">Apply the rules to stored transactions</h2>
      <div className="rule-apply__controls">
        <label>
          Which transactions{' '}
          <select
            className="input"
            value={scope}
            onChange={(e) => {
              setScope(e.target.value as Scope);
              preview.reset();
            }}
          >
            <option value="uncategorised">Uncategorised only</option>
            <option value="all">All transactions</option>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={includeManual}
            onChange={(e) => {
              setIncludeManual(e.target.checked);
              preview.reset();
            }}
          />{' '}
          Also change categories set by hand
        </label>
        <button type="button" className="button" disabled={preview.isPending} onClick={() => preview.mutate(request)}>
          Preview
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={apply.isPending}
          onClick={() =>
            apply.mutate(request, {
              onSuccess: (result) => {
                preview.reset();
                onNotice(result.changed ? `Changed ${count(result.changed)}.` : 'Nothing to change.');
              },
            })
          }
        >
          Apply
        </button>
        <button
          type="button"
          className="button"
          disabled={undo.isPending || !open.length}
          onClick={() =>
            undo.mutate(undefined, {
              onSuccess: ([result]) => onNotice(result ? `Put back ${count(result.restored)}.` : 'Nothing to undo.'),
            })
          }
        >
          Undo last apply
        </button>
      </div>
      {failed && <ErrorMessage error={failed.error} title="The rules could not be applied." />}
      {preview.data && (
        <div className="rule-preview" role="region" aria-label="Preview">
          <p>
            {count(preview.data.changed)} of {count(preview.data.scanned)} would change
            {preview.data.keptManual ? `; ${count(preview.data.keptManual)} set by hand stay as they are` : ''}.
          </p>
          <ul className="rule-preview__groups">
            {preview.data.groups.map((g) => (
              <li key={moveKey(g.from, g.to)}>
                <strong>
                  {moveKey(g.from, g.to).replace(' -> ', ' → ')}: {g.count.toLocaleString('en-GB')}
                </strong>
                <ul className="rule-preview__sample">
                  {g.sample.map((row) => (
                    <li key={row.id}>
                      {row.date} · {row.description} · {formatPence(row.amountPence)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      )}
      {open.length > 0 && (
        <>
          <h3>Latest applies</h3>
          <ul className="rule-runs" aria-label="Latest applies">
            {open.slice(0, 5).map((run) => (
              <li key={run.id}>
                {run.createdAt.replace('T', ' ').replace('Z', '')}: {count(run.changed)} changed
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
