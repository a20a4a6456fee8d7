// Takes a Tl-Signature header apart without trusting it: a detached compact JWS,
// `base64url(protected header)..base64url(signature)`.
import { base64url } from 'jose';
import { WebhookRejected } from './webhook-rejected.js';

export interface TlSignature {
  /** The protected header exactly as sent, since the signature covers these characters. */
  encodedHeader: string;
  header: Record<string, unknown>;
  signature: string;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
// Real headers are a few hundred characters; refuse to decode anything huge.
const MAX_LENGTH = 8192;

export function parseTlSignature(value: string): TlSignature {
  const parts = value.length > MAX_LENGTH ? [] : value.split('.');
  const [encodedHeader, payload, signature] = parts;
  // `payload !== ''` also refuses a non-detached JWS: TrueLayer never sends the payload.
  if (parts.length !== 3 || encodedHeader === undefined || signature === undefined || payload !== '') {
    throw new WebhookRejected('bad_signature_format');
  }
  // The signature may be empty here so that `alg: none` is reported as such, not as a format error.
  if (encodedHeader === '' || !BASE64URL.test(encodedHeader) || !BASE64URL.test(signature)) {
    throw new WebhookRejected('bad_signature_format');
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(encodedHeader)));
  } catch {
    throw new WebhookRejected('bad_signature_format');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new WebhookRejected('bad_signature_format');
  }
  return { encodedHeader, header: header as Record<string, unknown>, signature };
}

/** `tl_headers` as a list; TrueLayer's libraries also skip empty names. */
export function parseTlHeaders(tlHeaders: string): string[] {
  const names = tlHeaders.split(',').filter((name) => name !== '');
  if (new Set(names.map((name) => name.toLowerCase())).size !== names.length) {
    // A name listed twice makes the payload ambiguous between implementations.
    throw new WebhookRejected('bad_signature_format');
  }
  return names;
}
