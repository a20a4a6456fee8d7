// Rules in words, for the list and for screen readers.
import { formatPence } from '../../../../db/money.js';
import type { Rule, RuleCondition } from '../../../../db/rules/rule-model.js';

const TEXT_OPS = { contains: 'contains', startsWith: 'starts with', is: 'is', oneOf: 'is one of', matches: 'matches' };

export function describeCondition(c: RuleCondition): string {
  switch (c.field) {
    case 'amount':
      return c.op === 'between'
        ? `amount between ${formatPence(c.pence)} and ${formatPence(c.toPence ?? c.pence)}`
        : `amount ${c.op} ${formatPence(c.pence)}`;
    case 'direction':
      return c.value === 'in' ? 'money in' : 'money out';
    case 'source':
      return `source ${c.op} ${c.value}`;
    case 'date':
      return `date ${c.from ?? '…'} to ${c.to ?? '…'}`;
    default: {
      const anywhere = c.op === 'contains' && !c.wholeWord ? ' (anywhere in a word)' : '';
      return `${c.field === 'text' ? 'description or merchant' : c.field} ${TEXT_OPS[c.op]} ${c.values.map((v) => `“${v}”`).join(' or ')}${anywhere}`;
    }
  }
}

export function describeActions(r: Pick<Rule, 'setCategory' | 'setMerchant' | 'setHuququllah'>): string {
  return [
    r.setCategory && `category ${r.setCategory}`,
    r.setMerchant && `merchant ${r.setMerchant}`,
    r.setHuququllah && `Huququllah ${r.setHuququllah}`,
  ]
    .filter(Boolean)
    .join(', ');
}
