import type { ServerResponse } from 'node:http';
import { parseForm, redirect, sendHtml, withQuery } from './http.js';
import { loginBehaviour } from './logins.js';
import { consentPage, errorPage, formPostPage, loginPage } from './pages.js';
import { freshHex } from './prng.js';
import type { Ctx } from './serve.js';
import { SCOPES, type AuthSession } from './state.js';

interface ClientTarget {
  redirectUri: string;
  responseMode: 'query' | 'form_post';
}

/** Hands the outcome back to the app: a 302 with a query, or an auto-submitting form for response_mode=form_post. */
function answerClient(res: ServerResponse, target: ClientTarget, params: Record<string, string | undefined>): void {
  if (target.responseMode === 'form_post') sendHtml(res, 200, formPostPage(target.redirectUri, params));
  else redirect(res, withQuery(target.redirectUri, params));
}

function linkProblem(ctx: Ctx, q: Record<string, string | undefined>): string | undefined {
  if (q.response_type !== 'code') return 'response_type must be "code".';
  if (q.response_mode !== undefined && q.response_mode !== 'query' && q.response_mode !== 'form_post') {
    return 'response_mode must be "form_post" or "query".';
  }
  const scopes = (q.scope ?? '').split(' ').filter(Boolean);
  if (scopes.length === 0) return 'scope is required.';
  const unknown = scopes.find((s) => !SCOPES.includes(s));
  if (unknown !== undefined) return `Unknown scope "${unknown}".`;
  if (q.code_challenge_method !== undefined && q.code_challenge_method !== 'S256') {
    return 'code_challenge_method must be S256 (plain is not supported).';
  }
  if ((q.code_challenge === undefined) !== (q.code_challenge_method === undefined)) {
    return 'code_challenge and code_challenge_method=S256 go together.';
  }
  if (q.credentials_id !== undefined && ctx.state.connections.get(q.credentials_id)?.clientId !== q.client_id) {
    return 'credentials_id does not name a connection of this client.';
  }
  return undefined;
}

/** GET / : the auth link. An unknown client or unregistered redirect_uri gets a page, never a redirect. */
export function authLinkRoute(ctx: Ctx): void {
  const q: Record<string, string | undefined> = Object.fromEntries(ctx.url.searchParams);
  const client = q.client_id === undefined ? undefined : ctx.state.clients.get(q.client_id);
  if (!client) {
    sendHtml(ctx.res, 400, errorPage('Unknown application', `client_id "${q.client_id ?? ''}" is not registered.`));
    return;
  }
  if (q.redirect_uri === undefined || !client.redirectUris.includes(q.redirect_uri)) {
    const message = `redirect_uri "${q.redirect_uri ?? ''}" is not registered for ${client.clientId}.`;
    sendHtml(ctx.res, 400, errorPage('Redirect URI mismatch', message));
    return;
  }
  const target: ClientTarget = {
    redirectUri: q.redirect_uri,
    responseMode: q.response_mode === 'form_post' ? 'form_post' : 'query',
  };
  const problem = linkProblem(ctx, q);
  if (problem !== undefined) {
    answerClient(ctx.res, target, { error: 'invalid_request', error_description: problem, state: q.state });
    return;
  }
  const session: AuthSession = {
    id: freshHex(),
    clientId: client.clientId,
    ...target,
    scopes: (q.scope ?? '').split(' ').filter(Boolean),
    ...(q.state === undefined ? {} : { state: q.state }),
    ...(q.code_challenge === undefined ? {} : { codeChallenge: q.code_challenge }),
    ...(q.credentials_id === undefined ? {} : { reauthConnectionId: q.credentials_id }),
  };
  ctx.state.sessions.set(session.id, session);
  sendHtml(ctx.res, 200, loginPage(session.id, client.clientId));
}

function sessionOf(ctx: Ctx, form: Record<string, string>): AuthSession | undefined {
  const session = ctx.state.sessions.get(form.session ?? '');
  if (!session) sendHtml(ctx.res, 400, errorPage('Session not found', 'Start again from the app.'));
  return session;
}

/** POST /login: a wrong password re-shows the page; success shows the consent page. */
export function loginRoute(ctx: Ctx): void {
  const form = parseForm(ctx.body);
  const session = sessionOf(ctx, form);
  if (!session) return;
  const username = form.username ?? '';
  const behaviour = loginBehaviour(username, form.password ?? '');
  const reauthUser = session.reauthConnectionId && ctx.state.connections.get(session.reauthConnectionId)?.username;
  if (!behaviour || (reauthUser && reauthUser !== username)) {
    const error = behaviour
      ? `Log in as ${String(reauthUser)} to renew this connection.`
      : 'Wrong username or password.';
    sendHtml(ctx.res, 200, loginPage(session.id, session.clientId, error));
    return;
  }
  Object.assign(session, { username, behaviour, authenticatedAt: ctx.state.clock.now() });
  sendHtml(ctx.res, 200, consentPage(session.id, session.clientId, username, session.scopes));
}

/** POST /consent: Allow mints a single-use code; Deny answers access_denied. */
export function consentRoute(ctx: Ctx): void {
  const form = parseForm(ctx.body);
  const session = sessionOf(ctx, form);
  if (!session) return;
  const { username, behaviour, authenticatedAt } = session;
  if (username === undefined || behaviour === undefined || authenticatedAt === undefined) {
    sendHtml(ctx.res, 400, errorPage('Not logged in', 'Log in before giving consent.'));
    return;
  }
  ctx.state.sessions.delete(session.id);
  if (form.decision !== 'allow') {
    const params = { error: 'access_denied', error_description: 'The user denied access.', state: session.state };
    answerClient(ctx.res, session, params);
    return;
  }
  const code = freshHex(32);
  ctx.state.codes.set(code, {
    clientId: session.clientId,
    redirectUri: session.redirectUri,
    scopes: session.scopes,
    ...(session.codeChallenge === undefined ? {} : { codeChallenge: session.codeChallenge }),
    ...(session.reauthConnectionId === undefined ? {} : { reauthConnectionId: session.reauthConnectionId }),
    username,
    behaviour,
    authenticatedAt,
    createdAt: ctx.state.clock.now(),
    used: false,
  });
  answerClient(ctx.res, session, { code, scope: session.scopes.join(' '), state: session.state });
}
