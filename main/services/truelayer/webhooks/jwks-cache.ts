// TrueLayer's webhook JWKS, cached per jku. The cache is keyed by URL, so callers
// must check the jku against the allowlist first (verifyWebhook does).
import { AppError } from '../../../../db/errors.js';
import { hasKid } from './signing-key.js';

export interface Jwks {
  keys: unknown[];
}

/** The `kid` hint lets a cache refetch when TrueLayer has rotated its keys. */
export type FetchJwks = (jku: string, hint?: { kid: string }) => Promise<Jwks>;

export interface JwksCacheOptions {
  fetch?: (jku: string) => Promise<Jwks>;
  /** How long a fetched JWKS is used; default 5 minutes. */
  ttlMs?: number;
  /**
   * At most one refetch for an unknown kid per this interval and jku; default 1 minute.
   * Without it anyone could make us fetch the JWKS on every request by naming a made-up kid.
   */
  unknownKidRefetchIntervalMs?: number;
  now?: () => number;
}

export interface JwksCache {
  fetchJwks: FetchJwks;
  clear(): void;
}

export const JWKS_TTL_MS = 5 * 60_000;
const FETCH_TIMEOUT_MS = 10_000;

function unavailable(): AppError {
  return new AppError(
    'unavailable',
    'Could not get TrueLayer’s webhook signing keys.',
    'Check the internet connection; TrueLayer retries webhook deliveries.',
  );
}

function asJwks(value: unknown): Jwks {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { keys?: unknown }).keys)) {
    throw unavailable();
  }
  return value as Jwks;
}

/** GETs a JWKS over HTTPS. Redirects are refused: they could lead off the allowlisted URL. */
export async function fetchJwksOverHttp(jku: string): Promise<Jwks> {
  let response: Response;
  try {
    response = await fetch(jku, {
      redirect: 'error',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch {
    throw unavailable();
  }
  if (!response.ok) throw unavailable();
  try {
    return asJwks(await response.json());
  } catch {
    throw unavailable();
  }
}

export function createJwksCache(options: JwksCacheOptions = {}): JwksCache {
  const load = options.fetch ?? fetchJwksOverHttp;
  const ttlMs = options.ttlMs ?? JWKS_TTL_MS;
  const refetchIntervalMs = options.unknownKidRefetchIntervalMs ?? 60_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { jwks: Jwks; fetchedAt: number }>();
  const inFlight = new Map<string, Promise<Jwks>>();
  const lastUnknownKidRefetch = new Map<string, number>();

  // Concurrent deliveries share one request; failures are not cached, so the next delivery retries.
  function refresh(jku: string): Promise<Jwks> {
    const running = inFlight.get(jku);
    if (running) return running;
    const request = (async () => {
      const jwks = asJwks(await load(jku));
      entries.set(jku, { jwks, fetchedAt: now() });
      return jwks;
    })().finally(() => inFlight.delete(jku));
    inFlight.set(jku, request);
    return request;
  }

  return {
    fetchJwks(jku, hint) {
      const entry = entries.get(jku);
      if (!entry || now() - entry.fetchedAt >= ttlMs) return refresh(jku);
      if (!hint || hasKid(entry.jwks.keys, hint.kid)) return Promise.resolve(entry.jwks);
      const last = lastUnknownKidRefetch.get(jku);
      if (last !== undefined && now() - last < refetchIntervalMs) return Promise.resolve(entry.jwks);
      lastUnknownKidRefetch.set(jku, now());
      return refresh(jku);
    },
    clear() {
      entries.clear();
      lastUnknownKidRefetch.clear();
    },
  };
}
