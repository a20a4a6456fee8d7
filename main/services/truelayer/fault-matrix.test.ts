// Every failure TRUELAYER.md lists, injected at the emulator during a sync of
// a linked bank, with what the app must do about it. The closing note of
// issue 6 prints this table.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempSqlitePath } from '../../../e2e/support/test-databases.js';
import { startBankHarness, type BankHarness } from '../../../e2e/support/truelayer-harness.js';
import type { Fault } from '../../../e2e/truelayer-emulator/index.js';

type Outcome = 'ok' | 'needs reconnect' | 'fails, kept active';

interface Row {
  name: string;
  fault: Fault;
  outcome: Outcome;
  /** Pauses the backoff asked for. */
  waits?: number;
  refreshes?: number;
  /** Requests to the faulty path, first try included. */
  attempts?: number;
}

const BALANCE = /\/accounts\/[^/]+\/balance$/;
const PENDING = /\/transactions\/pending$/;
const status = (status: number, error: string, times = 1): Fault => ({
  kind: 'status',
  status,
  error,
  match: { server: 'data', path: BALANCE },
  times,
});

const MATRIX: Row[] = [
  {
    name: '401 invalid_token',
    fault: status(401, 'invalid_token'),
    outcome: 'ok',
    refreshes: 1,
    waits: 0,
    attempts: 2,
  },
  {
    name: '429 provider_too_many_requests ×2',
    fault: status(429, 'provider_too_many_requests', 2),
    outcome: 'ok',
    waits: 2,
    attempts: 3,
  },
  {
    name: '429 provider_request_limit_exceeded',
    fault: status(429, 'provider_request_limit_exceeded'),
    outcome: 'ok',
    waits: 1,
  },
  { name: '500 internal_server_error', fault: status(500, 'internal_server_error'), outcome: 'ok', waits: 1 },
  { name: '503 provider_error', fault: status(503, 'provider_error'), outcome: 'ok', waits: 1 },
  { name: '503 temporarily_unavailable', fault: status(503, 'temporarily_unavailable'), outcome: 'ok', waits: 1 },
  { name: '503 connector_overload', fault: status(503, 'connector_overload'), outcome: 'ok', waits: 1 },
  { name: '504 gateway timeout', fault: status(504, 'gateway_timeout'), outcome: 'ok', waits: 1 },
  {
    name: '503 that never ends',
    fault: status(503, 'provider_error', 50),
    outcome: 'fails, kept active',
    waits: 4,
    attempts: 5,
  },
  { name: 'dropped connection', fault: { kind: 'drop', match: { path: BALANCE } }, outcome: 'ok', waits: 1 },
  { name: 'malformed JSON', fault: { kind: 'malformed', match: { path: BALANCE } }, outcome: 'ok', waits: 1 },
  { name: 'slow answer', fault: { kind: 'slow', ms: 50, match: { path: BALANCE } }, outcome: 'ok', waits: 0 },
  {
    name: '501 endpoint_not_supported on pending',
    fault: { kind: 'status', status: 501, error: 'endpoint_not_supported', match: { path: PENDING }, times: 3 },
    outcome: 'ok',
    waits: 0,
  },
  {
    name: '403 on pending keeps the pending set',
    fault: { kind: 'status', status: 403, error: 'access_denied', match: { path: PENDING }, times: 3 },
    outcome: 'ok',
    waits: 0,
  },
  {
    name: '403 access_denied (consent withdrawn)',
    fault: status(403, 'access_denied'),
    outcome: 'needs reconnect',
    waits: 0,
  },
  {
    name: 'consent revoked at the bank',
    fault: { kind: 'revoke', match: { path: BALANCE } },
    outcome: 'needs reconnect',
    waits: 0,
  },
  {
    name: '403 sca_exceeded on an incremental sync',
    fault: { kind: 'status', status: 403, error: 'sca_exceeded', match: { path: /\/transactions$/ } },
    outcome: 'fails, kept active',
    waits: 0,
  },
  { name: '404 account_not_found', fault: status(404, 'account_not_found'), outcome: 'fails, kept active', waits: 0 },
  {
    name: 'token endpoint 500 during refresh',
    fault: { kind: 'status', status: 500, error: 'internal_server_error', match: { path: '/connect/token' } },
    outcome: 'fails, kept active',
    refreshes: 0,
  },
  {
    name: 'token endpoint 400 invalid_grant (rotated or expired refresh token)',
    fault: { kind: 'status', status: 400, error: 'invalid_grant', match: { path: '/connect/token' } },
    outcome: 'needs reconnect',
    refreshes: 0,
  },
  {
    name: 'token endpoint 401 unauthorized_client',
    fault: { kind: 'status', status: 401, error: 'unauthorized_client', match: { path: '/connect/token' } },
    outcome: 'fails, kept active',
    refreshes: 0,
  },
];

