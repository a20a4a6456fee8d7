// `spending migrate` and `spending verify`: move a store between SQLite and
// PostgreSQL (either way), and compare two stores. Exit 0 only when verified.
import type { Command } from 'commander';
import type { MoveReport } from '../../db/datamover/move-report.js';
import { ReportedFailure, type CliIo, type Output } from './io.js';
import { cliSecrets, resolveTarget, STORE_ARGUMENT } from './store-target.js';

function tableLines(report: MoveReport): string {
  const rows = Object.entries(report.tables).map(([name, t]) =>
    [
      name.padEnd(28),
      String(t.read).padStart(9),
      String(t.written).padStart(9),
      String(t.rejected).padStart(8),
      String(t.fixed).padStart(6),
      `${t.ms}`.padStart(7),
      t.checksumMatch ? '  ok' : '  MISMATCH',
    ].join(' '),
  );
  return [
    `${'table'.padEnd(28)} ${'read'.padStart(9)} ${'written'.padStart(9)} ${'rejected'.padStart(8)} ${'fixed'.padStart(6)} ${'ms'.padStart(7)}  checksum`,
    ...rows,
  ].join('\n');
}

export function registerMoveCommands(program: Command, io: CliIo, signal: AbortSignal, out: () => Output): void {
  program
    .command('migrate')
    .description('move a store between SQLite and PostgreSQL (either way), verified before it commits')
    .requiredOption('--from <src>', `${STORE_ARGUMENT} (read only, never changed)`)
    .requiredOption('--to <dst>', STORE_ARGUMENT)
    .option('--replace', 'replace what the target holds (refused otherwise)')
    .option('--dry-run', 'copy and verify, then roll back')
    .action(async (options: { from: string; to: string; replace?: boolean; dryRun?: boolean }) => {
      const o = out();
      const [{ moveStore }, { moveProgressReporter }] = await Promise.all([
        import('../../db/datamover/move-store.js'),
        import('./progress.js'),
      ]);
      const progress = moveProgressReporter(io, o.json);
      const report = await moveStore({
        from: await resolveTarget(options.from),
        to: await resolveTarget(options.to),
        replace: Boolean(options.replace),
        dryRun: Boolean(options.dryRun),
        signal,
        onProgress: progress.update,
      }).finally(progress.stop);
      o.result(report, () =>
        report.alreadyDone
          ? `Already moved: ${report.to} holds exactly the data of ${report.from}. Nothing was written.`
          : [
              tableLines(report),
              '',
              ...report.checks.map((c) => `${c.match ? 'ok' : 'MISMATCH'}  ${c.name}: ${c.source}`.slice(0, 160)),
              '',
              `${report.dryRun ? 'Dry run: verified, then rolled back.' : 'Moved and verified.'} ${report.rows.toLocaleString('en-GB')} rows in ${(report.ms / 1000).toFixed(1)} s (${report.rowsPerSecond.toLocaleString('en-GB')} rows/s).`,
            ].join('\n'),
      );
    });

  program
    .command('import-legacy')
    .description(
      "bring in the old app's finance.db: read only and backed up first, every row imported, fixed or quarantined",
    )
    .argument(
      '<source>',
      "the old app's finance.db (usually in its backend/ folder) or postgres:// URL of its database",
    )
    .option(
      '--env <path>',
      "the old app's .env: its secrets go to the keychain, its ENCRYPTION_KEY reads its bank tokens",
    )
    .option('--replace', 'replace what the target store holds (refused otherwise)')
    .action(async (source: string, options: { env?: string; replace?: boolean }) => {
      const o = out();
      const [{ importLegacy }, { moveProgressReporter }, { userDataDir }, { backupsDir }] = await Promise.all([
        import('../../db/legacy/import-legacy.js'),
        import('./progress.js'),
        import('../services/config/app-paths.js'),
        import('../services/backups/backup-files.js'),
      ]);
      const { legacyImportHooks } = await import('../services/database/legacy-import-hooks.js');
      // Unlocked as every other command's: a key file's secrets are read with SPENDING_PASSPHRASE.
      const hooks = await legacyImportHooks(userDataDir(), await cliSecrets(userDataDir()), options.env);
      if (hooks.envReport)
        o.note(`From ${options.env ?? ''}: ${hooks.envReport.storedSecrets.length} secrets to the keychain.`);
      const progress = moveProgressReporter(io, o.json);
      const report = await importLegacy({
        source,
        target: await resolveTarget(program.opts<{ db?: string }>().db),
        replace: Boolean(options.replace),
        backupDir: backupsDir(userDataDir()),
        backupPostgres: hooks.backupPostgres,
        protectSecrets: hooks.protectSecrets,
        signal,
        onProgress: progress.update,
      }).finally(progress.stop);
      o.result(report, () =>
        report.alreadyDone
          ? `Already imported (run ${report.runId}); nothing was written.`
          : [
              tableLines(report),
              '',
              ...(report.backupPath ? [`The original was backed up to ${report.backupPath}.`] : []),
              `${report.rejects.length} rows quarantined and ${report.fixes.length} fields fixed; both are kept in the store (import_rejects, import_fixes) with their original values${report.rejectsCsv ? ', and written to:' : '.'}`,
              ...[report.rejectsCsv, report.fixesCsv].flatMap((file) => (file ? [`  ${file}`] : [])),
              ...report.extras.map(
                (e) =>
                  `Kept as JSON: ${e.table} (${e.rows} rows${e.columns.length ? `; ${e.columns.join(', ')}` : ''}).`,
              ),
            ].join('\n'),
      );
    });

  program
    .command('verify')
    .description('compare two stores table by table (row counts and checksums); exit 0 only when equal')
    .requiredOption('--a <store>', STORE_ARGUMENT)
    .requiredOption('--b <store>', STORE_ARGUMENT)
    .action(async (options: { a: string; b: string }) => {
      const o = out();
      const { verifyStores } = await import('../../db/datamover/verify-stores.js');
      const report = await verifyStores(await resolveTarget(options.a), await resolveTarget(options.b));
      o.result(report, () =>
        [
          ...Object.entries(report.tables).map(
            ([t, r]) =>
              `${r.checksumMatch ? 'ok      ' : 'DIFFERS '} ${t.padEnd(28)} ${String(r.a).padStart(9)} ${String(r.b).padStart(9)}`,
          ),
          ...report.checks
            .filter((c) => !c.match)
            .map((c) => `DIFFERS  ${c.name}: ${c.source} / ${c.target}`.slice(0, 200)),
        ].join('\n'),
      );
      if (!report.ok) throw new ReportedFailure('conflict', 'The two stores differ (see the report).');
    });
}
