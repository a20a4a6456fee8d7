// Secrets in the old app's data (bank tokens, PKCE code verifiers, and any
// column of a variant whose name says token, secret, password or key) are
// encrypted under Spending's key as they are read, before a row is judged.
// So whatever a row becomes (imported, fixed, quarantined in import_rejects
// or the rejects CSV, kept as JSON in legacy_extras), and whatever a report or
// an error quotes from it, no secret is ever in plaintext.
import { AppError } from '../errors.js';
import { UnstorableText } from './exact-values.js';
import type { LegacyRow } from './legacy-source.js';

export interface SecretCell {
  /** The row's id (or SQLite rowid); null for a row with neither. */
  id: number | null;
  table: string;
  column: string;
  value: string;
}

/** A secret kept as it came (ciphertext the old key does not open): the report names it. */
export interface SecretProblem {
  id: number | null;
  column: string;
  reason: string;
}

/** Encrypts each value under Spending's key (the secrets service lives in the app layer). */
export type ProtectSecrets = (cells: SecretCell[]) => Promise<{ values: string[]; failures: SecretProblem[] }>;

/** Rows whose secrets go to the app in one call. */
const BATCH = 500;

/** The name's last word: access_token, code_verifier, client_secret, password, api_key, accessToken... */
const SECRET_NAME =
  /(^|_)(token|secret|password|passwd|pwd|verifier|credentials?|(api|private|secret|encryption|signing)_?key)$/i;

export function isSecretColumn(column: string): boolean {
  return SECRET_NAME.test(column.replace(/([a-z\d])([A-Z])/g, '$1_$2'));
}

/** A secret stored as something other than text still becomes ciphertext (text) here. */
function secretText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return value;
  if (value instanceof UnstorableText) return value.bytes.toString('base64');
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * `rows` with their secret columns encrypted. `problems` collects the values
 * kept as they came. Without `protect`, a secret refuses the import.
 */
export async function* withSecretsProtected(
  table: string,
  columns: readonly string[],
  rows: AsyncIterable<LegacyRow>,
  protect: ProtectSecrets | undefined,
  problems: SecretProblem[],
): AsyncGenerator<LegacyRow> {
  const secret = columns.filter(isSecretColumn);
  if (!secret.length) {
    yield* rows;
    return;
  }
  const protectBatch = async (batch: LegacyRow[]) => {
    const cells: { row: Record<string, unknown>; cell: SecretCell }[] = [];
    for (const { values: row, rowid } of batch)
      for (const column of secret) {
        const value = secretText(row[column]);
        if (value === null) continue;
        const id = row.id ?? rowid;
        cells.push({ row, cell: { id: typeof id === 'number' ? id : null, table, column, value } });
      }
    if (!cells.length) return batch;
    if (!protect)
      throw new AppError(
        'unavailable',
        `${table}.${cells[0]?.cell.column ?? ''} holds secrets, and this import has no key to encrypt them with, so nothing was written.`,
        "Import through the app or `spending import-legacy`, which encrypt them under your key (import the old app's .env first).",
      );
    const { values, failures } = await protect(cells.map((c) => c.cell));
    cells.forEach(({ row, cell }, i) => (row[cell.column] = values[i]));
    problems.push(...failures);
    return batch;
  };
  let batch: LegacyRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === BATCH) {
      yield* await protectBatch(batch);
      batch = [];
    }
  }
  yield* await protectBatch(batch);
}