describe('fault matrix: one linked bank, one fault per sync', () => {
  let h: BankHarness;
  let id: number;
  let transactions: number;
  beforeAll(async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    id = await h.link();
    transactions = await h.store.countTransactions({});
  });
  afterAll(async () => h.close());
  beforeEach(async () => {
    // Each row starts from an active connection with fresh consent: a new login if the last row ended it.
    if ((await h.store.bank.getConnection(id)).status !== 'active') {
      const started = await h.service.startLink({ reconnect: id });
      await h.service.completeLink(await h.emulator.authorize(started.url, { username: 'john', password: 'doe' }));
    }
    h.emulator.clearFaults();
    h.emulator.clearRequests();
    h.waits.length = 0;
  });

  it.each(MATRIX)('$name → $outcome', async (row) => {
    const tokenFault = row.fault.match?.path === '/connect/token';
    // Token faults need a refresh to be due.
    if (tokenFault) h.emulator.clock.advance({ minutes: 61 });
    const pendingBefore = await pendingCount(h, id);
    h.emulator.injectFault(row.fault);
    const outcome = await h.service.sync(id).then(
      () => 'ok' as const,
      (error: unknown) =>
        (error as { code?: string }).code === 'forbidden'
          ? ('needs reconnect' as const)
          : ('fails, kept active' as const),
    );
    expect(outcome).toBe(row.outcome);
    const connection = await h.store.bank.getConnection(id);
    expect(connection.status).toBe(row.outcome === 'needs reconnect' ? 'authorization_required' : 'active');
    if (row.outcome !== 'ok') expect(connection.lastError).toBeTruthy();
    // Nothing synced is ever lost, whatever the failure.
    expect(await h.store.countTransactions({})).toBe(transactions);
    if (row.fault.match?.path === PENDING) expect(await pendingCount(h, id)).toBe(pendingBefore);
    if (row.waits !== undefined) expect(h.waits).toHaveLength(row.waits);
    for (const w of h.waits) expect(w).toBeLessThanOrEqual(16_000);
    const refreshes = h.emulator.requests().filter((r) => r.grantType === 'refresh_token' && r.status === 200);
    if (row.refreshes !== undefined) expect(refreshes).toHaveLength(row.refreshes);
    if (row.attempts !== undefined) {
      const path = row.fault.match?.path;
      const hits = h.emulator
        .requests()
        .filter((r) => path instanceof RegExp && path.test(r.path) && r.server === 'data');
      // The first account's balance takes the fault; count its requests only.
      const first = hits[0]?.path;
      expect(hits.filter((r) => r.path === first)).toHaveLength(row.attempts);
    }
    // Once the fault is gone, the next sync works again unless a new login is needed.
    h.emulator.clearFaults();
    if (row.outcome === 'fails, kept active') await expect(h.service.sync(id)).resolves.toMatchObject({ accounts: 3 });
  });
});

async function pendingCount(h: BankHarness, id: number): Promise<number> {
  let n = 0;
  for (const a of await h.store.bank.listAccounts(id)) n += (await h.store.bank.transactions.listPending(a.id)).length;
  return n;
}

describe('sandbox error logins', () => {
  it.each([
    ['wrong_credentials', 'needs reconnect'],
    ['account_permanently_locked', 'needs reconnect'],
    ['user_input_required', 'needs reconnect'],
    ['account_temporarily_locked', 'fails, kept active'],
    ['internal_error', 'fails, kept active'],
    ['provider_error', 'fails, kept active'],
  ] as const)('error.%s links, then its first sync %s', async (code, outcome) => {
    const h = await startBankHarness({ target: tempSqlitePath() });
    try {
      const started = await h.service.startLink();
      const redirect = await h.emulator.authorize(started.url, { username: `error.${code}`, password: 'error' });
      const result = await h.service.completeLink(redirect).then(
        () => 'ok',
        (error: unknown) =>
          (error as { code?: string }).code === 'forbidden' ? 'needs reconnect' : 'fails, kept active',
      );
      expect(result).toBe(outcome);
      const [connection] = await h.store.bank.listConnections();
      expect(connection?.status).toBe(outcome === 'needs reconnect' ? 'authorization_required' : 'active');
      expect(connection?.lastError).toBeTruthy();
    } finally {
      await h.close();
    }
  });
});
