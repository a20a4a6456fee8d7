// Secrets from the old app's data: OAuth tokens from its bank_connections
// (Fernet tokens under its ENCRYPTION_KEY, or plaintext where it had no key),
// PKCE code verifiers and whatever else it kept in the clear. Each becomes a
// token under our key. A Fernet token that cannot be read is kept as it was
// (it is ciphertext, not a secret in the clear) and reported with its row id.
import type { ProtectSecrets, SecretCell, SecretProblem } from '../../../db/legacy/legacy-secrets.js';
import { decryptText, InvalidToken } from './fernet.js';
import type { SecretsService } from './secrets-service.js';

/** Shape check only: version byte, minimum length, whole AES blocks. */
export function looksLikeFernet(value: string): boolean {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  const bytes = Buffer.from(value, 'base64url');
  return bytes[0] === 0x80 && bytes.length >= 73 && (bytes.length - 57) % 16 === 0;
}

export interface ProtectedSecrets extends Awaited<ReturnType<ProtectSecrets>> {
  /** How many secrets the old app had stored in plaintext. */
  plaintext: number;
}

/** The report names a bank token by its column, anything else by table and column. */
const where = (cell: SecretCell) => (cell.table === 'bank_connections' ? cell.column : `${cell.table}.${cell.column}`);

export async function protectLegacyTokens(
  cells: readonly SecretCell[],
  legacyKey: string | null,
  secrets: SecretsService,
): Promise<ProtectedSecrets> {
  const result: ProtectedSecrets = { values: [], failures: [], plaintext: 0 };
  const fail = (cell: SecretCell, reason: string): SecretProblem => ({ id: cell.id, column: where(cell), reason });
  for (const cell of cells) {
    if (!looksLikeFernet(cell.value)) {
      result.values.push(await secrets.encrypt(cell.value));
      result.plaintext++;
      continue;
    }
    if (!legacyKey) {
      result.failures.push(
        fail(cell, 'encrypted by the old app, but its ENCRYPTION_KEY was not given (import its .env)'),
      );
      result.values.push(cell.value);
      continue;
    }
    try {
      result.values.push(await secrets.encrypt(decryptText(legacyKey, cell.value)));
    } catch (error) {
      if (!(error instanceof InvalidToken)) throw error;
      result.failures.push(fail(cell, "does not decrypt with the old app's ENCRYPTION_KEY"));
      result.values.push(cell.value);
    }
  }
  return result;
}
