// `spending report …`, `spending recurring`, `spending budgets …` and
// `spending export`: the reports of the dashboard, from the command line.
import { open } from 'node:fs/promises';
import { Argument, Command } from 'commander';
import { csvLine, UTF8_BOM } from '../../db/csv.js';
import { formatPence, penceToDecimal } from '../../db/money.js';
import { PRIVATE_FILE_MODE } from '../../db/private-files.js';
import { AppError } from '../../db/errors.js';
import type { RecurringPayment, ReportPeriod } from '../../db/reports/report-model.js';
import type { Store } from '../../db/store.js';
import { filterOptions } from './filter-options.js';
import { table } from './format.js';
import type { Output } from './io.js';
import { isoDate, pounds, positiveInt } from './number-args.js';

type WithStore = <T>(work: (store: Store) => Promise<T>) => Promise<T>;

const REPORTS = ['categories', 'months', 'merchants', 'compare'] as const;

interface RecurringOptions {
  asOf?: string;
  confirm?: string;
  dismiss?: string;
  rename?: string;
  name?: string;
  restore?: string;
}

/** The listed payment a name or key given on the command line means; one, or an error saying what to do. */
async function listedPayment(store: Store, given: string, asOf: string | undefined): Promise<RecurringPayment> {
  const { payments } = await store.reports.recurring(asOf);
  const matches = payments.filter((p) => p.key === given || p.merchant === given);
  const [only] = matches;
  if (only && matches.length === 1) return only;
  throw matches.length
    ? new AppError(
        'invalid_input',
        `More than one recurring payment is called “${given}”.`,
        `Give its key instead: ${matches.map((p) => `“${p.key}”`).join(' or ')}.`,
      )
    : new AppError(
        'not_found',
        `No recurring payment listed is called “${given}”.`,
        'See them, with their keys, with `spending --json recurring`.',
      );
}

/** Carries out --confirm, --dismiss, --rename or --restore; null when none was given. */
async function decide(store: Store, o: RecurringOptions): Promise<{ key: string; said: string } | null> {
  if (o.name !== undefined && o.rename === undefined)
    throw new AppError('invalid_input', '--name goes with --rename.', 'Say which one: --rename <payee> --name <name>.');
  if (o.restore !== undefined) {
    await store.reports.decideRecurring({ key: o.restore, status: null, name: null });
    return { key: o.restore, said: `“${o.restore}” is listed as detected again.` };
  }
  if (o.confirm !== undefined) {
    const p = await listedPayment(store, o.confirm, o.asOf);
    await store.reports.decideRecurring({ key: p.key, status: 'confirmed' });
    return { key: p.key, said: `Confirmed ${p.merchant}.` };
  }
  if (o.dismiss !== undefined) {
    const p = await listedPayment(store, o.dismiss, o.asOf);
    await store.reports.decideRecurring({ key: p.key, status: 'dismissed' });
    return { key: p.key, said: `Dismissed ${p.merchant}: undo with --restore '${p.key}'.` };
  }
  if (o.rename !== undefined) {
    if (o.name === undefined)
      throw new AppError(
        'invalid_input',
        '--rename needs --name.',
        'Add --name "the name you want" (empty for the detected one).',
      );
    const p = await listedPayment(store, o.rename, o.asOf);
    await store.reports.decideRecurring({ key: p.key, name: o.name });
    return { key: p.key, said: `Renamed ${p.merchant} to ${o.name.trim() || 'its detected name'}.` };
  }
  return null;
}

const EXPORT_PAGE = 500;

const period = (o: { from?: string; to?: string }): ReportPeriod => ({
  ...(o.from ? { from: o.from } : {}),
  ...(o.to ? { to: o.to } : {}),
});

const percent = (p: number | null) => (p === null ? '—' : `${p > 0 ? '+' : ''}${p.toFixed(1)} %`);
const amounts = (...columns: number[]) => new Set(columns);

