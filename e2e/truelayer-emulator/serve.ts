import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { readBody, sendError } from './http.js';
import type { LogDraft } from './request-log.js';
import type { EmulatorState } from './state.js';

export interface Ctx {
  state: EmulatorState;
  server: 'auth' | 'data';
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  body: string;
  draft: LogDraft;
}

export type Route = (ctx: Ctx) => Promise<void>;

/** Logs each request (but not the control API's own), counts concurrency, and turns a throw into a 500. */
export function handler(state: EmulatorState, server: 'auth' | 'data', route: Route): RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const keep = !url.pathname.startsWith('/__control/');
    const draft = state.log.begin(server, req, url, state.clock.now(), keep);
    res.on('close', () => state.log.finish(draft, res.statusCode, keep));
    void (async () => {
      try {
        const body = await readBody(req);
        await route({ state, server, req, res, url, method: req.method ?? 'GET', body, draft });
      } catch (error) {
        if (!res.headersSent) sendError(res, 500, 'internal_server_error', (error as Error).message);
        else res.destroy();
      }
    })();
  };
}
