// The statement import part of the contract: a bank's statement file (picked
// in the system's dialog, or dropped on the window and sent as bytes)
// previewed with a format, column mapping and account, then imported in one
// transaction with progress and cancel; past imports listed and undone; the
// column mappings saved per bank; the accounts a statement can go into.
import { z } from 'zod';
import { CsvMapping } from '../main/services/finance/imports/csv-mapping.js';
import { IMPORT_FORMATS } from '../main/services/finance/imports/parse-statement-file.js';

const Id = z.number().int().positive();
const Count = z.number().int().nonnegative();
/** Dropped files travel as base64: the harness and Electron's IPC both carry strings as they are. */
const MAX_FILE_BYTES = 100 * 1024 * 1024;

export const StatementSource = z.union([
  z.object({ path: z.string().min(1) }).strict(),
  z
    .object({
      fileName: z.string().trim().min(1).max(255),
      base64: z
        .base64()
        .max(Math.ceil(MAX_FILE_BYTES / 3) * 4, 'The file is over 100 MB: import it with the spending command.'),
    })
    .strict(),
]);
export type StatementSource = z.infer<typeof StatementSource>;

export const StatementChoice = z.object({
  source: StatementSource,
  format: z.enum(IMPORT_FORMATS).default('auto'),
  mapping: CsvMapping.optional(),
  /** An existing account's name, or a new one's (made by the import); absent: none (or the one a QIF names). */
  account: z.string().trim().min(1).max(100).optional(),
});
export type StatementChoice = z.input<typeof StatementChoice>;

const Problem = z.object({ message: z.string(), remedy: z.string().optional() });
const Lines = z.array(z.object({ line: z.number().int(), reason: z.string() }));
const Cells = z.object({ line: z.number().int(), cells: z.array(z.string()) });

export const StatementPreview = z.object({
  fileName: z.string(),
  format: z.string(),
  encoding: z.string().nullable(),
  table: z
    .object({
      delimiter: z.string(),
      header: Cells.nullable(),
      records: z.array(Cells),
      plan: z
        .object({
          date: z.number().int(),
          description: z.array(z.number().int()),
          amount: z.number().int().optional(),
          out: z.number().int().optional(),
          in: z.number().int().optional(),
          balance: z.number().int().optional(),
        })
        .nullable(),
    })
    .nullable(),
  problem: Problem.nullable(),
  counts: z.object({ added: Count, duplicates: Count, unreadable: Count }),
  rows: z.array(
    z.object({
      line: z.number().int(),
      date: z.string(),
      description: z.string(),
      amountPence: z.number().int(),
      duplicate: z.string().nullable(),
    }),
  ),
  unreadable: Lines,
  warnings: z.array(z.string()),
  sameFile: z.array(Id),
  account: z.object({ name: z.string(), exists: z.boolean() }).nullable(),
});
export type StatementPreview = z.infer<typeof StatementPreview>;

export const StatementImportResult = z.object({
  fileName: z.string(),
  format: z.string(),
  added: Count,
  duplicates: Count,
  unreadable: Lines,
  warnings: z.array(z.string()),
  importIds: z.array(Id),
});
export type StatementImportResult = z.infer<typeof StatementImportResult>;

export const StatementImportRecord = z.object({
  id: Id,
  fileName: z.string(),
  format: z.string(),
  account: z.string().nullable(),
  added: Count,
  duplicates: Count,
  unreadable: Lines,
  createdAt: z.string(),
});
export type StatementImportRecord = z.infer<typeof StatementImportRecord>;

export const ImportProfile = z.object({ name: z.string(), mapping: CsvMapping });
export type ImportProfile = z.infer<typeof ImportProfile>;

/** import:progress: rows looked at of the file's, while one import runs. */
export const StatementImportProgress = z.object({
  id: z.string(),
  phase: z.enum(['reading', 'writing']),
  done: Count,
  total: Count,
});

const ProfileName = z.string().trim().min(1, 'Name the mapping, e.g. after the bank').max(100);

export const importMethods = {
  /** The system's file picker; null when the user cancelled. */
  chooseStatementFile: { input: z.void(), output: z.object({ path: z.string().nullable() }) },
  /** Writes nothing. */
  previewStatement: { input: StatementChoice, output: StatementPreview },
  /** One transaction; `id` names it for import:progress and cancelStatementImport. */
  importStatement: { input: StatementChoice.extend({ id: z.string().min(1).max(100) }), output: StatementImportResult },
  cancelStatementImport: { input: z.object({ id: z.string() }), output: z.object({ cancelled: z.boolean() }) },
  listStatementImports: { input: z.void(), output: z.array(StatementImportRecord) },
  undoStatementImport: {
    input: z.object({ id: Id }),
    output: z.object({ importId: Id, removed: Count, accountRemoved: z.string().nullable() }),
  },
  listImportProfiles: { input: z.void(), output: z.array(ImportProfile) },
  saveImportProfile: { input: z.object({ name: ProfileName, mapping: CsvMapping }), output: z.null() },
  deleteImportProfile: { input: z.object({ name: ProfileName }), output: z.null() },
} as const;