async function report(store: Store, kind: (typeof REPORTS)[number], p: ReportPeriod, limit: number) {
  switch (kind) {
    case 'categories': {
      const rows = await store.reports.categories(p);
      return {
        value: rows,
        human: () =>
          table(
            ['Category', 'Spent', 'Income', 'Count'],
            rows.map((c) => [
              c.category ?? '(none)',
              formatPence(c.spendPence),
              formatPence(c.incomePence),
              String(c.count),
            ]),
            amounts(1, 2, 3),
          ),
      };
    }
    case 'months': {
      const rows = await store.reports.months(p);
      return {
        value: rows,
        human: () =>
          table(
            ['Month', 'Income', 'Spent', 'Net'],
            rows.map((m) => [m.month, formatPence(m.incomePence), formatPence(m.spendPence), formatPence(m.netPence)]),
            amounts(1, 2, 3),
          ),
      };
    }
    case 'merchants': {
      const rows = await store.reports.merchants(p, limit);
      return {
        value: rows,
        human: () =>
          table(
            ['Merchant', 'Spent', 'Count'],
            rows.map((m) => [m.merchant, formatPence(m.spendPence), String(m.count)]),
            amounts(1, 2),
          ),
      };
    }
    case 'compare': {
      const c = await store.reports.compare(p);
      return {
        value: c,
        human: () =>
          [
            `${c.current.from} to ${c.current.to}, against ${c.previous.from} to ${c.previous.to} and ${c.yearAgo.from} to ${c.yearAgo.to}`,
            table(
              ['Category', 'Now', 'Before', 'Change', 'A year ago', 'Change'],
              c.categories.map((r) => [
                r.category ?? '(none)',
                formatPence(r.currentPence),
                formatPence(r.previousPence),
                percent(r.changePercent),
                formatPence(r.yearAgoPence),
                percent(r.yearChangePercent),
              ]),
              amounts(1, 2, 3, 4, 5),
            ),
          ].join('\n'),
      };
    }
  }
}

