import type { BankAccount } from './bank-data.js';
import { addDays, isoDate } from './clock.js';
import * as shape from './data-shapes.js';
import { applyFaults } from './faults.js';
import { sendError, sendJson } from './http.js';
import { ERROR_LOGIN_STATUS } from './logins.js';
import type { Ctx } from './serve.js';
import { consentProblem, type Connection } from './state.js';
import { checkBearer } from './tokens.js';

const SCA_WINDOW_MS = 5 * 60_000;
const RECENT_DAYS = 90;

type Outcome = { results: unknown[] } | { status: number; error: string; description: string };
interface Call {
  ctx: Ctx;
  connection: Connection;
  id: string | undefined;
  now: Date;
}
type Answer = (call: Call) => Outcome;

const withinSca = (c: Connection, now: Date): boolean => now.getTime() - c.authenticatedAt.getTime() <= SCA_WINDOW_MS;
const scaExceeded: Outcome = {
  status: 403,
  error: 'sca_exceeded',
  description: 'Data older than 90 days (and /info) is only available within 5 minutes of the user logging in.',
};

function userAccounts({ ctx, connection }: Call, kind: 'account' | 'card'): BankAccount[] {
  return ctx.state.bank.userAccounts(connection.username).filter((a) => a.kind === kind);
}

const describe = (a: BankAccount, now: Date) =>
  a.kind === 'card' ? shape.cardJson(a, now) : shape.accountJson(a, now);

/** Looks up the {id} among the user's accounts (or cards): 404 account_not_found otherwise. */
function onAccount(kind: 'account' | 'card', answer: (call: Call, account: BankAccount) => Outcome): Answer {
  return (call) => {
    const account = userAccounts(call, kind).find((a) => a.id === call.id);
    if (account) return answer(call, account);
    return { status: 404, error: 'account_not_found', description: `No ${kind} with id ${call.id ?? ''}.` };
  };
}

function dateParam(value: string | null, fallback: string): string | undefined {
  if (value === null) return fallback;
  const day = value.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d\d:?\d\d)?)?$/.test(value)) return undefined;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && isoDate(parsed) === day ? day : undefined;
}

/** from/to are inclusive booking dates; from defaults to 90 days ago, to to today. */
function transactions({ ctx, connection, now }: Call, account: BankAccount): Outcome {
  const recent = isoDate(addDays(now, -RECENT_DAYS));
  const from = dateParam(ctx.url.searchParams.get('from'), recent);
  const to = dateParam(ctx.url.searchParams.get('to'), isoDate(now));
  if (from === undefined || to === undefined) {
    return { status: 400, error: 'validation_error', description: 'from and to must be dates (YYYY-MM-DD).' };
  }
  if (from > to) return { status: 400, error: 'invalid_date_range', description: 'from must not be after to.' };
  if (from < recent && !withinSca(connection, now)) return scaExceeded;
  return { results: [...shape.settledJson(account, from, to), ...(account.verbatim ?? [])] };
}

function notForSavings(feature: string, list: (now: Date) => unknown[]): Answer {
  return onAccount('account', ({ now }, account) =>
    account.accountType === 'SAVINGS'
      ? { status: 501, error: 'endpoint_not_supported', description: `${feature} are not supported for this account.` }
      : { results: list(now) },
  );
}

function me({ connection: c }: Call): Outcome {
  const consent = {
    client_id: c.clientId,
    credentials_id: c.id,
    consent_status: 'Authorised',
    consent_created_at: c.authenticatedAt.toISOString(),
    consent_expires_at: c.consentExpiresAt.toISOString(),
    scopes: c.scopes,
    provider: shape.PROVIDER,
  };
  return { results: [consent] };
}

