// The `spending` command: the same services as the desktop app, no Electron.
import { realpathSync } from 'node:fs';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { AppError } from '../db/errors.js';
import { MAX_OFFSET } from '../db/model.js';
import { openStore } from '../db/open-store.js';
import type { Store } from '../db/store.js';
import { registerAccountCommands } from './cli/account-commands.js';
import { registerBankCommands } from './cli/bank-commands.js';
import { registerDbCommands } from './cli/db-commands.js';
import { registerMoveCommands } from './cli/move-commands.js';
import { registerImportCommands } from './cli/import-commands.js';
import { registerPurchaseCommands } from './cli/purchase-commands.js';
import { filterOptions } from './cli/filter-options.js';
import { isoDate, pounds, positiveInt } from './cli/number-args.js';
import { registerReportCommands } from './cli/report-commands.js';
import { registerWatchCommand } from './cli/watch-command.js';
import { registerHuququllahCommands, registerRulesCommands } from './cli/rules-commands.js';
import { cliSecrets, resolveStore, STORE_ARGUMENT } from './cli/store-target.js';
import { statsTables, transactionsTable } from './cli/format.js';
import { Output, type CliIo } from './cli/io.js';
import { userDataDir } from './services/config/app-paths.js';
import { securityStatus, useKeyFile } from './services/secrets/security-settings.js';

const VERSION = '0.1.0';

interface GlobalOptions {
  db?: string;
  json?: boolean;
}

interface StoreUse {
  /** The command makes a store where there is none (seed-demo); every other one refuses a missing file. */
  creates?: boolean;
  note: (text: string) => void;
}

