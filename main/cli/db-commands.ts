// `spending db …`: the PostgreSQL server Spending runs or uses, and backups.
// The same DatabaseService as the Database page.
import { Option, type Command } from 'commander';
import { AppError } from '../../db/errors.js';
import type { BackupManifest } from '../services/backups/backup-files.js';
import type { DatabaseService } from '../services/database/database-service.js';
import {
  PROVIDER_KINDS,
  type ProviderKind,
  type ServerStatus,
  type StartProgress,
} from '../services/postgres/types.js';
import type { Output, CliIo } from './io.js';

interface DbOptions {
  provider?: ProviderKind;
}

function statusLines(s: ServerStatus): string {
  return [
    `Provider: ${s.provider}`,
    `State:    ${s.state}: ${s.message}`,
    ...(s.host && s.port
      ? [`Server:   ${s.host}:${String(s.port ?? '')}, database ${s.database ?? ''}, user ${s.user ?? ''}`]
      : []),
    ...(s.version ? [`Version:  PostgreSQL ${s.version}`] : []),
    ...(s.image ? [`Image:    ${s.image}`] : []),
    ...(s.storage ? [`Data:     ${s.storage}`] : []),
    ...(s.psqlCommand ? [`psql:     ${s.psqlCommand}`] : []),
    ...(s.remedy ? [`Next:     ${s.remedy}`] : []),
  ].join('\n');
}

const backupLine = (b: BackupManifest) =>
  `${b.id}  ${b.createdAt}  ${b.trigger.padEnd(9)}  ${(b.bytes / 1e6).toFixed(1).padStart(7)} MB  ${String(b.tables.transactions?.rows ?? 0).padStart(9)} transactions`;

function describeProgress(p: StartProgress): string {
  if (p.phase !== 'pull' || !p.layers?.length) return p.message;
  const total = p.layers.reduce((n, l) => n + (l.total ?? 0), 0);
  const current = p.layers.reduce((n, l) => n + (l.current ?? 0), 0);
  return `${p.message}: ${p.layers.length} layers${total ? `, ${Math.round((100 * current) / total)}%` : ''}`;
}

/** Progress as notes on stderr, each distinct message once. */
function noteChanges(o: Output): (p: { message: string }) => void {
  let last = '';
  return (p) => {
    if (p.message !== last) o.note((last = p.message));
  };
}

