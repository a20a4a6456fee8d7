// Verifies a TrueLayer webhook that a user relays to Spending: signature (ES512 detached JWS
// over TrueLayer's v2 signing payload, see signing-payload.ts), freshness and replay.
// Checks run cheapest and least trusting first; in particular the jku is checked against the
// allowlist before anything is fetched, so a forged jku never makes us fetch from it.
import { base64url, flattenedVerify } from 'jose';
import { AppError } from '../../../../db/errors.js';
import type { FetchJwks } from './jwks-cache.js';
import { AmbiguousHeader, headerLookup, type HeaderLookup } from './request-headers.js';
import { buildSigningPayload, withTrailingSlashToggled } from './signing-payload.js';
import { findSigningKey } from './signing-key.js';
import { parseTlHeaders, parseTlSignature } from './tl-signature.js';
import { WebhookRejected } from './webhook-rejected.js';

export const TRUELAYER_WEBHOOK_JKUS: readonly string[] = [
  'https://webhooks.truelayer.com/.well-known/jwks',
  'https://webhooks.truelayer-sandbox.com/.well-known/jwks',
];

export const DEFAULT_MAX_AGE_SECONDS = 300;

const TIMESTAMP_HEADER = 'X-Tl-Webhook-Timestamp';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export interface WebhookRequest {
  method: string;
  /** The path TrueLayer delivered to (the relay's public URL path), without the query string. */
  path: string;
  headers: Record<string, string | undefined>;
  /** The body exactly as received: re-serialised JSON will not verify. */
  body: string | Uint8Array;
}

export interface SeenEventIds {
  has(id: string): Promise<boolean> | boolean;
  add(id: string): Promise<void> | void;
}

export interface VerifyWebhookOptions {
  /** Usually `createJwksCache().fetchJwks`; it gets the signature's kid so a cache can refetch on rotation. */
  fetchJwks: FetchJwks;
  allowedJkus?: readonly string[];
  now?: () => Date;
  maxAgeSeconds?: number;
  /** Replays are caught only if `add` is durable; concurrent duplicates need `add` to be atomic too. */
  seenEventIds: SeenEventIds;
}

export interface VerifiedWebhook {
  eventId: string;
  eventType: string;
  payload: unknown;
}

export async function verifyWebhook(request: WebhookRequest, options: VerifyWebhookOptions): Promise<VerifiedWebhook> {
  const maxAgeSeconds = options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  // NaN would make every timestamp look fresh.
  if (!(maxAgeSeconds > 0) || !Number.isFinite(maxAgeSeconds)) throw new RangeError('maxAgeSeconds must be positive');
  const headers = headerLookup(request.headers);

  const tlSignature = get(headers, 'Tl-Signature');
  if (tlSignature === undefined || tlSignature === '') throw new WebhookRejected('missing_signature');
  const { encodedHeader, header, signature } = parseTlSignature(tlSignature);

  if (header.alg !== 'ES512') throw new WebhookRejected('alg_not_allowed');
  const allowedJkus = options.allowedJkus ?? TRUELAYER_WEBHOOK_JKUS;
  // Exact match only: prefixes, case changes and extra query or fragment are all other URLs.
  if (typeof header.jku !== 'string' || !allowedJkus.includes(header.jku)) {
    throw new WebhookRejected('jku_not_allowed');
  }
  const { jku, kid, tl_version: tlVersion, tl_headers: tlHeaders } = header;
  if (typeof kid !== 'string' || kid === '' || tlVersion !== '2' || typeof tlHeaders !== 'string') {
    throw new WebhookRejected('bad_signature_format');
  }
  const signedHeaderNames = parseTlHeaders(tlHeaders);

  let keys: unknown[];
  try {
    ({ keys } = await options.fetchJwks(jku, { kid }));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('unavailable', 'Could not get TrueLayer’s webhook signing keys.');
  }
  const key = await findSigningKey(keys, kid);
  if (!key) throw new WebhookRejected('unknown_key');

  // Without the timestamp under the signature, an old webhook could be replayed with a new one.
  if (!signedHeaderNames.some((name) => name.toLowerCase() === TIMESTAMP_HEADER.toLowerCase())) {
    throw new WebhookRejected('missing_signed_header', TIMESTAMP_HEADER);
  }
  const signedHeaders = signedHeaderNames.map((name) => {
    const value = get(headers, name);
    if (value === undefined) throw new WebhookRejected('missing_signed_header', safeHeaderName(name));
    return [name, value] as const;
  });

  const body = typeof request.body === 'string' ? new TextEncoder().encode(request.body) : request.body;
  const verifies = (path: string) =>
    flattenedVerify(
      {
        protected: encodedHeader,
        payload: base64url.encode(buildSigningPayload(request.method, path, signedHeaders, body)),
        signature,
      },
      key,
      { algorithms: ['ES512'] },
    ).then(
      () => true,
      () => false,
    );
  if (!(await verifies(request.path)) && !(await verifies(withTrailingSlashToggled(request.path)))) {
    throw new WebhookRejected('bad_signature');
  }

  const timestamp = get(headers, TIMESTAMP_HEADER) ?? '';
  const sentAt = RFC3339.test(timestamp) ? Date.parse(timestamp) : NaN;
  const now = (options.now ?? (() => new Date()))().getTime();
  // Written so that NaN (unreadable timestamp or clock) fails closed.
  if (!(Math.abs(now - sentAt) <= maxAgeSeconds * 1000)) throw new WebhookRejected('stale_timestamp');

  const payload = parseBody(body);
  const { event_id: eventId, event_type: eventType } = payload;
  if (typeof eventId !== 'string' || eventId === '' || typeof eventType !== 'string' || eventType === '') {
    throw new WebhookRejected('bad_body');
  }

  if (await options.seenEventIds.has(eventId)) throw new WebhookRejected('duplicate_event');
  await options.seenEventIds.add(eventId);
  return { eventId, eventType, payload };
}

function get(headers: HeaderLookup, name: string): string | undefined {
  try {
    return headers(name);
  } catch (error) {
    if (error instanceof AmbiguousHeader) throw new WebhookRejected('bad_signature');
    throw error;
  }
}

function parseBody(body: Uint8Array): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new WebhookRejected('bad_body');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new WebhookRejected('bad_body');
  return parsed as Record<string, unknown>;
}

// Header names come from the untrusted signature header; only echo plain ones.
function safeHeaderName(name: string): string | undefined {
  return /^[A-Za-z0-9-]{1,64}$/.test(name) ? name : undefined;
}