async function withStore<T>(options: GlobalOptions, use: StoreUse, work: (store: Store) => Promise<T>): Promise<T> {
  const { target, appDefault } = await resolveStore(options.db);
  const store = await openStore(target, { mustExist: !use.creates && !appDefault });
  const info = await store.info();
  if (info.readOnly) use.note(`${info.location} is read-only: it can be read, but changes cannot be saved.`);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export function buildProgram(io: CliIo, signal: AbortSignal): Command {
  const program = new Command('spending')
    .description('Spending from the command line: the same data and services as the desktop app.')
    .version(VERSION)
    .option('--db <store>', `store to use: ${STORE_ARGUMENT} (default: the app's own store)`)
    .option('--json', 'print one JSON document on stdout and nothing else')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  const out = () => new Output(io, program.opts<GlobalOptions>().json ?? false);

  program
    .command('seed-demo')
    .description('fill an empty store with realistic UK demo data (transactions, Amazon orders and matches)')
    .requiredOption('--transactions <n>', 'how many transactions', positiveInt(50_000_000))
    .option('--seed <n>', 'random seed, for repeatable data', positiveInt(2 ** 31))
    .option('--years <n>', 'years of history (default: 2 to 8, growing with the count)', positiveInt(50))
    .action(async (options: { transactions: number; seed?: number; years?: number }) => {
      const o = out();
      const started = performance.now();
      // Loaded on demand: the generator and progress bar are heavy for every other command.
      const [{ seedDemo }, { progressReporter }] = await Promise.all([
        import('./services/demo/seed-demo.js'),
        import('./cli/progress.js'),
      ]);
      const progress = progressReporter(io, o.json, 'Seeding');
      const use = { creates: true, note: (text: string) => o.note(text) };
      const result = await withStore(program.opts<GlobalOptions>(), use, (store) =>
        seedDemo(store, options, { onProgress: progress.update, signal }).finally(progress.stop),
      );
      const seconds = (performance.now() - started) / 1000;
      o.result({ ok: true, ...result, seconds: Math.round(seconds * 100) / 100 }, () =>
        [
          `Added ${result.transactions.toLocaleString('en-GB')} transactions, ${result.amazonOrders.toLocaleString('en-GB')} Amazon orders`,
          `and ${result.amazonMatches.toLocaleString('en-GB')} matches in ${seconds.toFixed(1)} s.`,
        ].join(' '),
      );
    });

  program
    .command('list')
    .description('list transactions, newest first')
    .option('--search <text>', 'text in the description or merchant (any case)')
    .option('--category <name...>', 'only these categories')
    .option('--from <date>', 'on or after YYYY-MM-DD', isoDate)
    .option('--to <date>', 'on or before YYYY-MM-DD', isoDate)
    .option('--min <pounds>', 'amount at least (negative = spend)', pounds)
    .option('--max <pounds>', 'amount at most', pounds)
    .addOption(
      new Option('--huququllah <class>', 'only this Huququllah class, or expenses with none').choices([
        'essential',
        'discretionary',
        'unclassified',
      ]),
    )
    .addOption(
      new Option('--sort <key>', 'date (newest first) or amount (largest income first)')
        .choices(['date', 'amount'])
        .default('date'),
    )
    .option('--asc', 'the other way: oldest first, or the largest spend first')
    .option('--limit <n>', 'how many rows', positiveInt(500), 50)
    .option('--offset <n>', 'rows to pass over first', positiveInt(MAX_OFFSET, 0), 0)
    .action(
      async (options: {
        search?: string;
        category?: string[];
        from?: string;
        to?: string;
        min?: number;
        max?: number;
        huququllah?: 'essential' | 'discretionary' | 'unclassified';
        sort: 'date' | 'amount';
        asc?: boolean;
        limit: number;
        offset: number;
      }) => {
        const o = out();
        const page = await withStore(program.opts<GlobalOptions>(), o, (store) =>
          store.listTransactions({
            ...filterOptions(options),
            ...(options.min !== undefined ? { minAmountPence: options.min } : {}),
            ...(options.max !== undefined ? { maxAmountPence: options.max } : {}),
            ...(options.huququllah ? { huququllah: options.huququllah } : {}),
            sort: options.sort,
            direction: options.asc ? 'asc' : 'desc',
            limit: options.limit,
            offset: options.offset,
          }),
        );
        o.result(page, () => transactionsTable(page.items, io.stdout.columns));
      },
    );

  program
    .command('stats')
    .description('totals per category and per month')
    .option('--from <date>', 'on or after YYYY-MM-DD', isoDate)
    .option('--to <date>', 'on or before YYYY-MM-DD', isoDate)
    .action(async (options: { from?: string; to?: string }) => {
      const o = out();
      const filter = filterOptions(options);
      const [categories, months] = await withStore(program.opts<GlobalOptions>(), o, (store) =>
        Promise.all([store.categoryStats(filter), store.monthlyStats(filter)]),
      );
      o.result({ categories, months }, () => statsTables(categories, months));
    });

  const secrets = program.command('secrets').description('where secrets are kept (never prints one)');
  secrets
    .command('status')
    .description('the keychain in use, whether it works and whether the encryption key exists')
    .action(async () => {
      const o = out();
      const dir = userDataDir();
      const status = await securityStatus(dir, await cliSecrets(dir));
      o.result(status, () =>
        [
          `Keychain: ${status.description}`,
          `Works: ${status.available ? 'yes' : `no (${status.reason ?? 'unknown reason'})`}`,
          `Encryption key: ${status.hasKey ? 'present' : 'not created yet'}`,
          ...(status.available
            ? []
            : [
                status.backend === 'passphrase-file'
                  ? 'Next: set SPENDING_PASSPHRASE to the key file passphrase for the `spending` command.'
                  : 'Next: start a keychain (GNOME Keyring, KWallet), or keep secrets in a passphrase-protected key file: `spending secrets key-file` with SPENDING_PASSPHRASE set, or Settings → Security in the app.',
              ]),
          ...(status.rotationPending ? ['A key rotation was interrupted; the app finishes it at its next start.'] : []),
        ].join('\n'),
      );
    });

  secrets
    .command('key-file')
    .description(
      'where there is no keychain: create (or unlock) the passphrase-protected key file and keep secrets there; the passphrase comes from SPENDING_PASSPHRASE',
    )
    .action(async () => {
      const o = out();
      const passphrase = process.env.SPENDING_PASSPHRASE;
      if (!passphrase)
        throw new AppError(
          'invalid_input',
          'Set SPENDING_PASSPHRASE to the passphrase (8 characters or more) for the key file.',
          'Every later `spending` command reads the key file with it too.',
        );
      const dir = userDataDir();
      const status = await useKeyFile(dir, await cliSecrets(dir), passphrase);
      o.result(status, () =>
        [
          `Keychain: ${status.description}`,
          `Works: ${status.available ? 'yes' : `no (${status.reason ?? 'unknown reason'})`}`,
          'Secrets (the encryption key, PostgreSQL passwords) are kept there from now on; keep SPENDING_PASSPHRASE set for `spending` commands.',
        ].join('\n'),
      );
    });

  registerMoveCommands(program, io, signal, out);
  const storeWork = <T>(work: (store: Store) => Promise<T>) => withStore(program.opts<GlobalOptions>(), out(), work);
  registerRulesCommands(program, storeWork, out);
  registerHuququllahCommands(program, storeWork, out);
  registerImportCommands(program, storeWork, out);
  registerPurchaseCommands(program, storeWork, out);
  registerAccountCommands(program, storeWork, out);
  registerReportCommands(program, storeWork, out);
  registerWatchCommand(program, signal, out, () => program.opts<GlobalOptions>().db);
  registerBankCommands(program, io, signal, out, (work, emit) =>
    withStore(program.opts<GlobalOptions>(), out(), async (store) => {
      const dataDir = userDataDir();
      const { TrueLayerService } = await import('./services/truelayer/truelayer-service.js');
      const service = new TrueLayerService({
        dataDir,
        secrets: await cliSecrets(dataDir),
        store: () => store,
        // Notes for the person at the terminal (waiting for another process, a revocation that failed).
        log: { info: (message) => out().note(message), warn: (message) => out().note(message) },
        ...(emit ? { emit } : {}),
      });
      return work(service, store);
    }),
  );
  registerDbCommands(program, io, signal, out, async () => {
    const dataDir = userDataDir();
    const { DatabaseService } = await import('./services/database/database-service.js');
    return new DatabaseService({ dataDir, secrets: await cliSecrets(dataDir) });
  });

  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function runCli(argv: string[], io: CliIo, signal = new AbortController().signal): Promise<number> {
  const program = buildProgram(io, signal);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const json = program.opts<GlobalOptions>().json ?? false;
    if (signal.aborted) {
      new Output(io, json).failure(new AppError('unavailable', 'Cancelled; nothing was written.'));
      return 130;
    }
    return new Output(io, json).failure(error);
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // Everything streams, so a small heap suffices; without a limit V8 lets garbage pile up to
  // hundreds of MB before collecting, and a 1M-row move would look like it needs them.
  v8.setFlagsFromString('--max-old-space-size=160');
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.exitCode = await runCli(process.argv.slice(2), process, controller.signal);
}
