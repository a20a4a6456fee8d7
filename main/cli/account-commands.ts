// `spending accounts …`: the accounts transactions belong to, with their balances; made and renamed by hand.
import { Command, Option } from 'commander';
import { ACCOUNT_KINDS } from '../../db/imports/import-model.js';
import type { Account } from '../../db/imports/account-model.js';
import { formatPence } from '../../db/money.js';
import type { Store } from '../../db/store.js';
import { table } from './format.js';
import type { Output } from './io.js';
import { positiveInt } from './number-args.js';

type WithStore = <T>(work: (store: Store) => Promise<T>) => Promise<T>;

function lastBrought(a: Account): string {
  const dates = [
    a.lastSyncAt && `synced ${a.lastSyncAt.slice(0, 10)}`,
    a.lastImportAt && `imported ${a.lastImportAt.slice(0, 10)}`,
  ];
  return dates.filter(Boolean).join(', ') || '—';
}

function accountsTable(list: readonly Account[]): string {
  if (!list.length)
    return 'No accounts yet: `spending import FILE --account NAME` or `spending accounts add NAME` makes one.';
  return table(
    ['Id', 'Name', 'Kind', 'Balance', 'From', 'Transactions', 'Last'],
    list.map((a) => [
      String(a.id),
      a.name,
      a.kind.replace('_', ' '),
      formatPence(a.balancePence),
      a.balanceFrom === 'bank' ? 'bank' : 'sum',
      a.transactions.toLocaleString('en-GB'),
      lastBrought(a),
    ]),
    new Set([0, 3, 5]),
  );
}

export function registerAccountCommands(program: Command, withStore: WithStore, out: () => Output): void {
  const accounts = program.command('accounts').description('the accounts transactions belong to');
  accounts
    .command('list')
    .description(
      'every account with its balance (the bank’s when synced, else the sum of its transactions), transactions and last import or sync',
    )
    .action(async () => {
      const list = await withStore((store) => store.accounts.list());
      out().result({ accounts: list }, () => accountsTable(list));
    });
  accounts
    .command('add')
    .description('make an account for statements or transactions added by hand')
    .argument('<name>', 'its name')
    .addOption(new Option('--kind <kind>', 'what kind of account').choices(ACCOUNT_KINDS).default('current'))
    .action(async (name: string, options: { kind: (typeof ACCOUNT_KINDS)[number] }) => {
      const account = await withStore((store) => store.accounts.create({ name, kind: options.kind }));
      out().result({ ok: true, account }, () => `Made the account “${account.name}” [${account.id}].`);
    });
  accounts
    .command('rename')
    .description('give an account another name')
    .argument('<id>', 'its id (from `spending accounts list`)', positiveInt(2_147_483_647))
    .argument('<name>', 'its new name')
    .action(async (id: number, name: string) => {
      const account = await withStore((store) => store.accounts.rename({ id, name }));
      out().result({ ok: true, account }, () => `Account ${account.id} is now “${account.name}”.`);
    });
}
