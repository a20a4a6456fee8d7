// Every way a relayed TrueLayer webhook can be wrong, each refused for the right reason;
// plus TrueLayer's own cross-language vector, so our payload format is theirs, not just ours.
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../db/errors.js';
import { createJwksCache, type FetchJwks, type Jwks } from './jwks-cache.js';
import { signTestWebhook, TEST_JKU, type SignTestWebhookInput } from './sign-test-webhook.js';
import { VECTOR_JWK, VECTOR_NOW, VECTOR_REQUEST } from './truelayer-signing-vector.js';
import { verifyWebhook, type SeenEventIds, type VerifyWebhookOptions, type WebhookRequest } from './verify-webhook.js';
import { WebhookRejected, type WebhookRejectionReason } from './webhook-rejected.js';

const NOW = new Date('2025-06-01T12:00:00Z');
const PATH = '/hooks/truelayer';
const EVENT_ID = 'b8d4dda0-ff2c-4d77-a6da-4615e4bad941';
const BODY = JSON.stringify({
  event_type: 'payout_settled',
  event_schema_version: 1,
  event_id: EVENT_ID,
  event_body: { transaction_id: 'c34c8721-66a9-49f6-a229-284efcf88a02' },
});

let keyA: CryptoKey;
let jwkA: JWK;
let otherKey: CryptoKey;

beforeAll(async () => {
  const a = await generateKeyPair('ES512');
  keyA = a.privateKey;
  jwkA = { ...(await exportJWK(a.publicKey)), kid: 'kid-a', alg: 'ES512', use: 'sig' };
  otherKey = (await generateKeyPair('ES512')).privateKey;
});