export function registerReportCommands(program: Command, withStore: WithStore, out: () => Output): void {
  program
    .command('report')
    .description('spending by category, income and spending by month, top merchants, or this period against others')
    .addArgument(new Argument('<kind>', 'which report').choices(REPORTS))
    .option('--from <date>', 'on or after YYYY-MM-DD', isoDate)
    .option('--to <date>', 'on or before YYYY-MM-DD (compare: default today, from the 1st of its month)', isoDate)
    .option('--limit <n>', 'merchants: how many', positiveInt(1000), 10)
    .action(async (kind: (typeof REPORTS)[number], options: { from?: string; to?: string; limit: number }) => {
      const o = out();
      const { value, human } = await withStore((store) => report(store, kind, period(options), options.limit));
      o.result(value, human);
    });

  program
    .command('recurring')
    .description('recurring payments and subscriptions found in the history, with their next dates')
    .option('--as-of <date>', 'the day to look from (default: today)', isoDate)
    .option('--confirm <payee>', 'mark one as confirmed (its name as listed, or its key)')
    .option('--dismiss <payee>', 'never list it again (its name as listed, or its key)')
    .option('--rename <payee>', 'give one a name of your own, with --name')
    .option('--name <name>', 'the new name for --rename (empty: back to the detected one)')
    .option('--restore <key>', 'take back a dismissal, confirmation and name: the key printed when it was dismissed')
    .action(async (options: RecurringOptions) => {
      const o = out();
      const decided = await withStore((store) => decide(store, options));
      if (decided) {
        o.result(decided, () => decided.said);
        return;
      }
      const summary = await withStore((store) => store.reports.recurring(options.asOf));
      o.result(
        summary.payments.map(({ key, merchant, cadence, amountPence, nextDate, count, confirmed }) => ({
          merchant,
          cadence,
          amountPence,
          nextDate,
          count,
          confirmed,
          key,
        })),
        () =>
          summary.payments.length
            ? [
                table(
                  ['Merchant', 'Every', 'Amount', 'Next', 'Times', 'Confirmed'],
                  summary.payments.map((p) => [
                    p.merchant,
                    p.cadence,
                    formatPence(p.amountPence),
                    p.nextDate,
                    String(p.count),
                    p.confirmed ? 'yes' : '',
                  ]),
                  amounts(2, 4),
                ),
                '',
                `About ${formatPence(summary.monthlyPence)} a month; ${summary.upcoming.length} due in the next 30 days.`,
              ].join('\n')
            : 'No recurring payments found.',
      );
    });

  const budgets = program.command('budgets').description('monthly budgets per category');
  budgets
    .command('list')
    .description('every budget')
    .action(async () => {
      const list = await withStore((store) => store.reports.budgets());
      out().result(list, () =>
        list.length
          ? table(
              ['Category', 'Each month', 'Rollover', 'Since'],
              list.map((b) => [b.category, formatPence(b.amountPence), b.rollover ? 'yes' : 'no', b.startMonth]),
              amounts(1),
            )
          : 'No budgets yet: `spending budgets set <category> <amount>`.',
      );
    });
  budgets
    .command('set')
    .description('set (or change) a category’s monthly budget')
    .argument('<category>', 'the category')
    .argument('<amount>', 'pounds a month, like 250 or 42.50', pounds)
    .option('--rollover', 'carry what is left into the next month')
    .action(async (category: string, amountPence: number, options: { rollover?: boolean }) => {
      const budget = await withStore((store) =>
        store.reports.setBudget({ category, amountPence, rollover: options.rollover ?? false }),
      );
      out().result(
        budget,
        () =>
          `${budget.category}: ${formatPence(budget.amountPence)} a month${budget.rollover ? ', what is left carrying on' : ''}.`,
      );
    });
  budgets
    .command('remove')
    .description('remove a category’s budget')
    .argument('<category>', 'the category')
    .action(async (category: string) => {
      await withStore((store) => store.reports.removeBudget(category));
      out().result({ ok: true }, () => `Removed the budget for ${category}.`);
    });
  budgets
    .command('status')
    .description('how each budget stands this month')
    .option('--as-of <date>', 'the day to look from (default: today)', isoDate)
    .action(async (options: { asOf?: string }) => {
      const list = await withStore((store) => store.reports.budgetStatus(options.asOf));
      out().result(list, () =>
        list.length
          ? table(
              ['Category', 'Budget', 'Carried', 'Spent', 'Left', 'Per day'],
              list.map((b) => [
                b.category,
                formatPence(b.amountPence),
                formatPence(b.carriedPence),
                formatPence(b.spentPence),
                formatPence(b.leftPence),
                formatPence(b.leftPerDayPence),
              ]),
              amounts(1, 2, 3, 4, 5),
            )
          : 'No budgets yet: `spending budgets set <category> <amount>`.',
      );
    });

  program
    .command('export')
    .description('transactions to a CSV file a spreadsheet opens, oldest first')
    .requiredOption('--out <file>', 'the CSV file to write (replaced if it exists)')
    .option('--search <text>', 'text in the description or merchant (any case)')
    .option('--category <name...>', 'only these categories')
    .option('--from <date>', 'on or after YYYY-MM-DD', isoDate)
    .option('--to <date>', 'on or before YYYY-MM-DD', isoDate)
    .action(async (options: { out: string; search?: string; category?: string[]; from?: string; to?: string }) => {
      const o = out();
      const rows = await withStore(async (store) => {
        // Transactions are private: the file is the owner's alone, as the store is.
        const file = await open(options.out, 'w', PRIVATE_FILE_MODE);
        try {
          await file.write(
            UTF8_BOM + csvLine(['date', 'description', 'amount', 'category', 'merchant', 'source_file', 'huququllah']),
          );
          let written = 0;
          let cursor: string | null = null;
          do {
            const page = await store.listTransactions({
              ...filterOptions(options),
              sort: 'date',
              direction: 'asc',
              limit: EXPORT_PAGE,
              cursor,
            });
            await file.write(
              page.items
                .map((t) =>
                  csvLine([
                    t.date,
                    t.description,
                    penceToDecimal(t.amountPence),
                    t.category,
                    t.merchant,
                    t.sourceFile,
                    t.huququllahClassification,
                  ]),
                )
                .join(''),
            );
            written += page.items.length;
            cursor = page.nextCursor;
          } while (cursor);
          return written;
        } finally {
          await file.close();
        }
      });
      o.result(
        { ok: true, file: options.out, transactions: rows },
        () => `Wrote ${rows.toLocaleString('en-GB')} transactions to ${options.out}.`,
      );
    });
}
