// OAuth tokens from the old app's bank_connections: Fernet tokens under its
// ENCRYPTION_KEY, or plaintext where it had no key. Each becomes a token
// under our key. A token that cannot be read is kept as it was (it is
// ciphertext, not a secret in the clear) and reported with its row id.
import { decryptText, InvalidToken } from './fernet.js';
import type { SecretsService } from './secrets-service.js';

/** Shape check only: version byte, minimum length, whole AES blocks. */
export function looksLikeFernet(value: string): boolean {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  const bytes = Buffer.from(value, 'base64url');
  return bytes[0] === 0x80 && bytes.length >= 73 && (bytes.length - 57) % 16 === 0;
}

export interface LegacyConnectionTokens {
  id: number;
  access_token: string | null;
  refresh_token: string | null;
}

export interface TokenFailure {
  id: number;
  column: 'access_token' | 'refresh_token';
  reason: string;
}

export interface ProtectedTokens {
  rows: LegacyConnectionTokens[];
  failures: TokenFailure[];
  /** How many tokens the old app had stored in plaintext. */
  plaintext: number;
}

export async function protectLegacyTokens(
  rows: readonly LegacyConnectionTokens[],
  legacyKey: string | null,
  secrets: SecretsService,
): Promise<ProtectedTokens> {
  const result: ProtectedTokens = { rows: [], failures: [], plaintext: 0 };
  for (const row of rows) {
    const out: LegacyConnectionTokens = { ...row };
    for (const column of ['access_token', 'refresh_token'] as const) {
      const value = row[column];
      if (value === null || value === '') continue;
      if (!looksLikeFernet(value)) {
        out[column] = await secrets.encrypt(value);
        result.plaintext++;
        continue;
      }
      if (!legacyKey) {
        result.failures.push({
          id: row.id,
          column,
          reason: 'encrypted by the old app, but its ENCRYPTION_KEY was not given (import its .env)',
        });
        continue;
      }
      try {
        out[column] = await secrets.encrypt(decryptText(legacyKey, value));
      } catch (error) {
        if (!(error instanceof InvalidToken)) throw error;
        result.failures.push({ id: row.id, column, reason: "does not decrypt with the old app's ENCRYPTION_KEY" });
      }
    }
    result.rows.push(out);
  }
  return result;
}