function isoSecondsFromNow(seconds: number): string {
  return new Date(NOW.getTime() + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

interface Delivery extends Partial<SignTestWebhookInput> {
  /** Headers sent with the request, replacing the defaults (the signed ones plus Tl-Signature). */
  sentHeaders?: Record<string, string | undefined>;
  sentBody?: string | Uint8Array;
  sentPath?: string;
}

/** A webhook signed like TrueLayer's, then optionally changed on its way to us. */
async function deliver(delivery: Delivery = {}): Promise<WebhookRequest> {
  const timestamp = isoSecondsFromNow(-5);
  const signedHeaders = delivery.signedHeaders ?? [
    ['X-Tl-Webhook-Timestamp', timestamp],
    ['Content-Type', 'application/json'],
  ];
  const body = delivery.body ?? BODY;
  const signature = await signTestWebhook({
    key: keyA,
    kid: 'kid-a',
    path: PATH,
    ...delivery,
    signedHeaders,
    body,
  });
  return {
    method: delivery.method ?? 'POST',
    path: delivery.sentPath ?? delivery.path ?? PATH,
    headers: {
      ...Object.fromEntries(signedHeaders),
      'Tl-Signature': signature,
      'User-Agent': 'TrueLayer-Webhooks',
      ...delivery.sentHeaders,
    },
    body: delivery.sentBody ?? body,
  };
}

function memoryEventIds(): SeenEventIds & { ids: Set<string> } {
  const ids = new Set<string>();
  return { ids, has: (id) => ids.has(id), add: (id) => void ids.add(id) };
}

function optionsWith(overrides: Partial<VerifyWebhookOptions> = {}) {
  const seen = memoryEventIds();
  const fetchJwks = vi.fn<FetchJwks>(() => Promise.resolve({ keys: [jwkA] }));
  const options: VerifyWebhookOptions = { fetchJwks, seenEventIds: seen, now: () => NOW, ...overrides };
  return Object.assign(options, { seen });
}

async function rejection(request: WebhookRequest, options: VerifyWebhookOptions): Promise<WebhookRejected> {
  const error: unknown = await verifyWebhook(request, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookRejected);
  return error as WebhookRejected;
}

async function expectRejected(
  request: WebhookRequest,
  reason: WebhookRejectionReason,
  options: VerifyWebhookOptions = optionsWith(),
): Promise<WebhookRejected> {
  const error = await rejection(request, options);
  expect(error.reason).toBe(reason);
  expect(error).toBeInstanceOf(AppError);
  return error;
}

describe('a genuine webhook', () => {
  it('passes, returns the event, and remembers its id', async () => {
    const options = optionsWith();
    const result = await verifyWebhook(await deliver(), options);
    expect(result).toEqual({ eventId: EVENT_ID, eventType: 'payout_settled', payload: JSON.parse(BODY) as unknown });
    expect(options.seen.ids.has(EVENT_ID)).toBe(true);
    expect(options.fetchJwks).toHaveBeenCalledExactlyOnceWith(TEST_JKU, { kid: 'kid-a' });
  });

  it('passes with lowercased request headers (as Node gives them) and a Uint8Array body', async () => {
    const request = await deliver();
    const lowered = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const body = new TextEncoder().encode(BODY);
    await expect(verifyWebhook({ ...request, headers: lowered, body }, optionsWith())).resolves.toMatchObject({
      eventId: EVENT_ID,
    });
  });

  it('passes when tl_headers is lowercase, as TrueLayer sends it, and the request uses another case', async () => {
    const timestamp = isoSecondsFromNow(0);
    const request = await deliver({
      signedHeaders: [['x-tl-webhook-timestamp', timestamp]],
      sentHeaders: { 'x-tl-webhook-timestamp': undefined, 'X-TL-WEBHOOK-TIMESTAMP': timestamp },
    });
    await expect(verifyWebhook(request, optionsWith())).resolves.toMatchObject({ eventId: EVENT_ID });
  });

  it('passes on the sandbox jku, and with the trailing slash TrueLayer’s verifiers tolerate', async () => {
    const sandbox = 'https://webhooks.truelayer-sandbox.com/.well-known/jwks';
    await expect(verifyWebhook(await deliver({ jku: sandbox }), optionsWith())).resolves.toBeDefined();
    await expect(
      verifyWebhook(await deliver({ path: '/hook/', sentPath: '/hook' }), optionsWith()),
    ).resolves.toBeDefined();
    await expect(
      verifyWebhook(await deliver({ path: '/hook', sentPath: '/hook/' }), optionsWith()),
    ).resolves.toBeDefined();
  });

  it('accepts a timestamp exactly maxAgeSeconds old or ahead, and honours a custom maxAgeSeconds', async () => {
    for (const seconds of [-300, 300]) {
      const request = await deliver({ signedHeaders: [['X-Tl-Webhook-Timestamp', isoSecondsFromNow(seconds)]] });
      await expect(verifyWebhook(request, optionsWith())).resolves.toBeDefined();
    }
    const request = await deliver({ signedHeaders: [['X-Tl-Webhook-Timestamp', isoSecondsFromNow(-61)]] });
    await expectRejected(request, 'stale_timestamp', optionsWith({ maxAgeSeconds: 60 }));
  });
});

describe('TrueLayer’s shared test vector (truelayer-signing test-resources)', () => {
  const vectorOptions = () =>
    optionsWith({ now: () => VECTOR_NOW, fetchJwks: vi.fn<FetchJwks>(() => Promise.resolve({ keys: [VECTOR_JWK] })) });

  it('verifies: header names are signed as tl_headers spells them, looked up in any case', async () => {
    await expect(verifyWebhook(VECTOR_REQUEST, vectorOptions())).resolves.toEqual({
      eventId: '18b2842b-a57b-4887-a0a6-d3c7c36f1020',
      eventType: 'example',
      payload: JSON.parse(VECTOR_REQUEST.body) as unknown,
    });
  });

  it('does not verify once its path or body changes', async () => {
    await expectRejected({ ...VECTOR_REQUEST, path: '/tl-webhook2' }, 'bad_signature', vectorOptions());
    await expectRejected({ ...VECTOR_REQUEST, body: VECTOR_REQUEST.body + ' ' }, 'bad_signature', vectorOptions());
  });
});

describe('the Tl-Signature header', () => {
  it('must be present', async () => {
    await expectRejected(await deliver({ sentHeaders: { 'Tl-Signature': undefined } }), 'missing_signature');
    await expectRejected(await deliver({ sentHeaders: { 'Tl-Signature': '' } }), 'missing_signature');
  });

  const header = Buffer.from('{"alg":"ES512"}').toString('base64url');
  it.each([
    ['no dots', 'abc'],
    ['a single dot', `${header}.c2ln`],
    ['an attached payload', `${header}.cGF5bG9hZA.c2ln`],
    ['four parts', `${header}...c2ln`],
    ['an empty header', '..c2ln'],
    ['a header that is not base64url', 'e30=..c2ln'],
    ['a header that is not JSON', `${Buffer.from('not json').toString('base64url')}..c2ln`],
    ['a header that is a JSON array', `${Buffer.from('["ES512"]').toString('base64url')}..c2ln`],
    ['a signature that is not base64url', `${header}..c2ln+/`],
    ['an enormous value', `${header}..${'A'.repeat(10_000)}`],
  ])('must be a detached JWS, not %s', async (_label, value) => {
    await expectRejected(await deliver({ sentHeaders: { 'Tl-Signature': value } }), 'bad_signature_format');
  });

  it.each([
    ['tl_version is not "2"', { tl_version: '1' }],
    ['tl_version is missing', { tl_version: undefined }],
    ['tl_headers is missing', { tl_headers: undefined }],
    ['kid is missing', { kid: undefined }],
    ['tl_headers lists a name twice', { tl_headers: 'X-Tl-Webhook-Timestamp,x-tl-webhook-timestamp' }],
  ])('is refused when %s', async (_label, headerOverrides) => {
    await expectRejected(await deliver({ headerOverrides }), 'bad_signature_format');
  });
});

describe('algorithms', () => {
  it('refuses ES256, HS512 and none, without fetching keys', async () => {
    const es256 = (await generateKeyPair('ES256')).privateKey;
    const secret = new TextEncoder().encode('a shared secret long enough for HS512 to accept it......');
    const cases: Partial<SignTestWebhookInput>[] = [
      { alg: 'ES256', key: es256 },
      { alg: 'HS512', key: secret },
      { alg: 'none' },
      { headerOverrides: { alg: undefined } },
      { headerOverrides: { alg: 'es512' } },
    ];
    for (const variation of cases) {
      const options = optionsWith();
      await expectRejected(await deliver(variation), 'alg_not_allowed', options);
      expect(options.fetchJwks).not.toHaveBeenCalled();
    }
  });
});

describe('the jku', () => {
  it.each([
    'https://evil.example/.well-known/jwks',
    'https://webhooks.truelayer.com.evil.example/.well-known/jwks',
    'https://webhooks.truelayer.com/.well-known/jwks.evil.example',
    'https://webhooks.truelayer.com/.well-known/jwks/',
    'https://webhooks.truelayer.com/.well-known/jwks?x=1',
    'https://webhooks.truelayer.com/.well-known/jwks#x',
    'https://webhooks.truelayer.com@evil.example/.well-known/jwks',
    'http://webhooks.truelayer.com/.well-known/jwks',
    'https://WEBHOOKS.truelayer.com/.well-known/jwks',
    ' https://webhooks.truelayer.com/.well-known/jwks',
  ])('refuses %s without ever fetching it', async (jku) => {
    const options = optionsWith();
    await expectRejected(await deliver({ jku }), 'jku_not_allowed', options);
    expect(options.fetchJwks).not.toHaveBeenCalled();
  });

  it('refuses a missing or non-string jku', async () => {
    await expectRejected(await deliver({ headerOverrides: { jku: undefined } }), 'jku_not_allowed');
    await expectRejected(await deliver({ headerOverrides: { jku: [TEST_JKU] } }), 'jku_not_allowed');
  });

  it('uses allowedJkus when given, instead of TrueLayer’s', async () => {
    const jku = 'https://relay.example/jwks';
    const options = optionsWith({ allowedJkus: [jku] });
    await expect(verifyWebhook(await deliver({ jku }), options)).resolves.toBeDefined();
    await expectRejected(await deliver(), 'jku_not_allowed', optionsWith({ allowedJkus: [jku] }));
  });
});

describe('keys', () => {
  it('refuses a kid the JWKS does not have', async () => {
    await expectRejected(await deliver({ kid: 'kid-unknown' }), 'unknown_key');
  });

  it('refuses a same-kid entry that is not an ES512 public key', async () => {
    const p256 = { ...(await exportJWK((await generateKeyPair('ES256')).publicKey)), kid: 'kid-a' };
    for (const keys of [[p256], [{ ...jwkA, use: 'enc' }], [{ ...jwkA, alg: 'ES256' }], ['kid-a'], []]) {
      const options = optionsWith({ fetchJwks: vi.fn<FetchJwks>(() => Promise.resolve({ keys })) });
      await expectRejected(await deliver(), 'unknown_key', options);
    }
  });

  it('refuses a signature by another key under the same kid', async () => {
    await expectRejected(await deliver({ key: otherKey }), 'bad_signature');
  });

  it('reports a failed JWKS fetch as unavailable, not as a rejected webhook', async () => {
    const fetchJwks = vi.fn<FetchJwks>(() => Promise.reject(new Error('ECONNRESET')));
    const error: unknown = await verifyWebhook(await deliver(), optionsWith({ fetchJwks })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).not.toBeInstanceOf(WebhookRejected);
    expect((error as AppError).code).toBe('unavailable');
  });

  it('follows a key rotation: an unknown kid makes the cache refetch once', async () => {
    const b = await generateKeyPair('ES512');
    const jwkB = { ...(await exportJWK(b.publicKey)), kid: 'kid-b', alg: 'ES512' };
    let published: Jwks = { keys: [jwkA] };
    const fetch = vi.fn<(jku: string) => Promise<Jwks>>(() => Promise.resolve(published));
    const cache = createJwksCache({ fetch, now: () => NOW.getTime() });
    const options = () => optionsWith({ fetchJwks: cache.fetchJwks });
    const event = (id: string) => JSON.stringify({ event_id: id, event_type: 'payout_settled' });

    await verifyWebhook(await deliver({ body: event('1') }), options());
    expect(fetch).toHaveBeenCalledTimes(1);

    published = { keys: [jwkA, jwkB] };
    await verifyWebhook(await deliver({ key: b.privateKey, kid: 'kid-b', body: event('2') }), options());
    expect(fetch).toHaveBeenCalledTimes(2);

    await verifyWebhook(await deliver({ body: event('3') }), options());
    await verifyWebhook(await deliver({ key: b.privateKey, kid: 'kid-b', body: event('4') }), options());
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('what the signature covers', () => {
  it('refuses a tampered body', async () => {
    await expectRejected(await deliver({ sentBody: BODY.replace('payout_settled', 'payout_failed') }), 'bad_signature');
  });

  it('refuses a tampered path or method', async () => {
    await expectRejected(await deliver({ sentPath: '/hooks/other' }), 'bad_signature');
    await expectRejected(await deliver({ sentPath: `${PATH}?x=1` }), 'bad_signature');
    await expectRejected({ ...(await deliver()), method: 'PUT' }, 'bad_signature');
  });

  it('refuses a tampered signed header', async () => {
    const later = isoSecondsFromNow(-4);
    await expectRejected(await deliver({ sentHeaders: { 'X-Tl-Webhook-Timestamp': later } }), 'bad_signature');
    await expectRejected(await deliver({ sentHeaders: { 'Content-Type': 'text/plain' } }), 'bad_signature');
  });

  it('ignores headers that are not signed', async () => {
    const request = await deliver({ sentHeaders: { 'User-Agent': 'something else', 'X-Extra': '1' } });
    await expect(verifyWebhook(request, optionsWith())).resolves.toBeDefined();
  });

  it('refuses when a signed header is missing from the request', async () => {
    await expectRejected(await deliver({ sentHeaders: { 'Content-Type': undefined } }), 'missing_signed_header');
    await expectRejected(
      await deliver({ sentHeaders: { 'X-Tl-Webhook-Timestamp': undefined } }),
      'missing_signed_header',
    );
  });

  it('refuses a signature that does not cover X-Tl-Webhook-Timestamp', async () => {
    const request = await deliver({
      signedHeaders: [['Content-Type', 'application/json']],
      sentHeaders: { 'X-Tl-Webhook-Timestamp': isoSecondsFromNow(0) },
    });
    await expectRejected(request, 'missing_signed_header');
  });

  it('refuses a signed header sent twice in different cases with different values', async () => {
    const request = await deliver({ sentHeaders: { 'content-type': 'text/plain' } });
    await expectRejected(request, 'bad_signature');
  });
});

describe('freshness', () => {
  it.each([
    ['stale', isoSecondsFromNow(-301)],
    ['in the future', isoSecondsFromNow(301)],
    ['unreadable', 'yesterday'],
    ['not RFC 3339', 'Sun, 01 Jun 2025 12:00:00 GMT'],
  ])('refuses a timestamp that is %s, even when correctly signed', async (_label, timestamp) => {
    const request = await deliver({ signedHeaders: [['X-Tl-Webhook-Timestamp', timestamp]] });
    await expectRejected(request, 'stale_timestamp');
  });

  it('fails closed on a broken clock or maxAgeSeconds', async () => {
    await expectRejected(await deliver(), 'stale_timestamp', optionsWith({ now: () => new Date(NaN) }));
    await expect(verifyWebhook(await deliver(), optionsWith({ maxAgeSeconds: NaN }))).rejects.toThrow(RangeError);
  });
});

describe('the body', () => {
  it.each([
    ['not JSON', 'not json'],
    ['a JSON array', '[1]'],
    ['JSON null', 'null'],
    ['missing event_id', JSON.stringify({ event_type: 'x' })],
    ['missing event_type', JSON.stringify({ event_id: 'x' })],
    ['a numeric event_id', JSON.stringify({ event_id: 1, event_type: 'x' })],
  ])('refuses a signed body that is %s', async (_label, body) => {
    await expectRejected(await deliver({ body }), 'bad_body');
  });

  it('refuses a signed body that is not UTF-8', async () => {
    await expectRejected(await deliver({ body: Uint8Array.from([0x7b, 0xff, 0x7d]) }), 'bad_body');
  });
});

describe('replays', () => {
  it('refuses an event_id it has seen', async () => {
    const options = optionsWith();
    await verifyWebhook(await deliver(), options);
    await expectRejected(await deliver(), 'duplicate_event', options);
  });

  it('works with an asynchronous store', async () => {
    const ids = new Set<string>();
    const seenEventIds: SeenEventIds = {
      has: (id) => Promise.resolve(ids.has(id)),
      add: (id) => {
        ids.add(id);
        return Promise.resolve();
      },
    };
    await verifyWebhook(await deliver(), optionsWith({ seenEventIds }));
    await expectRejected(await deliver(), 'duplicate_event', optionsWith({ seenEventIds }));
  });

  it('does not use up an event_id on a webhook it rejects', async () => {
    const options = optionsWith();
    await expectRejected(await deliver({ sentBody: `${BODY} ` }), 'bad_signature', options);
    const stale = await deliver({ signedHeaders: [['X-Tl-Webhook-Timestamp', isoSecondsFromNow(-900)]] });
    await expectRejected(stale, 'stale_timestamp', options);
    expect(options.seen.ids.size).toBe(0);
    await expect(verifyWebhook(await deliver(), options)).resolves.toBeDefined();
  });
});

describe('error messages', () => {
  it('never repeat the body, the signature or key material', async () => {
    const marker = 'SECRET-BODY-MARKER';
    const requests = [
      await deliver({ body: `not json ${marker}` }),
      await deliver({ sentBody: `{"event_id":"${marker}"}` }),
      await deliver({ kid: marker }),
      await deliver({ jku: `https://evil.example/${marker}` }),
      await deliver({
        signedHeaders: [
          ['X-Tl-Webhook-Timestamp', isoSecondsFromNow(0)],
          [`X-${marker} x`, marker],
        ],
        sentHeaders: { [`X-${marker} x`]: undefined },
      }),
      await deliver({ signedHeaders: [['X-Tl-Webhook-Timestamp', marker]] }),
    ];
    for (const request of requests) {
      const error = await rejection(request, optionsWith());
      const text = `${error.message} ${error.remedy ?? ''}`;
      expect(text).not.toContain(marker);
      expect(text).not.toContain(request.headers['Tl-Signature']!.slice(0, 20));
      expect(text).not.toContain(String(jwkA.x).slice(0, 12));
    }
  });

  it('name a plain missing header, so a relay can be fixed', async () => {
    const error = await expectRejected(
      await deliver({ sentHeaders: { 'Content-Type': undefined } }),
      'missing_signed_header',
    );
    expect(error.message).toContain('Content-Type');
    expect(error.code).toBe('forbidden');
  });
});
