// `spending import` and `spending imports …`: statement files into the store,
// and the record of what each import added (to undo it).
import { Command, InvalidArgumentError, Option } from 'commander';
import { AppError } from '../../db/errors.js';
import type { Store } from '../../db/store.js';
import type { CsvColumns, CsvMapping } from '../services/finance/imports/csv-mapping.js';
import { DATE_FORMATS, type DateFormat } from '../services/finance/imports/dates.js';
import type { FileImportReport } from '../services/finance/imports/import-statement.js';
import { IMPORT_FORMATS, readMapping, type ImportFormat } from '../services/finance/imports/parse-statement-file.js';
import { toWireError } from '../ipc/dispatch.js';
import { ReportedFailure, type Output } from './io.js';

type WithStore = <T>(work: (store: Store) => Promise<T>) => Promise<T>;

const MAP_KEYS = ['date', 'description', 'amount', 'out', 'in', 'balance'] as const;

function badMap(message: string): AppError {
  return new AppError(
    'invalid_input',
    message,
    'Give --map as KEY=COLUMN pairs, e.g. date=Date,description=Details,amount=Amount or out=Paid out,in=Paid in (a column by its header or its number).',
    'map',
  );
}

/** "date=Date,description=Details,amount=3" -> columns; a header that is a number is taken as the column number. */
export function parseMap(spec: string): CsvColumns {
  const columns: Record<string, string | number | (string | number)[]> = {};
  const descriptions: (string | number)[] = [];
  for (const pair of spec.split(',')) {
    if (!pair.trim()) continue;
    const at = pair.indexOf('=');
    const key = pair.slice(0, at).trim().toLowerCase();
    const value = pair.slice(at + 1).trim();
    if (at < 0 || !value) throw badMap(`“${pair.trim()}” is not KEY=COLUMN.`);
    if (!(MAP_KEYS as readonly string[]).includes(key))
      throw badMap(`“${key}” is not a column to map: use ${MAP_KEYS.join(', ')}.`);
    const column = /^\d+$/.test(value) ? Number(value) : value;
    // Several description columns are joined in the order given.
    if (key === 'description') descriptions.push(column);
    else columns[key] = column;
  }
  if (descriptions.length) columns.description = descriptions;
  // The schema (readMapping) says what is missing or does not go together.
  return columns as unknown as CsvColumns;
}

function renderReport(r: FileImportReport): string {
  const verb = r.dryRun ? 'would add' : 'added';
  const lines = [
    `${r.file} (${r.format}): ${verb} ${r.added.toLocaleString('en-GB')}, ${r.duplicates.toLocaleString('en-GB')} already there, ${r.unreadable.length} unreadable${r.importIds.length ? ` (import ${r.importIds.join(', ')})` : ''}`,
    ...r.unreadable.map((u) => `  line ${u.line}: ${u.reason}`),
    ...r.warnings.map((w) => `  note: ${w}`),
  ];
  return lines.join('\n');
}

export function registerImportCommands(program: Command, withStore: WithStore, out: () => Output): void {
  program
    .command('import')
    .description(
      'import bank statement files (Santander .xls, .xlsx, CSV, OFX/QFX, QIF); rows already there are left out',
    )
    .argument('<file...>', 'statement files')
    .option('--account <name>', 'the account they go into (made when there is none of that name)')
    .addOption(new Option('--format <format>', 'the files’ format').choices(IMPORT_FORMATS).default('auto'))
    .option('--profile <name>', 'read CSV columns with a mapping saved earlier (--save-profile)')
    .option('--map <pairs>', 'CSV columns: date=…,description=…,amount=… or out=…,in=… (headers or numbers)')
    .addOption(new Option('--date-format <format>', 'how the dates are written').choices(DATE_FORMATS))
    .option('--save-profile <name>', 'save the mapping (--map, --date-format) under this name for next time')
    .option('--dry-run', 'show what would be added, add nothing')
    .action(
      async (
        files: string[],
        options: {
          account?: string;
          format: ImportFormat;
          profile?: string;
          map?: string;
          dateFormat?: DateFormat;
          saveProfile?: string;
          dryRun?: boolean;
        },
      ) => {
        const o = out();
        const { importStatementFile } = await import('../services/finance/imports/import-statement.js');
        const { reports, failures } = await withStore(async (store) => {
          let mapping: CsvMapping | undefined = options.profile
            ? readMapping(await store.imports.profiles.get(options.profile))
            : undefined;
          if (options.map !== undefined || options.dateFormat !== undefined) {
            mapping = readMapping({
              ...mapping,
              ...(options.map !== undefined ? { columns: parseMap(options.map) } : {}),
              ...(options.dateFormat !== undefined ? { dateFormat: options.dateFormat } : {}),
            });
          }
          if (options.saveProfile !== undefined) {
            if (!mapping)
              throw badMap('--save-profile saves the mapping given with --map or --date-format; none was given.');
            await store.imports.profiles.save(options.saveProfile, mapping);
          }
          const done: FileImportReport[] = [];
          const failed: { file: string; error: ReturnType<typeof toWireError> }[] = [];
          // One file at a time, each in its own transaction: a file that cannot be read leaves the others imported.
          for (const file of files) {
            try {
              done.push(
                await importStatementFile(store, file, {
                  format: options.format,
                  mapping,
                  ...(options.account !== undefined ? { account: options.account } : {}),
                  dryRun: Boolean(options.dryRun),
                }),
              );
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
              failed.push({ file, error: toWireError(error) });
            }
          }
          return { reports: done, failures: failed };
        });
        const dryRun = Boolean(options.dryRun);
        o.result(
          {
            ok: failures.length === 0,
            dryRun,
            files: reports.map(({ file, format, added, duplicates, unreadable, warnings, importIds }) => ({
              file,
              format,
              added,
              duplicates,
              unreadable,
              warnings,
              importIds,
            })),
            failed: failures,
          },
          () =>
            [
              ...reports.map(renderReport),
              ...failures.map(
                (f) =>
                  `${f.file}: not imported: ${f.error.message}${f.error.remedy ? `\n  Next: ${f.error.remedy}` : ''}`,
              ),
              ...(dryRun ? ['Nothing was written (--dry-run).'] : []),
            ].join('\n'),
        );
        if (failures.length) {
          throw new ReportedFailure(
            'invalid_input',
            `${failures.length} of ${files.length} file${files.length === 1 ? '' : 's'} could not be imported.`,
          );
        }
      },
    );

  const imports = program.command('imports').description('statement files imported: list them, undo one');
  imports
    .command('list')
    .description('the statement imports, newest first')
    .action(async () => {
      const list = await withStore((store) => store.imports.list());
      out().result({ imports: list }, () =>
        list.length
          ? list
              .map(
                (i) =>
                  `[${i.id}] ${i.createdAt} ${i.fileName} (${i.format})${i.account ? ` → ${i.account}` : ''}: added ${i.added}, ${i.duplicates} already there, ${i.unreadable.length} unreadable`,
              )
              .join('\n')
          : 'No statement imports yet.',
      );
    });
  imports
    .command('undo')
    .description('remove everything one import added (and the account it made)')
    .argument('<id>', 'the import’s id (see `spending imports list`)', (text: string) => {
      const n = Number(text);
      if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('Expected a whole number from 1.');
      return n;
    })
    .action(async (id: number) => {
      const undone = await withStore((store) => store.imports.undo(id));
      out().result(
        { ok: true, ...undone },
        () =>
          `Undid import ${id}: removed ${undone.removed.toLocaleString('en-GB')} transactions${undone.accountRemoved ? ` and the account “${undone.accountRemoved}”` : ''}.`,
      );
    });
}
