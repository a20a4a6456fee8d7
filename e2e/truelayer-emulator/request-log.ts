import type { IncomingMessage } from 'node:http';
import { redactAuthorization } from './tokens.js';
import type { RequestLogEntry } from './types.js';

const SECRET_FORM_FIELDS = new Set(['client_secret', 'code', 'code_verifier', 'refresh_token']);

export type LogDraft = Omit<RequestLogEntry, 'status'> & { dropped?: boolean };

/** Request history for assertions; tokens and secrets are redacted on the way in, so they never sit here. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;
  private inFlight = 0;

  /** `keep` false (the control API) leaves the request out of both the log and the in-flight count. */
  begin(server: 'auth' | 'data', req: IncomingMessage, url: URL, at: Date, keep: boolean): LogDraft {
    if (keep) this.inFlight += 1;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      const text = Array.isArray(value) ? value.join(', ') : value;
      headers[name.toLowerCase()] = name.toLowerCase() === 'authorization' ? redactAuthorization(text) : text;
    }
    return {
      seq: ++this.seq,
      server,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      at: at.toISOString(),
      inFlight: this.inFlight,
    };
  }

  finish(draft: LogDraft, status: number, keep: boolean): void {
    if (!keep) return;
    this.inFlight -= 1;
    const { dropped, ...entry } = draft;
    this.entries.push({ ...entry, status: dropped ? 0 : status });
  }

  list(): RequestLogEntry[] {
    return [...this.entries].sort((a, b) => a.seq - b.seq).map((e) => structuredClone(e));
  }

  clear(): void {
    this.entries = [];
  }
}

export function redactForm(form: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, SECRET_FORM_FIELDS.has(k) ? '<redacted>' : v]));
}