function kindRoutes(kind: 'account' | 'card'): [RegExp, string[], Answer][] {
  const base = kind === 'account' ? 'accounts' : 'cards';
  const needs = kind === 'card' ? ['cards'] : [];
  return [
    [
      new RegExp(`^/${base}$`),
      [base],
      (call) => ({ results: userAccounts(call, kind).map((a) => describe(a, call.now)) }),
    ],
    [new RegExp(`^/${base}/([^/]+)$`), [base], onAccount(kind, ({ now }, a) => ({ results: [describe(a, now)] }))],
    [
      new RegExp(`^/${base}/([^/]+)/balance$`),
      [...needs, 'balance'],
      onAccount(kind, ({ now }, a) => ({ results: [shape.balanceJson(a, now)] })),
    ],
    [new RegExp(`^/${base}/([^/]+)/transactions$`), [...needs, 'transactions'], onAccount(kind, transactions)],
    [
      new RegExp(`^/${base}/([^/]+)/transactions/pending$`),
      [...needs, 'transactions'],
      onAccount(kind, (_call, a) => ({ results: shape.pendingJson(a) })),
    ],
  ];
}

/** [path under /data/v1, scopes it needs, answer] */
const ROUTES: [RegExp, string[], Answer][] = [
  [/^\/me$/, [], me],
  [
    /^\/info$/,
    ['info'],
    ({ connection, now }) =>
      withinSca(connection, now) ? { results: [shape.infoJson(connection.username, now)] } : scaExceeded,
  ],
  ...kindRoutes('account'),
  ...kindRoutes('card'),
  [
    /^\/accounts\/([^/]+)\/standing_orders$/,
    ['standing_orders'],
    notForSavings('Standing orders', shape.standingOrdersJson),
  ],
  [/^\/accounts\/([^/]+)\/direct_debits$/, ['direct_debits'], notForSavings('Direct debits', shape.directDebitsJson)],
];

const fail = (status: number, error: string, description: string): Outcome => ({ status, error, description });

/**
 * Everything under /data/v1, checked in TrueLayer's order: bearer, expiry/rotation, consent, scope,
 * injected faults, the mock login's error behaviour, then the endpoint's own (account, dates, SCA).
 * Undefined when a fault has already settled the response.
 */
async function evaluate(ctx: Ctx, subPath: string): Promise<Outcome | undefined> {
  const bearer = await checkBearer(ctx.state, ctx.req.headers.authorization);
  const connectionId = bearer.ok ? bearer.connection.id : bearer.connectionId;
  if (connectionId !== undefined) ctx.draft.connectionId = connectionId;
  if (!bearer.ok) return fail(401, 'invalid_token', bearer.description);
  const { connection } = bearer;
  const now = ctx.state.clock.now();
  const denied = consentProblem(connection, now);
  if (denied !== undefined) return fail(403, 'access_denied', denied);

  const route = ctx.method === 'GET' ? ROUTES.find(([path]) => path.test(subPath)) : undefined;
  if (!route) return fail(404, 'not_found', `No endpoint ${ctx.method} ${subPath}.`);
  const [path, scopes, answer] = route;
  const missing = scopes.find((s) => !connection.scopes.includes(s));
  if (missing !== undefined) {
    return fail(403, 'access_denied', `This endpoint needs the "${missing}" scope, which was not granted.`);
  }
  if (await applyFaults(ctx)) return undefined;
  // A revoke fault has just withdrawn consent.
  const revoked = consentProblem(connection, now);
  if (revoked !== undefined) return fail(403, 'access_denied', revoked);
  if (connection.behaviour.startsWith('error:')) {
    const code = connection.behaviour.slice('error:'.length);
    return fail(ERROR_LOGIN_STATUS[code] ?? 500, code, `The provider answered ${code}.`);
  }
  return answer({ ctx, connection, id: path.exec(subPath)?.[1], now });
}

export async function dataRoute(ctx: Ctx, subPath: string): Promise<void> {
  const outcome = await evaluate(ctx, subPath);
  if (!outcome) return;
  if ('results' in outcome) sendJson(ctx.res, 200, { results: outcome.results, status: 'Succeeded' });
  else sendError(ctx.res, outcome.status, outcome.error, outcome.description);
}
