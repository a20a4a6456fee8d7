import { authLinkRoute, consentRoute, loginRoute } from './auth-link.js';
import { controlRoute } from './control-api.js';
import { dataRoute } from './data-api.js';
import { PROVIDER } from './data-shapes.js';
import { extendRoute } from './extend.js';
import { applyFaults } from './faults.js';
import { contentType, parseForm, sendError, sendJson } from './http.js';
import { redactForm } from './request-log.js';
import type { Ctx } from './serve.js';
import { SCOPES } from './state.js';
import { tokenRoute } from './token-endpoint.js';
import { checkBearer } from './tokens.js';

const provider = (provider_id: string, display_name: string) => ({
  provider_id,
  display_name,
  logo_url: `https://truelayer-provider-assets.s3.amazonaws.com/global/logos/${provider_id}.svg`,
  country: 'uk',
  release_stage: 'general_availability',
  scopes: [...SCOPES],
});

const PROVIDERS = [
  { ...provider(PROVIDER.provider_id, PROVIDER.display_name), logo_url: PROVIDER.logo_uri },
  provider('uk-ob-barclays', 'Barclays'),
  provider('uk-ob-hsbc', 'HSBC'),
  provider('uk-ob-monzo', 'Monzo'),
];

/** DELETE /api/delete: the bearer's connection loses consent for good. */
async function deleteRoute(ctx: Ctx): Promise<void> {
  const bearer = await checkBearer(ctx.state, ctx.req.headers.authorization);
  if (!bearer.ok) {
    sendError(ctx.res, 401, 'invalid_token', bearer.description);
    return;
  }
  bearer.connection.revoked = true;
  ctx.draft.connectionId = bearer.connection.id;
  sendJson(ctx.res, 200, {});
}

/** The auth server: link pages, token endpoint, providers, delete, control API. Faults go before everything. */
export async function authRouter(ctx: Ctx): Promise<void> {
  const path = ctx.url.pathname;
  if (path.startsWith('/__control/')) {
    controlRoute(ctx);
    return;
  }
  if (path === '/connect/token' && contentType(ctx.req) === 'application/x-www-form-urlencoded') {
    const form = parseForm(ctx.body);
    ctx.draft.form = redactForm(form);
    if (form.grant_type !== undefined) ctx.draft.grantType = form.grant_type;
  }
  if (await applyFaults(ctx)) return;
  const route = `${ctx.method} ${path}`;
  if (route === 'GET /') authLinkRoute(ctx);
  else if (route === 'POST /login') loginRoute(ctx);
  else if (route === 'POST /consent') consentRoute(ctx);
  else if (route === 'POST /connect/token') await tokenRoute(ctx);
  else if (route === 'DELETE /api/delete') await deleteRoute(ctx);
  else if (route === 'GET /api/providers') {
    const clientId = ctx.url.searchParams.get('client_id');
    if (clientId !== null && !ctx.state.clients.has(clientId)) sendError(ctx.res, 400, 'invalid_client');
    else sendJson(ctx.res, 200, PROVIDERS);
  } else sendError(ctx.res, 404, 'not_found', `No endpoint ${route}.`);
}

/** The data server: /data/v1/* (faults after the auth checks) and /connections/extend (faults first). */
export async function dataRouter(ctx: Ctx): Promise<void> {
  const path = ctx.url.pathname;
  if (path.startsWith('/data/v1/')) {
    await dataRoute(ctx, path.slice('/data/v1'.length));
    return;
  }
  if (await applyFaults(ctx)) return;
  if (ctx.method === 'POST' && path === '/connections/extend') await extendRoute(ctx);
  else sendError(ctx.res, 404, 'not_found', `No endpoint ${ctx.method} ${path}.`);
}
