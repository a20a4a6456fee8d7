// `spending rules …` and `spending huququllah …`: the rules engine and the
// Huququllah sums from the command line, over the same Store as the app.
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { AppError } from '../../db/errors.js';
import { formatPence } from '../../db/money.js';
import type { HUQUQULLAH_CLASSES } from '../../db/model.js';
import type { RuleCondition, Rule, RuleScope } from '../../db/rules/rule-model.js';
import type { Store } from '../../db/store.js';
import type { Output } from './io.js';

type WithStore = <T>(work: (store: Store) => Promise<T>) => Promise<T>;
type HuququllahClass = (typeof HUQUQULLAH_CLASSES)[number];

const OPS: Record<string, 'contains' | 'startsWith' | 'is' | 'oneOf' | 'matches'> = {
  contains: 'contains',
  'starts-with': 'startsWith',
  startswith: 'startsWith',
  is: 'is',
  'one-of': 'oneOf',
  oneof: 'oneOf',
  matches: 'matches',
  regex: 'matches',
};

function badCondition(message: string): AppError {
  return new AppError(
    'invalid_input',
    message,
    'Conditions are FIELD:OP:VALUE, e.g. description:contains:tesco, amount:between:10..20, direction:is:out, date:between:2025-01-01..2025-03-31.',
    'conditions',
  );
}

function pence(text: string): number {
  const match = /^£?(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw badCondition(`“${text}” is not an amount in pounds, like 12.50.`);
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** One condition from FIELD, OP and VALUE as typed; several text values are separated by |. */
export function parseCondition(field: string, op: string, value: string, wholeWord = true): RuleCondition {
  const f = field.toLowerCase();
  const o = op.toLowerCase();
  switch (f) {
    case 'description':
    case 'merchant':
    case 'text': {
      const textOp = OPS[o];
      if (!textOp)
        throw badCondition(`“${op}” is not an operator for ${f}: use contains, starts-with, is, one-of or matches.`);
      const values = textOp === 'matches' || textOp === 'is' ? [value] : value.split('|').map((v) => v.trim());
      return { field: f, op: textOp, values, wholeWord };
    }
    case 'amount': {
      if (o === 'between') {
        const [low = '', high = ''] = value.split('..');
        return { field: 'amount', op: 'between', pence: pence(low), toPence: pence(high) };
      }
      if (o !== 'is' && o !== 'above' && o !== 'below')
        throw badCondition(`“${op}” is not an operator for amount: use is, between, above or below.`);
      return { field: 'amount', op: o, pence: pence(value) };
    }
    case 'direction':
      if (value !== 'in' && value !== 'out') throw badCondition('direction is in (money in) or out (money out).');
      return { field: 'direction', op: 'is', value };
    case 'source':
      if (o !== 'kind' && o !== 'is')
        throw badCondition('source takes kind (manual, bank, statement) or is (a file or bank name).');
      return { field: 'source', op: o, value };
    case 'date': {
      if (o !== 'between') throw badCondition('date takes between FROM..TO (either side may be left out).');
      const [from = '', to = ''] = value.split('..');
      return { field: 'date', op: 'between', ...(from ? { from } : {}), ...(to ? { to } : {}) };
    }
    default:
      throw badCondition(
        `“${field}” is not a field: use description, merchant, text, amount, direction, source or date.`,
      );
  }
}

/** FIELD:OP:VALUE; the value may itself hold colons. */
function splitCondition(text: string): [string, string, string] {
  const [field, op, ...rest] = text.split(':');
  if (!field || !op || !rest.length) throw badCondition(`“${text}” is not FIELD:OP:VALUE.`);
  return [field, op, rest.join(':')];
}

function describeCondition(c: RuleCondition): string {
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
      const op = { contains: 'contains', startsWith: 'starts with', is: 'is', oneOf: 'is one of', matches: 'matches' }[
        c.op
      ];
      const whole = c.op === 'contains' && !c.wholeWord ? ' (anywhere)' : '';
      return `${c.field} ${op} ${c.values.map((v) => `“${v}”`).join(' or ')}${whole}`;
    }
  }
}

function describeActions(r: Pick<Rule, 'setCategory' | 'setMerchant' | 'setHuququllah'>): string {
  return [
    r.setCategory && `category ${r.setCategory}`,
    r.setMerchant && `merchant ${r.setMerchant}`,
    r.setHuququllah && `Huququllah ${r.setHuququllah}`,
  ]
    .filter(Boolean)
    .join(', ');
}

