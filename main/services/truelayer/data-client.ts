// GETs on the Data API v1 for one connection: bearer from ConnectionTokens, a
// 401 answered by one refresh and one retry, bounded backoff on 429/5xx and
// broken answers (TrueLayer sends no Retry-After), X-PSU-IP when the user is
// present, and the {results, status} envelope unwrapped.
import type { z } from 'zod';
import type { ConnectionTokens } from './connection-tokens.js';
import { requestJson, type Fetch } from './http-json.js';
import { TrueLayerError } from './truelayer-error.js';

export interface Backoff {
  /** Attempts after the first. */
  retries: number;
  baseMs: number;
  maxMs: number;
  /** Waits between attempts; tests pass one that records instead of waiting. */
  wait(ms: number, signal?: AbortSignal): Promise<void>;
}

export const DEFAULT_BACKOFF: Backoff = {
  retries: 4,
  baseMs: 1_000,
  maxMs: 16_000,
  wait: (ms, signal) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason as Error);
        },
        { once: true },
      );
    }),
};

export interface CallContext {
  /** The user's IP when they started this sync themselves; unattended calls are limited. */
  psuIp?: string | null;
  signal?: AbortSignal;
}

export class DataClient {
  constructor(
    private readonly dataUrl: string,
    private readonly tokens: ConnectionTokens,
    private readonly fetchImpl: Fetch = fetch,
    private readonly backoff: Backoff = DEFAULT_BACKOFF,
  ) {}

  /** The `results` of a GET, unchecked: for lists where one odd item must not sink the rest. */
  async items(connectionId: number, path: string, context: CallContext = {}): Promise<unknown[]> {
    const body = await this.get(connectionId, path, context);
    const results = (body as { results?: unknown } | null)?.results;
    if (!Array.isArray(results)) throw new TrueLayerError(0, 'malformed_response', `no results from ${pathOnly(path)}`);
    return results as unknown[];
  }

  /** The `results` of a GET, each checked against `item`. */
  async results<T extends z.ZodType>(
    connectionId: number,
    path: string,
    item: T,
    context: CallContext = {},
  ): Promise<z.infer<T>[]> {
    return (await this.items(connectionId, path, context)).map((r) => {
      const parsed = item.safeParse(r);
      if (!parsed.success) throw new TrueLayerError(0, 'malformed_response', `unexpected item from ${pathOnly(path)}`);
      return parsed.data;
    });
  }

  private async get(connectionId: number, path: string, context: CallContext): Promise<unknown> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.accessToken(connectionId);
      try {
        return await requestJson(this.fetchImpl, {
          method: 'GET',
          url: `${this.dataUrl}${path}`,
          headers: {
            authorization: `Bearer ${token}`,
            ...(context.psuIp ? { 'x-psu-ip': context.psuIp } : {}),
          },
          ...(context.signal ? { signal: context.signal } : {}),
        });
      } catch (error) {
        if (!(error instanceof TrueLayerError)) throw error;
        if (error.status === 401 && !refreshed) {
          refreshed = true;
          await this.tokens.refresh(connectionId, token);
          attempt--;
          continue;
        }
        if (!error.retryable || attempt >= this.backoff.retries) throw error;
        const ms = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** attempt);
        await this.backoff.wait(ms / 2 + Math.random() * (ms / 2), context.signal);
      }
    }
  }
}

const pathOnly = (path: string) => path.split('?')[0];
