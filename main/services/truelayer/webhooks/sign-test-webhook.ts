// Test-only: signs a webhook the way TrueLayer does, so tests can forge every
// variation. It builds the signing payload itself rather than reuse
// signing-payload.ts, so a mistake there cannot hide behind the same mistake here.
import { base64url, FlattenedSign, type CryptoKey } from 'jose';

export const TEST_JKU = 'https://webhooks.truelayer.com/.well-known/jwks';

export interface SignTestWebhookInput {
  key: CryptoKey | Uint8Array;
  kid: string;
  /** Signed headers, in `tl_headers` order, with the names as `tl_headers` spells them. */
  signedHeaders: readonly (readonly [name: string, value: string])[];
  body: string | Uint8Array;
  method?: string;
  path?: string;
  alg?: string;
  jku?: string;
  /** Replaces or removes (undefined) protected header parameters after the defaults. */
  headerOverrides?: Record<string, unknown>;
}

export async function signTestWebhook(input: SignTestWebhookInput): Promise<string> {
  const alg = input.alg ?? 'ES512';
  const protectedHeader: Record<string, unknown> = {
    alg,
    kid: input.kid,
    tl_version: '2',
    tl_headers: input.signedHeaders.map(([name]) => name).join(','),
    jku: input.jku ?? TEST_JKU,
    ...input.headerOverrides,
  };
  let head = `${input.method ?? 'POST'} ${input.path ?? '/hooks/truelayer'}\n`;
  for (const [name, value] of input.signedHeaders) head += `${name}: ${value}\n`;
  const body = typeof input.body === 'string' ? new TextEncoder().encode(input.body) : input.body;
  const payload = new Uint8Array([...new TextEncoder().encode(head), ...body]);

  if (protectedHeader.alg === 'none') {
    return `${base64url.encode(JSON.stringify(protectedHeader))}..`;
  }
  if (protectedHeader.alg !== alg) {
    // An alg jose cannot sign with: a well-formed header with a signature-shaped filler.
    return `${base64url.encode(JSON.stringify(protectedHeader))}..${base64url.encode(new Uint8Array(132))}`;
  }
  const jws = await new FlattenedSign(payload).setProtectedHeader({ ...protectedHeader, alg }).sign(input.key);
  return `${jws.protected ?? ''}..${jws.signature}`;
}
