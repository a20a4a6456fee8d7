import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { AddRuleForm } from './AddRuleForm';
import { ApplyPanel } from './ApplyPanel';
import { RuleList } from './RuleList';
import { RuleSuggestions } from './RuleSuggestions';
import { useRules } from './useRules';
import './rules.css';

export function RulesPage() {
  const rules = useRules();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="page" aria-labelledby="rules-title">
      <div className="page__header">
        <h1 id="rules-title">Rules</h1>
      </div>
      <p className="page__intro">
        Rules sort transactions as they arrive, tried from the top: for each of category, merchant and Huququllah class,
        the first rule that matches decides. “Contains” matches whole words, so “ee” does not find “coffee”. A category
        you set by hand is never changed by a rule unless you ask.
      </p>
      <AddRuleForm onNotice={setNotice} />
      <p className="notice" role="status">
        {notice}
      </p>
      <RuleSuggestions onNotice={setNotice} />
      <ApplyPanel onNotice={setNotice} />
      {rules.isPending ? (
        <p className="empty-state">Loading rules…</p>
      ) : rules.isError ? (
        <ErrorMessage error={rules.error} title="Could not load the rules." onRetry={() => void rules.refetch()} />
      ) : (
        <RuleList rules={rules.data} />
      )}
    </section>
  );
}
