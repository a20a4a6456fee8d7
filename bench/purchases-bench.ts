// Amazon and Apple matching at scale: a generated purchase history (about
// 20k Amazon orders plus refunds and Apple purchases) imported as Amazon's
// and Apple's own files, then matched against a bank of N transactions,
// SQLite and PostgreSQL side by side. Prints figures and the precision and
// recall against the generated truth; asserts nothing. Usage:
//   npm run bench:purchases                          # 100k and 1M transactions
//   npm run bench:purchases -- --sizes 100000 --sqlite-only
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../db/open-store.js';
import { proposeMatches } from '../db/purchases/matching.js';
import type { Store } from '../db/store.js';
import { startTestPostgres } from '../e2e/support/postgres-server.js';
import {
  amazonOrdersCsv,
  amazonReturnsCsv,
  appleReportHtml,
  generatePurchaseHistory,
  type PurchaseHistory,
} from '../e2e/support/purchase-history.js';
import { scriptArgs } from '../e2e/support/script-args.js';
import { positiveInt, positiveIntList } from '../main/cli/number-args.js';
import { importPurchaseFile } from '../main/services/finance/purchases/import-purchases.js';
import { parsePurchaseFile } from '../main/services/finance/purchases/purchase-file.js';
import { chargeSource } from '../db/purchases/charge-text.js';

const { sizes, orders, sqliteOnly } = scriptArgs(
  'bench:purchases',
  'Amazon and Apple purchase import and matching against N bank transactions (precision and recall against ' +
    'the generated truth), SQLite and PostgreSQL side by side.',
  (c) =>
    c
      .option(
        '--sizes <n,n,...>',
        'bank transactions to match against',
        positiveIntList(50_000_000),
        [100_000, 1_000_000],
      )
      .option(
        '--orders <n>',
        'Amazon orders in the history (before refunds and Apple purchases)',
        positiveInt(1_000_000),
        20_000,
      )
      .option('--sqlite-only', 'leave PostgreSQL out', false),
).opts<{ sizes: number[]; orders: number; sqliteOnly: boolean }>();

type Results = Map<string, Map<string, string>>;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Wall time, and this process's CPU time: the fairer figure on a busy machine (a PostgreSQL server's is not in it). */
async function timed<T>(work: () => Promise<T>): Promise<[T, string]> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return [value, `${seconds(performance.now() - start)} (cpu ${seconds((used.user + used.system) / 1000)})`];
}

function history(size: number): PurchaseHistory {
  const base = generatePurchaseHistory({
    seed: 1,
    orders,
    apple: Math.round(orders / 10),
    otherRows: 0,
    days: 3 * 365,
  });
  return generatePurchaseHistory({
    seed: 1,
    orders,
    apple: Math.round(orders / 10),
    otherRows: Math.max(0, size - base.bank.length),
    days: 3 * 365,
  });
}

async function benchStore(
  label: string,
  store: Store,
  h: PurchaseHistory,
  files: string[],
  results: Results,
): Promise<void> {
  const set = (row: string, value: string) => {
    let r = results.get(row);
    if (!r) results.set(row, (r = new Map<string, string>()));
    r.set(`${label} ${h.bank.length.toLocaleString('en-GB')}`, value);
  };
  const [, load] = await timed(() =>
    store.bulkInsert([
      {
        table: 'transactions',
        rows: h.bank.map((b, i) => ({ id: i + 1, date: b.date, description: b.description, amount: b.amountPence })),
      },
    ]),
  );
  console.error(`${label}: loaded ${h.bank.length.toLocaleString('en-GB')} transactions in ${load}`);
  // Each import also matches; the store-level match is timed on its own below.
  const [, imports] = await timed(async () => {
    for (const file of files) await importPurchaseFile(store, file);
  });
  set('import the 3 files (each followed by a match)', imports);
  const [summary, first] = await timed(() => store.purchases.match());
  set('match (everything proposed afresh)', first);
  const [, again] = await timed(() => store.purchases.match());
  set('match again', again);
  const [, reimport] = await timed(() => importPurchaseFile(store, files[0] ?? ''));
  set('re-import the orders file (adds nothing)', reimport);
  const list = await store.purchases.list({ limit: 10_000_000 });
  let correct = 0;
  let proposed = 0;
  for (const p of list) {
    if (!p.match) continue;
    proposed++;
    const truth = h.truth.get(`${p.source}|${p.kind}|${p.externalId}`);
    if (truth !== undefined && truth + 1 === p.match.transactionId) correct++;
  }
  set(
    'matched / unmatched purchases / unmatched charges',
    `${summary.matched} / ${summary.unmatchedOrders} / ${summary.unmatchedCharges}`,
  );
  set('precision / recall', `${(correct / proposed).toFixed(4)} / ${(correct / h.truth.size).toFixed(4)}`);
}

function print(results: Results): void {
  const columns = [...new Set([...results.values()].flatMap((row) => [...row.keys()]))];
  const nameWidth = Math.max(...[...results.keys()].map((k) => k.length));
  const widths = columns.map((c) =>
    Math.max(c.length, ...[...results.values()].map((row) => (row.get(c) ?? '-').length)),
  );
  console.log(
    `\nPurchases: ${orders.toLocaleString('en-GB')} Amazon orders (plus refunds and Apple) against N transactions\n`,
  );
  console.log([''.padEnd(nameWidth), ...columns.map((c, i) => c.padStart(widths[i] ?? 0))].join('  '));
  for (const [name, row] of results)
    console.log(
      [name.padEnd(nameWidth), ...columns.map((c, i) => (row.get(c) ?? '-').padStart(widths[i] ?? 0))].join('  '),
    );
  console.log(`\nnode ${process.version}, ${process.platform}/${process.arch}`);
}

const results: Results = new Map();
const postgres = sqliteOnly ? undefined : await startTestPostgres({ durable: true });
const dir = mkdtempSync(join(tmpdir(), 'spending-purchases-bench-'));
try {
  for (const size of sizes) {
    const h = history(size);
    const files = [
      ['Retail.OrderHistory.1.csv', amazonOrdersCsv(h.orders)],
      ['Retail.OrdersReturned.Payments.1.csv', amazonReturnsCsv(h.refunds)],
      ['apple.html', appleReportHtml(h.apple)],
    ].map(([name, text]) => {
      const path = join(dir, name ?? '');
      writeFileSync(path, text ?? '');
      return path;
    });
    // The engine alone, on what the store would hand it.
    const purchases = files.flatMap((f) => parsePurchaseFile(readFileSync(f)).purchases);
    const charges = h.bank.flatMap((b, i) => {
      const source = chargeSource(b.description);
      return source ? [{ id: i + 1, source, date: b.date, pence: b.amountPence }] : [];
    });
    const [, engine] = await timed(() =>
      Promise.resolve(
        proposeMatches(
          purchases.map((p, i) => ({ id: i + 1, source: p.source, kind: p.kind, date: p.date, pence: p.amountPence })),
          charges,
        ),
      ),
    );
    const row = results.get('matching engine alone') ?? new Map<string, string>();
    row.set(
      `engine ${size.toLocaleString('en-GB')}`,
      `${engine}, ${purchases.length} purchases, ${charges.length} charges`,
    );
    results.set('matching engine alone', row);
    const lite = await openStore(join(dir, `bench-${size}.sqlite`));
    await benchStore('SQLite', lite, h, files, results);
    await lite.close();
    if (!postgres) continue;
    const pg = await openStore(await postgres.createDatabase('bench'));
    await benchStore('PostgreSQL', pg, h, files, results);
    await pg.close();
  }
  print(results);
} finally {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
}
