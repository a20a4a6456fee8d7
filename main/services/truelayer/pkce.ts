// PKCE (RFC 7636, S256) and the random values an authorisation attempt carries.
import { createHash, randomBytes } from 'node:crypto';

const random = (bytes: number) => randomBytes(bytes).toString('base64url');

export interface AttemptSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
  codeChallenge: string;
}

export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function newAttemptSecrets(): AttemptSecrets {
  // 32 random bytes give a 43-character verifier, the minimum RFC 7636 allows, with 256 bits of entropy.
  const codeVerifier = random(32);
  return { state: random(24), nonce: random(16), codeVerifier, codeChallenge: codeChallenge(codeVerifier) };
}
