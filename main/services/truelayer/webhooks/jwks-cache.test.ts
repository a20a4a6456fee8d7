// The JWKS cache: reused for five minutes, refetched once for a rotated kid (but
// not on every made-up kid), shared between concurrent deliveries, never caching failure.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../db/errors.js';
import { createJwksCache, fetchJwksOverHttp, JWKS_TTL_MS, type Jwks } from './jwks-cache.js';

const JKU = 'https://webhooks.truelayer.com/.well-known/jwks';
const SANDBOX = 'https://webhooks.truelayer-sandbox.com/.well-known/jwks';

function setup(initial: Jwks = { keys: [{ kid: 'a' }] }) {
  let time = 1_000_000;
  const state = { published: initial };
  const fetch = vi.fn<(jku: string) => Promise<Jwks>>(() => Promise.resolve(state.published));
  const cache = createJwksCache({ fetch, now: () => time });
  return { cache, fetch, state, advance: (ms: number) => (time += ms) };
}

describe('createJwksCache', () => {
  it('reuses a JWKS for five minutes per jku, then fetches it again', async () => {
    const { cache, fetch, advance } = setup();
    await cache.fetchJwks(JKU, { kid: 'a' });
    advance(JWKS_TTL_MS - 1);
    await cache.fetchJwks(JKU, { kid: 'a' });
    expect(fetch).toHaveBeenCalledTimes(1);
    await cache.fetchJwks(SANDBOX, { kid: 'a' });
    expect(fetch).toHaveBeenLastCalledWith(SANDBOX);
    advance(1);
    await cache.fetchJwks(JKU, { kid: 'a' });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('refetches once when the kid is not in the cached JWKS, as after a rotation', async () => {
    const { cache, fetch, state } = setup();
    await cache.fetchJwks(JKU, { kid: 'a' });
    state.published = { keys: [{ kid: 'a' }, { kid: 'b' }] };
    await expect(cache.fetchJwks(JKU, { kid: 'b' })).resolves.toEqual(state.published);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('does not refetch for every unknown kid: at most once a minute per jku', async () => {
    const { cache, fetch, advance } = setup();
    await cache.fetchJwks(JKU, { kid: 'a' });
    await expect(cache.fetchJwks(JKU, { kid: 'made-up-1' })).resolves.toEqual({ keys: [{ kid: 'a' }] });
    await cache.fetchJwks(JKU, { kid: 'made-up-2' });
    expect(fetch).toHaveBeenCalledTimes(2);
    advance(60_000);
    await cache.fetchJwks(JKU, { kid: 'made-up-3' });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('without a kid hint, serves the cache', async () => {
    const { cache, fetch } = setup();
    await cache.fetchJwks(JKU);
    await cache.fetchJwks(JKU);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('shares one fetch between concurrent deliveries', async () => {
    const { cache, fetch } = setup();
    await Promise.all([cache.fetchJwks(JKU), cache.fetchJwks(JKU), cache.fetchJwks(JKU)]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('does not cache a failure or a malformed JWKS', async () => {
    const fetch = vi
      .fn<(jku: string) => Promise<Jwks>>()
      .mockRejectedValueOnce(new Error('ECONNRESET'))
      .mockResolvedValueOnce({ nope: true } as unknown as Jwks)
      .mockResolvedValue({ keys: [] });
    const cache = createJwksCache({ fetch });
    await expect(cache.fetchJwks(JKU)).rejects.toThrow('ECONNRESET');
    await expect(cache.fetchJwks(JKU)).rejects.toBeInstanceOf(AppError);
    await expect(cache.fetchJwks(JKU)).resolves.toEqual({ keys: [] });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('forgets everything on clear()', async () => {
    const { cache, fetch } = setup();
    await cache.fetchJwks(JKU);
    cache.clear();
    await cache.fetchJwks(JKU);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('fetchJwksOverHttp', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
    server = undefined;
  });

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('fetches a JWKS', async () => {
    const url = await serve((_req, res) => res.end(JSON.stringify({ keys: [{ kid: 'a' }] })));
    await expect(fetchJwksOverHttp(`${url}/jwks`)).resolves.toEqual({ keys: [{ kid: 'a' }] });
  });

  it('refuses redirects, error statuses and non-JWKS bodies as unavailable', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/redirect') res.writeHead(302, { location: '/jwks' }).end();
      else if (req.url === '/error') res.writeHead(500).end();
      else if (req.url === '/html') res.end('<html>');
      else res.end(JSON.stringify({ keys: [] }));
    });
    for (const path of ['/redirect', '/error', '/html']) {
      await expect(fetchJwksOverHttp(`${url}${path}`)).rejects.toMatchObject({ code: 'unavailable' });
    }
  });
});