const positive = (text: string) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('Expected a whole number from 1.');
  return n;
};

const collect = (value: string, previous: string[] = []) => [...previous, value];

function moves(byCategory: Record<string, number>): string[] {
  return Object.entries(byCategory)
    .sort((a, b) => b[1] - a[1])
    .map(([move, n]) => `  ${move}: ${n.toLocaleString('en-GB')}`);
}

export function registerRulesCommands(program: Command, withStore: WithStore, out: () => Output): void {
  const rules = program.command('rules').description('rules that sort transactions into categories');

  rules
    .command('list')
    .description('every rule, in the order they are tried')
    .action(async () => {
      const list = await withStore((store) => store.rules.list());
      out().result({ rules: list }, () =>
        list.length
          ? list
              .map(
                (r) =>
                  `${String(r.priority).padStart(3)}. [${r.id}] ${r.conditions.map(describeCondition).join(' and ')} → ${describeActions(r)}${r.builtin ? ' (built in)' : ''}`,
              )
              .join('\n')
          : 'No rules yet.',
      );
    });

  rules
    .command('add')
    .description('add a rule (first in line unless --priority)')
    .requiredOption('--field <field>', 'description, merchant, text (either), amount, direction, source or date')
    .requiredOption('--op <op>', 'contains, starts-with, is, one-of, matches; amount: is, between, above, below')
    .requiredOption('--value <value>', 'what to look for (several: a|b; amounts in pounds; ranges as A..B)')
    .option('--and <FIELD:OP:VALUE>', 'another condition that must hold too (repeatable)', collect)
    .option('--anywhere', 'contains: match inside words too (default: whole words)')
    .option('--category <name>', 'put matching transactions in this category')
    .option('--merchant <name>', 'set their merchant to this name')
    .addOption(new Option('--huququllah <class>', 'class matching expenses').choices(['essential', 'discretionary']))
    .option('--priority <n>', 'where it goes in line (1 = tried first)', positive)
    .action(
      async (options: {
        field: string;
        op: string;
        value: string;
        and?: string[];
        anywhere?: boolean;
        category?: string;
        merchant?: string;
        huququllah?: HuququllahClass;
        priority?: number;
      }) => {
        const conditions = [
          parseCondition(options.field, options.op, options.value, !options.anywhere),
          ...(options.and ?? []).map((text) => parseCondition(...splitCondition(text))),
        ];
        const rule = await withStore((store) =>
          store.rules.add({
            conditions,
            setCategory: options.category ?? null,
            setMerchant: options.merchant ?? null,
            setHuququllah: options.huququllah ?? null,
            ...(options.priority ? { priority: options.priority } : {}),
          }),
        );
        out().result(
          rule,
          () =>
            `Added rule ${rule.id} at priority ${rule.priority}: ${rule.conditions.map(describeCondition).join(' and ')} → ${describeActions(rule)}.`,
        );
      },
    );

  rules
    .command('remove')
    .description('remove a rule (a keyword of the Categories page goes with it)')
    .argument('<id>', 'the rule’s id (see `spending rules list`)', positive)
    .action(async (ruleId: number) => {
      await withStore((store) => store.rules.remove(ruleId));
      out().result({ ok: true, removed: ruleId }, () => `Removed rule ${ruleId}.`);
    });

  rules
    .command('apply')
    .description('sort stored transactions by the rules, in one step you can undo')
    .addOption(
      new Option('--scope <scope>', 'which transactions').choices(['uncategorised', 'all']).default('uncategorised'),
    )
    .option('--category <name>', 'only transactions in this category (repeatable)', collect)
    .option('--include-manual', 'also change categories set by hand')
    .option('--dry-run', 'show what would change, change nothing')
    .action(
      async (options: {
        scope: 'uncategorised' | 'all';
        category?: string[];
        includeManual?: boolean;
        dryRun?: boolean;
      }) => {
        const scope: RuleScope = options.category?.length
          ? { kind: 'categories', categories: options.category, uncategorised: false }
          : { kind: options.scope };
        const request = { scope, includeManual: Boolean(options.includeManual) };
        const o = out();
        if (options.dryRun) {
          const preview = await withStore((store) => store.rules.preview(request));
          const { changed, byCategory, merchants, huququllah, keptManual } = preview;
          o.result({ dryRun: true, changed, byCategory, merchants, huququllah, keptManual }, () =>
            [
              `Would change ${changed.toLocaleString('en-GB')} of ${preview.scanned.toLocaleString('en-GB')} transactions:`,
              ...moves(byCategory),
              ...(keptManual ? [`${keptManual} set by hand kept (--include-manual changes them).`] : []),
            ].join('\n'),
          );
          return;
        }
        const applied = await withStore((store) => store.rules.apply(request));
        const { changed, byCategory, merchants, huququllah, runId } = applied;
        o.result({ dryRun: false, changed, byCategory, merchants, huququllah, runId }, () =>
          changed
            ? [
                `Changed ${changed.toLocaleString('en-GB')} transactions (run ${runId}; \`spending rules undo\` puts them back):`,
                ...moves(byCategory),
              ].join('\n')
            : 'Nothing to change.',
        );
      },
    );

  rules
    .command('undo')
    .description('undo the last apply (or the last N, or one by its run id); later edits are kept')
    .argument('[run]', 'the run id an apply printed', positive)
    .option('--last <n>', 'how many of the latest applies', positive)
    .action(async (run: number | undefined, options: { last?: number }) => {
      const undone = await withStore(async (store) =>
        run ? [await store.rules.undo(run)] : store.rules.undoLast(options.last ?? 1),
      );
      out().result({ undone }, () =>
        undone.length
          ? undone
              .map(
                (u) =>
                  `Undid run ${u.runId}: ${u.restored} transactions put back${u.keptLaterEdits ? `, ${u.keptLaterEdits} changed since and kept` : ''}.`,
              )
              .join('\n')
          : 'Nothing to undo.',
      );
    });

  rules
    .command('suggest')
    .description('frequent words and merchants among uncategorised transactions, with the likely category')
    .option('--limit <n>', 'how many', positive, 10)
    .action(async (options: { limit: number }) => {
      const suggestions = await withStore((store) => store.rules.suggest(options.limit));
      out().result({ suggestions }, () =>
        suggestions.length
          ? suggestions
              .map(
                (s) =>
                  `${s.kind} “${s.value}”: ${s.count} uncategorised${s.category ? `, likely ${s.category} (${Math.round(s.share * 100)} %)` : ''}`,
              )
              .join('\n')
          : 'No suggestions: no word or merchant recurs among uncategorised transactions.',
      );
    });
}

