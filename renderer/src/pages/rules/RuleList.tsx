import type { Rule } from '../../../../db/rules/rule-model.js';
import { describeActions, describeCondition } from './describe-rule';
import { useRuleMutations } from './useRules';

/** The rules in the order they are tried; Move up / Move down change it from the keyboard too. */
export function RuleList({ rules }: { rules: Rule[] }) {
  const { move, remove } = useRuleMutations();
  const busy = move.isPending || remove.isPending;
  return (
    <ol className="rule-list" aria-label="Rules, first tried first">
      {rules.map((rule, index) => {
        const text = `${rule.conditions.map(describeCondition).join(' and ')} → ${describeActions(rule)}`;
        return (
          <li key={rule.id} className="rule-list__item">
            <span className="rule-list__priority">{rule.priority}.</span>
            <span className="rule-list__text">
              {text}
              {rule.builtin ? <span className="rule-list__tag"> built in</span> : null}
              {rule.keywordId !== null ? <span className="rule-list__tag"> keyword</span> : null}
            </span>
            <span className="rule-list__actions">
              <button
                type="button"
                className="button"
                disabled={busy || index === 0}
                aria-label={`Move up: ${text}`}
                onClick={() => move.mutate({ id: rule.id, priority: rule.priority - 1 })}
              >
                ↑
              </button>
              <button
                type="button"
                className="button"
                disabled={busy || index === rules.length - 1}
                aria-label={`Move down: ${text}`}
                onClick={() => move.mutate({ id: rule.id, priority: rule.priority + 1 })}
              >
                ↓
              </button>
              <button
                type="button"
                className="button"
                disabled={busy}
                aria-label={`Remove: ${text}`}
                onClick={() => remove.mutate(rule.id)}
              >
                Remove
              </button>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
