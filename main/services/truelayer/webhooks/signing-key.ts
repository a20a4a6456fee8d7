// Picks the JWKS entry the signature names and imports it as an ES512 public key.
import { importJWK } from 'jose';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasKid(keys: readonly unknown[], kid: string): boolean {
  return keys.some((key) => isRecord(key) && key.kid === kid);
}

/** The verification key for `kid`, or undefined when the JWKS has no usable ES512 key by that id. */
export async function findSigningKey(keys: readonly unknown[], kid: string): Promise<CryptoKey | undefined> {
  for (const key of keys) {
    if (!isRecord(key) || key.kid !== kid) continue;
    if (key.kty !== 'EC' || key.crv !== 'P-521') continue;
    if (key.use !== undefined && key.use !== 'sig') continue;
    if (key.alg !== undefined && key.alg !== 'ES512') continue;
    const { x, y } = key;
    if (typeof x !== 'string' || typeof y !== 'string') continue;
    try {
      // Only the public coordinates: a stray `d`, `key_ops` or `ext` must not change what we import.
      return await importJWK({ kty: 'EC', crv: 'P-521', x, y }, 'ES512');
    } catch {
      continue;
    }
  }
  return undefined;
}
