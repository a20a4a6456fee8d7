// One HTTP exchange with TrueLayer: JSON in or form-encoded, JSON out, errors
// turned into TrueLayerError. A timeout bounds every call.
import { TrueLayerError } from './truelayer-error.js';

export type Fetch = typeof fetch;

export interface JsonRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  form?: Record<string, string>;
  json?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export async function requestJson(fetchImpl: Fetch, req: JsonRequest): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(req.form).toString();
  } else if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  }
  const timeout = AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(req.url, { method: req.method, headers, body, signal });
    text = await response.text();
  } catch (error) {
    if (req.signal?.aborted) throw req.signal.reason ?? error;
    const timedOut = timeout.aborted;
    throw new TrueLayerError(0, timedOut ? 'timeout' : 'connection_failed', timedOut ? 'no answer in time' : null);
  }
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new TrueLayerError(response.ok ? 0 : response.status, 'malformed_response', 'the answer was not JSON');
    }
  }
  if (!response.ok) {
    const e = (parsed ?? {}) as { error?: unknown; error_description?: unknown };
    throw new TrueLayerError(
      response.status,
      typeof e.error === 'string' ? e.error : `http_${response.status}`,
      typeof e.error_description === 'string' ? e.error_description : null,
    );
  }
  return parsed;
}
