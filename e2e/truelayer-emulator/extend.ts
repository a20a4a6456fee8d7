import { addDays } from './clock.js';
import { contentType, sendError, sendJson, withQuery } from './http.js';
import type { Ctx } from './serve.js';
import { checkClient } from './state.js';
import { CONSENT_DAYS, connectionForRefresh } from './token-endpoint.js';
import { rotateTokens } from './tokens.js';

interface ExtendBody {
  user_has_reconfirmed_consent?: unknown;
  client_id?: unknown;
  client_secret?: unknown;
  refresh_token?: unknown;
  redirect_uri?: unknown;
}

/** POST /connections/extend: eternal logins get fresh tokens and 90 more days; the rest must log in again. */
export async function extendRoute(ctx: Ctx): Promise<void> {
  const { state, res } = ctx;
  let body: ExtendBody | undefined;
  try {
    body = contentType(ctx.req) === 'application/json' ? (JSON.parse(ctx.body) as ExtendBody) : undefined;
  } catch {
    body = undefined;
  }
  if (typeof body?.user_has_reconfirmed_consent !== 'boolean') {
    sendError(res, 400, 'invalid_request', 'Send a JSON body with user_has_reconfirmed_consent.');
    return;
  }
  const client = checkClient(state, body.client_id, body.client_secret);
  if (!client) {
    sendError(res, 400, 'invalid_client', 'Unknown client_id or wrong client_secret.');
    return;
  }
  const connection = connectionForRefresh(state, client, body.refresh_token);
  if (!connection || connection.revoked) {
    sendError(res, 400, 'invalid_grant', 'The refresh token is invalid or the connection was revoked.');
    return;
  }
  ctx.draft.connectionId = connection.id;
  if (connection.behaviour === 'eternal') {
    connection.consentExpiresAt = addDays(state.clock.now(), CONSENT_DAYS);
    sendJson(res, 200, { action_needed: 'no_action_needed', ...(await rotateTokens(state, connection)) });
    return;
  }
  const redirectUri = body.redirect_uri;
  if (typeof redirectUri !== 'string' || !client.redirectUris.includes(redirectUri)) {
    sendError(res, 400, 'invalid_request', 'redirect_uri is not registered for this client.');
    return;
  }
  const userInputLink = withQuery(`${state.authUrl}/`, {
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: redirectUri,
    scope: connection.scopes.join(' '),
    providers: 'uk-cs-mock',
    credentials_id: connection.id,
  });
  sendJson(res, 200, { action_needed: 'authentication_needed', user_input_link: userInputLink });
}
