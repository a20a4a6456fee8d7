import { useState, type SubmitEvent } from 'react';
import { Field } from '../../components/Field';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useCategories } from '../../queries';
import { useRuleMutations } from './useRules';

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

/** One text condition and a category: the common rule; the store checks the pattern and says why at the field. */
export function AddRuleForm({ onNotice }: { onNotice: (text: string) => void }) {
  const { add } = useRuleMutations();
  const categories = useCategories();
  const [field, setField] = useState<TextField>('text');
  const [op, setOp] = useState<TextOp>('contains');
  const [value, setValue] = useState('');
  const [category, setCategory] = useState('');
  const { errorFor, formLevel, edited } = useFormErrors(['value', 'category'] as const, [add], (f) =>
    f.startsWith('conditions') ? 'value' : f === 'setCategory' ? 'category' : f,
  );

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const values = op === 'oneOf' || op === 'contains' ? value.split('|').map((v) => v.trim()) : [value];
    add.mutate(
      { conditions: [{ field, op, values, wholeWord: true }], setCategory: category || null },
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
      <Field label="Text" error={errorFor('value')}>
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
          <select
            id={id}
            className="input"
            value={category}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => {
              setCategory(e.target.value);
              edited('category');
            }}
          >
            <option value="">Choose…</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.id} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button button--primary" disabled={add.isPending}>
        Add rule
      </button>
      {formLevel && (
        <p className="field__error" role="alert">
          {formLevel.message} {formLevel.remedy}
        </p>
      )}
    </form>
  );
}
