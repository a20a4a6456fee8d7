// `spending purchases …`: Amazon and Apple purchase histories into the store,
// matched to the bank rows that paid them, and the user's say on each match.
import { Command, InvalidArgumentError } from 'commander';
import { formatPence } from '../../db/money.js';
import type { MatchSummary } from '../../db/purchases/purchase-model.js';
import type { Store } from '../../db/store.js';
import type { Output } from './io.js';

type WithStore = <T>(work: (store: Store) => Promise<T>) => Promise<T>;

function id(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('Expected a whole number from 1.');
  return n;
}

function renderSummary(s: MatchSummary): string {
  return `Matched ${s.matched.toLocaleString('en-GB')} purchases to bank rows; ${s.unmatchedOrders.toLocaleString('en-GB')} have none; ${s.unmatchedCharges.toLocaleString('en-GB')} Amazon or Apple charges in the dates covered have no purchase.`;
}

export function registerPurchaseCommands(program: Command, withStore: WithStore, out: () => Output): void {
  const purchases = program
    .command('purchases')
    .description('Amazon and Apple purchases: import their histories, match them to bank rows');

  purchases
    .command('import')
    .description(
      'import an Amazon order history, returns or digital orders CSV, or Apple’s “Report a Problem” page (found from the content), then match',
    )
    .argument('<file>', 'the file Amazon or Apple gave you')
    .action(async (file: string) => {
      const { importPurchaseFile } = await import('../services/finance/purchases/import-purchases.js');
      const report = await withStore((store) => importPurchaseFile(store, file));
      out().result({ ok: true, ...report }, () =>
        [
          report.alreadyImported
            ? `${file} (${report.format}) was imported before (import ${report.importId}): nothing added.`
            : `${file} (${report.format}): added ${report.added.toLocaleString('en-GB')}, ${report.duplicates.toLocaleString('en-GB')} already there (import ${report.importId})`,
          ...report.unreadable.map((u) => `  line ${u.line}: ${u.reason}`),
          ...(report.match ? [renderSummary(report.match)] : []),
        ].join('\n'),
      );
    });

  purchases
    .command('match')
    .description(
      'propose a bank row for every purchase not yet confirmed (confirmed, hand-made and rejected pairs are kept)',
    )
    .action(async () => {
      const summary = await withStore((store) => store.purchases.match());
      out().result(summary, () => renderSummary(summary));
    });

  purchases
    .command('coverage')
    .description('per month: purchases, how many are matched, and the Amazon or Apple charges none explains')
    .action(async () => {
      const coverage = await withStore((store) => store.purchases.coverage());
      out().result(coverage, () =>
        coverage.spans.length
          ? [
              ...coverage.spans.map((s) => `${s.source}: purchases from ${s.from} to ${s.to}`),
              ...coverage.months.map(
                (m) =>
                  `${m.source} ${m.month}: ${m.matchedPurchases}/${m.purchases} purchases matched, ${m.unmatchedCharges} of ${m.charges} charges unexplained`,
              ),
            ].join('\n')
          : 'No purchases yet: `spending purchases import FILE` adds them.',
      );
    });

  purchases
    .command('unmatched')
    .description('Amazon and Apple bank rows, in the dates the purchases cover, that no purchase explains')
    .action(async () => {
      const charges = await withStore((store) => store.purchases.unmatchedCharges());
      out().result({ charges }, () =>
        charges.length
          ? charges.map((c) => `[${c.id}] ${c.date} ${c.description} ${formatPence(c.amountPence)}`).join('\n')
          : 'Every Amazon and Apple charge in the dates covered has its purchase.',
      );
    });

  for (const [verb, what] of [
    ['confirm', 'agree with a proposed match (all the purchases charged with it)'],
    ['reject', 'say a match is wrong: it is removed and never proposed again'],
  ] as const) {
    purchases
      .command(verb)
      .description(what)
      .argument('<purchase-id>', 'the purchase’s id', id)
      .action(async (purchaseId: number) => {
        await withStore((store) => store.purchases[verb](purchaseId));
        out().result(
          { ok: true },
          () => `${verb === 'confirm' ? 'Confirmed' : 'Rejected'} the match of purchase ${purchaseId}.`,
        );
      });
  }

  purchases
    .command('link')
    .description('match purchases (one, or several charged together) to a bank row by hand')
    .argument('<transaction-id>', 'the bank row’s id', id)
    .argument('<purchase-id...>', 'the purchases’ ids')
    .action(async (transactionId: number, purchaseIds: string[]) => {
      const ids = purchaseIds.map(id);
      await withStore((store) => store.purchases.matchByHand(ids, transactionId));
      out().result(
        { ok: true },
        () => `Matched ${ids.length} purchase${ids.length === 1 ? '' : 's'} to transaction ${transactionId}.`,
      );
    });
}
