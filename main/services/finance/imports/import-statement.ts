// A statement file into the store: read (never written), parsed, checked
// against what the store holds, then previewed or imported. No Electron: the
// CLI and the app's import screen call the same function.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../../db/errors.js';
import type { AccountKind, ImportPreview, StatementImportRequest } from '../../../../db/imports/import-model.js';
import type { CommitOptions } from '../../../../db/imports/import-store.js';
import type { Store } from '../../../../db/store.js';
import { parseStatementFile, type ImportFormat, type ParsedStatementFile } from './parse-statement-file.js';
import type { Statement } from './statement.js';

export interface ImportFileOptions {
  format?: ImportFormat;
  /** A saved column mapping (csv-mapping.ts) for tables. */
  mapping?: unknown;
  /** The account the rows go into; absent: the account a QIF file names, else none. */
  account?: string;
  /** Preview only: nothing is written. */
  dryRun?: boolean;
}

export interface FileImportReport {
  file: string;
  format: string;
  added: number;
  duplicates: number;
  unreadable: { line: number; reason: string }[];
  warnings: string[];
  /** The statement imports recorded (one per account in the file); none on a dry run. */
  importIds: number[];
  dryRun: boolean;
}

/** The account kind a statement's own type names: OFX ACCTTYPE, or QIF's section type. */
function kindOf(statement: Statement): AccountKind {
  const type = statement.account?.type?.toLowerCase() ?? '';
  if (type === 'creditcard' || type === 'ccard' || type === 'creditline') return 'credit_card';
  if (type === 'savings' || type === 'moneymrkt') return 'savings';
  return 'current';
}

/** A statement file's bytes with its base name (kept as each row's source_file). */
export interface StatementBytes {
  fileName: string;
  bytes: Uint8Array;
}

export async function readStatementFile(path: string): Promise<StatementBytes> {
  try {
    return { fileName: basename(path), bytes: await readFile(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : 'cannot be read';
    throw new AppError('invalid_input', `${path} ${why}.`, 'Check the path and try again.');
  }
}

/** The file parsed into one store request per statement (account) in it. */
export async function statementRequests(
  file: StatementBytes,
  options: Pick<ImportFileOptions, 'format' | 'mapping' | 'account'>,
): Promise<{ parsed: ParsedStatementFile; requests: StatementImportRequest[] }> {
  const { fileName, bytes } = file;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const parsed = await parseStatementFile(bytes, { format: options.format, mapping: options.mapping, fileName });
  const requests = parsed.statements.map((statement): StatementImportRequest => {
    const name = options.account ?? statement.account?.name;
    return {
      fileName,
      sha256,
      format: parsed.format,
      ...(name !== undefined ? { account: { name, kind: kindOf(statement) } } : {}),
      rows: statement.rows.map(({ line, date, description, amountPence, importId }) => ({
        line,
        date,
        description,
        amountPence,
        ...(importId !== undefined ? { importId } : {}),
      })),
      unreadable: statement.unreadable.map(({ line, reason }) => ({ line, reason })),
    };
  });
  return { parsed, requests };
}

/** `label` names the file in the report: its path for the CLI. */
export async function importStatement(
  store: Store,
  file: StatementBytes,
  label: string,
  options: ImportFileOptions & CommitOptions = {},
): Promise<FileImportReport> {
  const { parsed, requests } = await statementRequests(file, options);
  const { onProgress, signal } = options;
  const results: (ImportPreview & { importId?: number })[] = options.dryRun
    ? await store.imports.preview(requests)
    : await store.imports.commit(requests, { ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });
  // New bank rows may be the charges Amazon and Apple purchases were waiting for.
  if (results.some((r) => r.importId !== undefined && r.added.length)) await store.purchases.match();
  return {
    file: label,
    format: parsed.format,
    added: results.reduce((n, r) => n + r.added.length, 0),
    duplicates: results.reduce((n, r) => n + r.duplicates.length, 0),
    unreadable: results.flatMap((r) => r.unreadable),
    warnings: parsed.statements.flatMap((s) => s.warnings),
    importIds: results.flatMap((r) => (r.importId === undefined ? [] : [r.importId])),
    dryRun: Boolean(options.dryRun),
  };
}

export async function importStatementFile(
  store: Store,
  path: string,
  options: ImportFileOptions = {},
): Promise<FileImportReport> {
  return importStatement(store, await readStatementFile(path), path, options);
}
