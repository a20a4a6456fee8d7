import { createHash } from 'node:crypto';
import { addDays, DAY_MS } from './clock.js';
import { contentType, parseForm, sendError, sendJson } from './http.js';
import { freshHex } from './prng.js';
import type { Ctx } from './serve.js';
import { checkClient, consentProblem, type AuthCode, type Connection, type EmulatorState } from './state.js';
import { rotateTokens } from './tokens.js';
import type { EmulatorClient } from './types.js';

const CODE_TTL_MS = 5 * 60_000;
const REFRESH_IDLE_MS = 30 * DAY_MS;
export const CONSENT_DAYS = 90;

/** The live connection behind a refresh token, or undefined for junk, another client's, or a rotated one. */
export function connectionForRefresh(
  state: EmulatorState,
  client: EmulatorClient,
  refreshToken: unknown,
): Connection | undefined {
  const id = typeof refreshToken === 'string' ? state.refreshTokens.get(refreshToken) : undefined;
  const connection = id === undefined ? undefined : state.connections.get(id);
  return connection?.clientId === client.clientId && connection.refreshToken === refreshToken ? connection : undefined;
}

function codeProblem(code: AuthCode | undefined, client: EmulatorClient, form: Record<string, string>, now: Date) {
  if (!code || code.clientId !== client.clientId) return 'The authorization code is invalid.';
  if (code.used) return 'The authorization code has already been used.';
  if (now.getTime() - code.createdAt.getTime() > CODE_TTL_MS) return 'The authorization code has expired.';
  if (form.redirect_uri !== code.redirectUri) return 'redirect_uri does not match the one in the auth link.';
  const verifierHash = createHash('sha256')
    .update(form.code_verifier ?? '')
    .digest('base64url');
  if (code.codeChallenge !== undefined && verifierHash !== code.codeChallenge) {
    return 'code_verifier does not match the code_challenge.';
  }
  return undefined;
}

async function exchangeCode(ctx: Ctx, form: Record<string, string>, client: EmulatorClient): Promise<void> {
  const { state, res } = ctx;
  const now = state.clock.now();
  const code = state.codes.get(form.code ?? '');
  const problem = codeProblem(code, client, form, now);
  if (problem !== undefined || !code) {
    sendError(res, 400, 'invalid_grant', problem);
    return;
  }
  code.used = true;
  const consentExpiresAt = addDays(code.authenticatedAt, CONSENT_DAYS);
  let connection = code.reauthConnectionId === undefined ? undefined : state.connections.get(code.reauthConnectionId);
  if (connection) {
    Object.assign(connection, { authenticatedAt: code.authenticatedAt, consentExpiresAt, scopes: code.scopes });
  } else {
    connection = {
      id: freshHex(16),
      clientId: client.clientId,
      username: code.username,
      behaviour: code.behaviour,
      scopes: code.scopes,
      consentExpiresAt,
      revoked: false,
      refreshCount: 0,
      authenticatedAt: code.authenticatedAt,
      refreshIssuedAt: now,
      accessJtis: new Set(),
    };
    state.connections.set(connection.id, connection);
  }
  ctx.draft.connectionId = connection.id;
  sendJson(res, 200, await rotateTokens(state, connection));
}

async function refresh(ctx: Ctx, form: Record<string, string>, client: EmulatorClient): Promise<void> {
  const { state, res } = ctx;
  const now = state.clock.now();
  const connection = connectionForRefresh(state, client, form.refresh_token);
  if (!connection) {
    sendError(res, 400, 'invalid_grant', 'The refresh token is invalid, expired or already used.');
    return;
  }
  ctx.draft.connectionId = connection.id;
  const problem =
    consentProblem(connection, now) ??
    (now.getTime() - connection.refreshIssuedAt.getTime() >= REFRESH_IDLE_MS
      ? 'The refresh token was not used for 30 days.'
      : undefined);
  if (problem !== undefined) {
    sendError(res, 400, 'invalid_grant', problem);
    return;
  }
  connection.refreshCount += 1;
  sendJson(res, 200, await rotateTokens(state, connection));
}

/** POST /connect/token */
export async function tokenRoute(ctx: Ctx): Promise<void> {
  if (contentType(ctx.req) !== 'application/x-www-form-urlencoded') {
    sendError(ctx.res, 400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
    return;
  }
  const form = parseForm(ctx.body);
  if (form.grant_type !== 'authorization_code' && form.grant_type !== 'refresh_token') {
    sendError(ctx.res, 400, 'unsupported_grant_type', `grant_type "${form.grant_type ?? ''}" is not supported.`);
    return;
  }
  const client = checkClient(ctx.state, form.client_id, form.client_secret);
  if (!client) {
    sendError(ctx.res, 400, 'invalid_client', 'Unknown client_id or wrong client_secret.');
    return;
  }
  await (form.grant_type === 'authorization_code' ? exchangeCode(ctx, form, client) : refresh(ctx, form, client));
}