export function registerHuququllahCommands(program: Command, withStore: WithStore, out: () => Output): void {
  const huququllah = program.command('huququllah').description("Ḥuqúqu'lláh: expenses classed, and what is due");

  huququllah
    .command('summary')
    .description('essential, discretionary, due (19 % of discretionary) and unclassified expenses')
    .option('--from <date>', 'on or after YYYY-MM-DD')
    .option('--to <date>', 'on or before YYYY-MM-DD')
    .action(async (options: { from?: string; to?: string }) => {
      const summary = await withStore((store) =>
        store.huququllah.summary({
          ...(options.from ? { from: options.from } : {}),
          ...(options.to ? { to: options.to } : {}),
        }),
      );
      out().result(summary, () =>
        [
          `Essential:     ${formatPence(summary.essentialPence)}`,
          `Discretionary: ${formatPence(summary.discretionaryPence)}`,
          `Due (19 %):    ${formatPence(summary.duePence)}`,
          `Unclassified:  ${summary.unclassified.toLocaleString('en-GB')} expenses`,
        ].join('\n'),
      );
    });

  huququllah
    .command('set')
    .description('class one expense: essential, discretionary or none')
    .argument('<id>', 'the transaction’s id', positive)
    .addArgument(new Argument('<class>', 'its class').choices(['essential', 'discretionary', 'none']))
    .action(async (transactionId: number, value: HuququllahClass | 'none') => {
      await withStore((store) => store.huququllah.set(transactionId, value === 'none' ? null : value));
      out().result({ ok: true, id: transactionId, class: value === 'none' ? null : value }, () =>
        value === 'none' ? `Transaction ${transactionId} is unclassed.` : `Transaction ${transactionId} is ${value}.`,
      );
    });
}
