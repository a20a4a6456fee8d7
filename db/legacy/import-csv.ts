// The quarantined rows and fixed fields of a legacy import as CSV files next
// to its backup copy (LEGACY.md rule 4), for people to open in a spreadsheet:
// the same rows as import_rejects and import_fixes, originals included (any
// secret in them is already ciphertext). Private like the backup, and named
// after it, so the files of one import sort together.
import { mkdir, open, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { format } from 'date-fns';
import { toCsv, UTF8_BOM, type CsvValue } from '../csv.js';
import { AppError } from '../errors.js';

export interface ImportCsvs {
  rejectsCsv: string;
  fixesCsv: string;
}

type Rows = readonly (readonly CsvValue[])[];

/** Beside the backup copy when there is one (legacy-…-finance.db -> legacy-…-finance-rejects.csv). */
export function csvStem(backupPath: string | null, backupDir: string): string {
  if (backupPath) return join(dirname(backupPath), basename(backupPath, extname(backupPath)));
  return join(backupDir, `legacy-${format(new Date(), 'yyyyMMdd-HHmmss-SSS')}-import`);
}

/** Writes both or neither: a file this started is removed when anything fails. */
export async function writeImportCsvs(stem: string, rejects: Rows, fixes: Rows): Promise<ImportCsvs> {
  const files = { rejectsCsv: `${stem}-rejects.csv`, fixesCsv: `${stem}-fixes.csv` };
  const started: string[] = [];
  try {
    await mkdir(dirname(stem), { recursive: true, mode: 0o700 });
    for (const [path, csv] of [
      [files.rejectsCsv, toCsv(['table', 'id', 'reason', 'original'], rejects)],
      [files.fixesCsv, toCsv(['table', 'id', 'column', 'original', 'fixed', 'reason'], fixes)],
    ] as const) {
      const file = await open(path, 'wx', 0o600);
      started.push(path);
      try {
        await file.writeFile(UTF8_BOM + csv);
      } finally {
        await file.close();
      }
    }
    return files;
  } catch (error) {
    await Promise.all(started.map((path) => rm(path, { force: true })));
    const code = (error as { code?: string }).code ?? (error as Error).message;
    throw new AppError(
      'unavailable',
      `The lists of quarantined rows and fixed fields could not be written in ${dirname(stem)} (${code}). Nothing was imported.`,
      'Free some disk space, or check that you may write to that folder, then try again.',
    );
  }
}

/** When the import they report on does not commit after all. */
export async function removeImportCsvs(files: ImportCsvs): Promise<void> {
  await Promise.all([rm(files.rejectsCsv, { force: true }), rm(files.fixesCsv, { force: true })]);
}