export function registerDbCommands(
  program: Command,
  io: CliIo,
  signal: AbortSignal,
  out: () => Output,
  service: () => Promise<DatabaseService>,
): void {
  const db = program.command('db').description('the PostgreSQL server Spending runs or uses, and backups');
  const providerOption = () =>
    new Option('--provider <kind>', 'docker, embedded (no Docker) or external (your own server)').choices(
      PROVIDER_KINDS,
    );

  db.command('status')
    .description('provider, state, host, port, database and user (never the password)')
    .addOption(providerOption())
    .action(async (options: DbOptions) => {
      const o = out();
      const s = await (await service()).overview(options.provider);
      o.result({ ...s.server, active: s.active }, () =>
        [
          statusLines(s.server),
          `Active store: ${s.active.kind === 'sqlite' ? `SQLite ${s.active.path}` : `PostgreSQL (${s.active.provider})`}`,
        ].join('\n'),
      );
    });

  db.command('start')
    .description('create if needed and start the server; waits until it answers SELECT 1')
    .addOption(providerOption())
    .option('--image <name>', 'Docker image (default postgres:16-alpine)')
    .option('--port <n>', 'preferred loopback port for Docker (default 5432; the next free one if taken)', Number)
    .addOption(
      new Option('--network <mode>', 'Docker networking: a published port, or the host network').choices([
        'published',
        'host',
      ]),
    )
    .action(async (options: DbOptions & { image?: string; port?: number; network?: 'published' | 'host' }) => {
      const o = out();
      const docker = {
        ...(options.image ? { image: options.image } : {}),
        ...(options.port ? { preferredPort: options.port } : {}),
        ...(options.network ? { network: options.network } : {}),
      };
      const note = noteChanges(o);
      const status = await (
        await service()
      ).start(options.provider, {
        signal,
        onProgress: (p) => note({ message: describeProgress(p) }),
        ...(Object.keys(docker).length ? { docker } : {}),
      });
      o.result(status, () => statusLines(status));
    });

  db.command('stop')
    .description('stop the server; every byte of data is kept')
    .addOption(providerOption())
    .action(async (options: DbOptions) => {
      const o = out();
      const status = await (await service()).stop(options.provider);
      o.result(status, () => statusLines(status));
    });

  db.command('logs')
    .description("the server's log")
    .addOption(providerOption())
    .option('--tail <n>', 'lines from the end', Number, 200)
    .option('-f, --follow', 'keep printing new lines until Ctrl-C')
    .action(async (options: DbOptions & { tail: number; follow?: boolean }) => {
      const o = out();
      const lines: string[] = [];
      await (
        await service()
      ).logs(options.provider, {
        tail: options.tail,
        follow: Boolean(options.follow) && !o.json,
        signal,
        onLine: (line) => (o.json ? lines.push(line) : io.stdout.write(`${line}\n`)),
      });
      if (o.json) o.result({ lines }, () => '');
    });

  db.command('psql')
    .description('open psql on the server, with the password from the keychain (never shown)')
    .addOption(providerOption())
    .action(async (options: DbOptions) => {
      const provider = await (await service()).provider(options.provider);
      const { openPsql } = await import('../services/postgres/psql.js');
      process.exitCode = await openPsql(provider);
    });

  db.command('backup')
    .description('back up the active store (or --provider) into the backups folder, with row counts and checksums')
    .addOption(providerOption())
    .action(async (options: DbOptions) => {
      const o = out();
      const made = await (await service()).backupNow(options.provider, { signal, onProgress: noteChanges(o) });
      o.result(
        made,
        () => `Backed up to ${made.file} (${(made.bytes / 1e6).toFixed(1)} MB) in ${(made.ms / 1000).toFixed(1)} s.`,
      );
    });

  db.command('backups')
    .description('list backups, newest first')
    .action(async () => {
      const o = out();
      const list = await (await service()).backups.list();
      o.result(list, () => (list.length ? list.map(backupLine).join('\n') : 'No backups yet.'));
    });

  db.command('restore')
    .description(
      'restore a backup: SQLite into a new file, PostgreSQL into an empty server; verified against the backup',
    )
    .argument('<backup-id>', 'from `spending db backups`')
    .addOption(providerOption())
    .option('--to <path>', 'new SQLite file for a SQLite backup')
    .option('--switch', 'make the restored SQLite file the active store')
    .action(async (id: string, options: DbOptions & { to?: string; switch?: boolean }) => {
      const o = out();
      const s = await service();
      const report = await s.restore(id, {
        signal,
        onProgress: noteChanges(o),
        ...(options.provider ? { provider: options.provider } : {}),
        ...(options.to ? { to: options.to } : {}),
      });
      if (options.switch && report.backup.source.kind === 'sqlite') await s.useSqliteFile(report.restoredTo);
      const rows = Object.values(report.tables).reduce((n, t) => n + t.rows, 0);
      o.result({ ok: true, ...report, switched: Boolean(options.switch) }, () =>
        [
          `Restored ${id} to ${report.restoredTo}: ${String(Object.keys(report.tables).length)} tables, ${String(rows)} rows, every checksum matches.`,
          ...(report.backup.source.kind === 'sqlite' && !options.switch
            ? ['Run again with --switch, or choose it on the Database page, to use it.']
            : []),
        ].join('\n'),
      );
    });

  db.command('destroy')
    .description('remove the server and ALL its data (Docker: container and volume)')
    .addOption(providerOption().makeOptionMandatory())
    .option('--yes', 'I understand that its data will be deleted')
    .action(async (options: { provider: ProviderKind; yes?: boolean }) => {
      const o = out();
      const { destroyConfirmation } = await import('../services/database/database-service.js');
      if (!options.yes) {
        o.note(
          `This deletes the ${options.provider} server and all of its data. Back up first (spending db backup --provider ${options.provider}).`,
        );
        o.note('Run again with --yes to confirm.');
        throw new AppError('invalid_input', 'Not confirmed: add --yes.');
      }
      await (await service()).destroy(options.provider, destroyConfirmation(options.provider));
      o.result(
        { ok: true, destroyed: options.provider },
        () => `Destroyed the ${options.provider} server and its data.`,
      );
    });
}
