import { setTimeout as delay } from 'node:timers/promises';
import type { ServerResponse } from 'node:http';
import { decodeJwt } from 'jose';
import { contentType, parseForm, sendError } from './http.js';
import type { LogDraft } from './request-log.js';
import type { Ctx } from './serve.js';
import type { Connection } from './state.js';
import type { Fault } from './types.js';

interface Queued {
  fault: Fault;
  remaining: number;
}

export class FaultQueue {
  private queue: Queued[] = [];

  add(fault: Fault): void {
    this.queue.push({ fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.queue = [];
  }

  /** The first queued fault matching the request, consumed once. */
  take(server: 'auth' | 'data', method: string, path: string): Fault | undefined {
    const index = this.queue.findIndex(({ fault: { match } }) => {
      if (match?.server && match.server !== server) return false;
      if (match?.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
      if (typeof match?.path === 'string' && match.path !== path) return false;
      return !(match?.path instanceof RegExp && !match.path.test(path));
    });
    const queued = this.queue[index];
    if (!queued) return undefined;
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.queue.splice(index, 1);
    return queued.fault;
  }
}

/**
 * Plays a fault. Returns true when the response is settled (sent or dropped); false when the request
 * should carry on (slow, revoke: `revoke` marks the connection and the normal checks then refuse it).
 */
export async function playFault(
  fault: Fault,
  res: ServerResponse,
  draft: LogDraft,
  revoke: () => void,
): Promise<boolean> {
  draft.fault = fault.kind === 'status' ? `status:${fault.status}` : fault.kind;
  switch (fault.kind) {
    case 'status':
      sendError(res, fault.status, fault.error, fault.description);
      return true;
    case 'revoke':
      revoke();
      return false;
    case 'slow':
      await delay(fault.ms);
      return false;
    case 'hold':
      if (fault.answer) {
        holdAnswer(res, fault.until, fault.held);
        return false;
      }
      fault.held?.();
      await fault.until.catch(() => undefined);
      return false;
    case 'drop':
      draft.dropped = true;
      res.socket?.destroy();
      return true;
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"results": [');
      return true;
  }
}

/** Lets the request be handled, but keeps its answer (headers and body) back until `until` settles. */
function holdAnswer(res: ServerResponse, until: Promise<unknown>, held: (() => void) | undefined): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    held?.();
    void until.catch(() => undefined).then(() => end(...args));
    return res;
  }) as ServerResponse['end'];
}

/** The connection a token-bearing request speaks for, read without verifying: a revoke fault needs only its id. */
function requestConnection(ctx: Ctx): Connection | undefined {
  const bearer = /^Bearer (.+)$/i.exec(ctx.req.headers.authorization ?? '')?.[1];
  if (bearer) {
    try {
      return ctx.state.connections.get(decodeJwt(bearer).sub ?? '');
    } catch {
      return undefined;
    }
  }
  let refreshToken: unknown;
  try {
    refreshToken =
      contentType(ctx.req) === 'application/json'
        ? (JSON.parse(ctx.body) as { refresh_token?: unknown }).refresh_token
        : parseForm(ctx.body).refresh_token;
  } catch {
    return undefined;
  }
  const id = typeof refreshToken === 'string' ? ctx.state.refreshTokens.get(refreshToken) : undefined;
  return id === undefined ? undefined : ctx.state.connections.get(id);
}

/** Takes and plays the next matching fault; true when the response is already settled. */
export async function applyFaults(ctx: Ctx): Promise<boolean> {
  const fault = ctx.state.faults.take(ctx.server, ctx.method, ctx.url.pathname);
  if (!fault) return false;
  return playFault(fault, ctx.res, ctx.draft, () => {
    const connection = requestConnection(ctx);
    if (connection) connection.revoked = true;
  });
}
