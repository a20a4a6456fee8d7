import { useState, type SubmitEvent } from 'react';
import { useLocation } from 'react-router';
import { formatPence } from '../../../../db/money.js';
import { fieldError } from '../../api';
import { Field } from '../../components/Field';
import { CategorySelect } from '../../components/CategorySelect';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useRuleMatches, useRuleMutations } from './useRules';

const FIELDS = [
  ['text', 'Description or merchant'],
  ['description', 'Description'],
  ['merchant', 'Merchant'],
] as const;
const OPS = [
  ['contains', 'contains the words'],
  ['startsWith', 'starts with'],
  ['is', 'is'],
  ['oneOf', 'is one of (separate with |)'],
  ['matches', 'matches the pattern'],
] as const;
type TextField = (typeof FIELDS)[number][0];
type TextOp = (typeof OPS)[number][0];

/** What another page hands the editor to start from (router state), e.g. "make this a rule" on Transactions. */
export interface RuleDraft {
  field: TextField;
  op: TextOp;
  value: string;
  category: string;
}

/** One text condition and a category: the common rule; the store checks the pattern and says why at the field. */
export function AddRuleForm({ onNotice }: { onNotice: (text: string) => void }) {
  const { add } = useRuleMutations();
  const draft = (useLocation().state as { rule?: RuleDraft } | null)?.rule;
  const [field, setField] = useState<TextField>(draft?.field ?? 'text');
  const [op, setOp] = useState<TextOp>(draft?.op ?? 'contains');
  const [value, setValue] = useState(draft?.value ?? '');
  const [category, setCategory] = useState(draft?.category ?? '');
  const { errorFor, formLevel, edited } = useFormErrors(['value', 'category'] as const, [add], (f) =>
    f.startsWith('conditions') ? 'value' : f === 'setCategory' ? 'category' : f,
  );

  const condition = {
    field,
    op,
    values: op === 'oneOf' || op === 'contains' ? value.split('|').map((v) => v.trim()) : [value],
    wholeWord: true,
  };
  const matches = useRuleMatches(value.trim() ? condition : null);
  // The count's refusal (a pattern that is no pattern) is about the text as typed: it shows at the field at once.
  const counted = matches.error ? fieldError(matches.error) : null;
  const textError = errorFor('value') ?? (counted?.field?.startsWith('conditions') ? counted.message : undefined);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    add.mutate(
      { conditions: [condition], setCategory: category || null },
      {
        onSuccess: (rule) => {
          setValue('');
          onNotice(`Added a rule, tried ${rule.priority === 1 ? 'first' : `at ${rule.priority}`}.`);
        },
      },
    );
  };

  return (
    <form className="rule-form" onSubmit={submit} aria-label="Add a rule">
      <Field label="Look at">
        {({ id }) => (
          <select id={id} className="input" value={field} onChange={(e) => setField(e.target.value as TextField)}>
            {FIELDS.map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Operator">
        {({ id }) => (
          <select
            id={id}
            className="input"
            value={op}
            onChange={(e) => {
              setOp(e.target.value as TextOp);
              edited('value');
            }}
          >
            {OPS.map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Text" error={textError}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input"
            value={value}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => {
              setValue(e.target.value);
              edited('value');
            }}
          />
        )}
      </Field>
      <Field label="Put in category" error={errorFor('category')}>
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
      <button type="submit" className="button button--primary" disabled={add.isPending}>
        Add rule
      </button>
      <section className="rule-matches" aria-label="Matches as you type" aria-live="polite">
        {!value.trim() ? null : counted && !counted.field?.startsWith('conditions') ? (
          <p>Could not count the matches: {counted.message}</p>
        ) : matches.data && !textError ? (
          <>
            <p>
              Matches <strong>{matches.data.count.toLocaleString('en-GB')}</strong>{' '}
              {matches.data.count === 1 ? 'transaction' : 'transactions'}
              {matches.isFetching ? ' …' : ''}
            </p>
            {matches.data.sample.length > 0 && (
              <ul className="rule-matches__sample">
                {matches.data.sample.map((row) => (
                  <li key={row.id}>
                    {row.date} · {row.description} · {formatPence(row.amountPence)}
                    {row.category ? ` · ${row.category}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : null}
      </section>
      {formLevel && (
        <p className="field__error" role="alert">
          {formLevel.message} {formLevel.remedy}
        </p>
      )}
    </form>
  );
}
