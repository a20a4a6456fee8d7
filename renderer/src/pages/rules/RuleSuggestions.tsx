import { useState } from 'react';
import type { RuleSuggestion } from '../../../../db/rules/rule-model.js';
import { CategorySelect } from '../../components/CategorySelect';
import { Disclosure } from '../../components/Disclosure';
import { ErrorMessage } from '../../components/ErrorMessage';
import { describeCondition } from './describe-rule';
import { useRuleMutations, useRuleSuggestions } from './useRules';

/** Words and merchants that recur among uncategorised transactions, each one click from being a rule. */
export function RuleSuggestions({ onNotice }: { onNotice: (text: string) => void }) {
  return (
    <Disclosure className="rule-suggestions" label="Suggested rules from your uncategorised transactions">
      {(panelId) => <SuggestionList id={panelId} onNotice={onNotice} />}
    </Disclosure>
  );
}

function SuggestionList({ id, onNotice }: { id: string; onNotice: (text: string) => void }) {
  const suggestions = useRuleSuggestions();
  if (suggestions.isPending) return <p id={id}>Looking through your uncategorised transactions…</p>;
  if (suggestions.isError)
    return (
      <div id={id}>
        <ErrorMessage error={suggestions.error} title="Could not make suggestions." />
      </div>
    );
  if (!suggestions.data.length)
    return <p id={id}>No suggestions: no word or merchant recurs among your uncategorised transactions.</p>;
  return (
    <ul id={id} className="rule-suggestions__list" aria-label="Suggested rules">
      {suggestions.data.map((s) => (
        <Suggestion key={`${s.kind}:${s.value}`} suggestion={s} onNotice={onNotice} />
      ))}
    </ul>
  );
}

function Suggestion({ suggestion: s, onNotice }: { suggestion: RuleSuggestion; onNotice: (text: string) => void }) {
  const { add } = useRuleMutations();
  const [category, setCategory] = useState(s.category ?? '');
  const what = describeCondition(s.condition);
  return (
    <li className="rule-suggestions__item">
      <div className="rule-suggestions__text">
        <strong>{what}</strong>: {s.count.toLocaleString('en-GB')} uncategorised
        {s.category ? `, likely ${s.category} (${Math.round(s.share * 100)} % of those already sorted)` : ''}
        <span className="rule-preview__sample"> e.g. {s.sample.map((r) => r.description).join('; ')}</span>
      </div>
      <label>
        <span className="visually-hidden">Category for {what}</span>
        <CategorySelect value={category} onChange={setCategory} />
      </label>
      <button
        type="button"
        className="button"
        disabled={!category || add.isPending}
        aria-label={`Make a rule: ${what}`}
        onClick={() =>
          add.mutate(
            { conditions: [s.condition], setCategory: category },
            { onSuccess: () => onNotice(`Added a rule: ${what} → ${category}. Preview and apply to sort them.`) },
          )
        }
      >
        Make a rule
      </button>
      {add.isError && <ErrorMessage error={add.error} title="Could not add the rule." />}
    </li>
  );
}
